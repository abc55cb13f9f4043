package org.tokenauth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.TestServer;
import org.tokenauth.support.TestServers;

/**
 * Issue 10, item 8: the data folder holds the H2 database and the key that encrypts the signing keys;
 * no other local user may read them. The folder is {@code rwx------} and every file in it
 * {@code rw-------}, whatever the process's umask.
 */
class DataFolderIT {

    final TestServer server = TestServers.shared();

    @Test
    void theDataFolderAndItsFilesAreTheServersUsersAlone() throws IOException {
        server.api().jwt().jwks(); // started, and the database written
        Path folder = server.dataFolder();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)), folder.toString());
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty(), "the data folder is empty");
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("key-encryption-key")), files.toString());
        if (!TestServers.onPostgreSql()) {
            assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("tokenauth.mv.db")), files.toString());
        }
        for (Path file : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }
}
