package org.tokenauth.accounts.control;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a credential may do beyond the roles of its groups. A scope is one of the owner's groups (the
 * credential then has that role, as long as the owner has the group), or one of ours:
 * {@value #TOKENS_MANAGE} (make, list and revoke API tokens), {@value #ACCOUNT_MANAGE} (change the
 * password) and {@value #TOKENS_INTROSPECT} (ask whether other credentials are live; only an
 * administrator's token may hold it, and it carries no other right).
 *
 * <p>A credential without scopes (an API token made without {@code scopes}, an access token from a
 * login by password) has all of its owner's groups and both management scopes.
 */
public final class Scopes {

    public static final String TOKENS_MANAGE = "tokens:manage";
    public static final String ACCOUNT_MANAGE = "account:manage";
    public static final String TOKENS_INTROSPECT = "tokens:introspect";
    /** What a credential without scopes may do besides its groups. */
    public static final Set<String> UNSCOPED = Set.of(TOKENS_MANAGE, ACCOUNT_MANAGE);
    static final Set<String> OURS = Set.of(TOKENS_MANAGE, ACCOUNT_MANAGE, TOKENS_INTROSPECT);
    public static final String ADMIN_GROUP = "admin";

    private Scopes() {
    }

    /** The roles of a credential: its owner's groups, narrowed to its scopes if it has any. */
    public static List<String> roles(List<String> ownerGroups, Optional<Set<String>> scopes) {
        return scopes.map(s -> ownerGroups.stream().filter(s::contains).toList()).orElse(ownerGroups);
    }

    /** Our scopes that a credential holds now (with its owner's groups of now). */
    public static Set<String> grants(List<String> ownerGroups, Optional<Set<String>> scopes) {
        if (scopes.isEmpty()) {
            return UNSCOPED;
        }
        Set<String> held = new TreeSet<>();
        for (String scope : scopes.get()) {
            if (OURS.contains(scope) && (!TOKENS_INTROSPECT.equals(scope) || ownerGroups.contains(ADMIN_GROUP))) {
                held.add(scope);
            }
        }
        return Set.copyOf(held);
    }

    /** Why the owner may not give a credential this scope, or empty when it may. */
    public static Optional<String> refusal(String scope, List<String> ownerGroups) {
        if (TOKENS_INTROSPECT.equals(scope) && !ownerGroups.contains(ADMIN_GROUP)) {
            return Optional.of(scope + " can only be given by an administrator");
        }
        if (!OURS.contains(scope) && !ownerGroups.contains(scope)) {
            return Optional.of(scope + " is neither a group of this account nor one of " + String.join(", ", new TreeSet<>(OURS)));
        }
        return Optional.empty();
    }

    /** Everything a credential of this owner with these scopes holds: the scopes as {@code /api/me} shows them. */
    public static Set<String> shown(List<String> ownerGroups, Optional<Set<String>> scopes) {
        Set<String> all = new LinkedHashSet<>(roles(ownerGroups, scopes));
        all.addAll(new TreeSet<>(grants(ownerGroups, scopes)));
        return all;
    }
}
