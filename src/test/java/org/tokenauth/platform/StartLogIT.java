package org.tokenauth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.TestServer;
import org.tokenauth.support.TestServers;

/**
 * Issue 14: a clean start prints no WARNING or SEVERE line and no stack trace, from our code or from
 * the configuration we control (the boot command files, the run options). The shared server's log
 * from its start to now; the restart is checked in {@code RestartIT}.
 */
class StartLogIT {

    @Test
    void aCleanStartPrintsNoWarningAndNoStackTrace() {
        TestServer server = TestServers.shared();
        assertEquals(List.of(), server.warnings());
    }
}
