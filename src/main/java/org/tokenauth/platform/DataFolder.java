package org.tokenauth.platform;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;

/**
 * Where this server keeps its files ({@code tokenauth.data-dir}, made absolute once): the H2 database
 * and, on a single node, the key-encryption key. Readable by the server's own user only: the folder
 * is {@code rwx------} and every file in it {@code rw-------}, made so at each start, since the
 * database creates its files with the process's umask.
 */
@ApplicationScoped
public class DataFolder {

    public static final Setting<String> DATA_DIR = Setting.text("tokenauth.data-dir", "./data",
            "the data folder: the H2 database, and the key-encryption key of a single node");

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private Path path;

    protected DataFolder() {
        // for CDI's proxy
    }

    @Inject
    public DataFolder(Config config) {
        path = Path.of(DATA_DIR.read(config)).toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }

    /** First of all at start; the database may have made the folder already, with looser rights. */
    void secure(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 10) @Initialized(ApplicationScoped.class) Object started) {
        try {
            Files.createDirectories(path);
            restrict(path, FOLDER);
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    restrict(file, FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data folder " + path + " private", e);
        }
    }

    /** Sets the owner-only rights, where the file system has POSIX rights. */
    public static void restrict(Path file, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(file, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // e.g. a Windows file system: its ACLs are the operator's business
        } catch (FileSystemException vanished) {
            if (Files.exists(file)) {
                throw vanished;
            }
        }
    }
}
