package org.tokenauth.platform;

import java.io.Serializable;

/**
 * A change that every server process must learn of at once, fired as a CDI event by the feature
 * that made it: an API token revoked, a session ended, an account disabled, a password or the groups
 * changed, the signing keys changed. Observers in the same process apply it when its transaction
 * commits; where several processes share the database, the same event is announced to the others,
 * which apply it as well. So each is small and serialisable, and carries ids and times only, and
 * applying one twice does no harm.
 */
public interface Announced extends Serializable {
}
