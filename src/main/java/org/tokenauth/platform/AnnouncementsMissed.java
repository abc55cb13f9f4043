package org.tokenauth.platform;

import java.time.Instant;

/**
 * This server may have missed announcements of the others (it rejoined the cluster after a split,
 * or members came and went): whatever it keeps in memory of revocations is read again from the
 * database, which is the one source of truth.
 */
public record AnnouncementsMissed(Instant at) {
}
