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
public class StartLogIT {

    @Test
    void aCleanStartPrintsNoWarningAndNoStackTrace() {
        TestServer server = TestServers.shared();
        assertEquals(List.of(), warnings(server));
    }

    /** The WARNING and SEVERE lines and stack traces in a server's log (as the server writes them). */
    public static List<String> warnings(TestServer server) {
        return server.logLines().stream()
                .filter(line -> line.contains("WARNING") || line.contains("SEVERE") || line.contains("ERROR")
                        || line.startsWith("\tat ") || line.contains("Exception:"))
                .toList();
    }
}
