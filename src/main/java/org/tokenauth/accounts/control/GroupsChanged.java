package org.tokenauth.accounts.control;

import java.time.Instant;
import java.util.List;
import org.tokenauth.platform.Announced;

/**
 * An administrator set the account's groups at {@code at}: credentials made before may keep working,
 * but with no more rights than {@code groups}.
 */
public record GroupsChanged(String accountId, Instant at, List<String> groups) implements Announced {

    public GroupsChanged {
        groups = List.copyOf(groups);
    }
}
