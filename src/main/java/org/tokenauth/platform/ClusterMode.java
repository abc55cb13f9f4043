package org.tokenauth.platform;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this server is one node of several sharing one database: told at start by the server's
 * data grid, if it has one. Some settings are required then (the key-encryption key must be the same
 * on every node).
 */
@ApplicationScoped
public class ClusterMode {

    private volatile boolean clustered;

    public boolean clustered() {
        return clustered;
    }

    /** Called once at start by whatever connects this node to the others. */
    public void joined(boolean clusteredNow) {
        clustered = clusteredNow;
    }
}
