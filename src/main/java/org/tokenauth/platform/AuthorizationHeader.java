package org.tokenauth.platform;

import java.util.Optional;

/**
 * The {@code Authorization} header split into its scheme and credentials: the one parser, so that
 * the mechanism that checks a credential and the error page that explains a refusal agree on what
 * was presented. The scheme is case-insensitive (RFC 9110 §11.1) and ends at a space or at the end
 * of the header; the credentials are what follows the space, without surrounding white space.
 *
 * @param credentials null when nothing follows the scheme
 */
public record AuthorizationHeader(Scheme scheme, String credentials) {

    public enum Scheme {
        BEARER("Bearer"), TOKEN("Token"), OTHER(null);

        private final String name;

        Scheme(String name) {
            this.name = name;
        }
    }

    /** Empty without a header; {@link Scheme#OTHER} for a scheme we do not know. */
    public static Optional<AuthorizationHeader> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (Scheme scheme : Scheme.values()) {
            if (scheme.name != null && startsWithScheme(header, scheme.name)) {
                String rest = header.substring(scheme.name.length());
                // "Token" alone is a malformed credential of that scheme
                return Optional.of(new AuthorizationHeader(scheme, rest.startsWith(" ") ? rest.strip() : null));
            }
        }
        return Optional.of(new AuthorizationHeader(Scheme.OTHER, null));
    }

    public boolean is(Scheme s) {
        return scheme == s;
    }

    private static boolean startsWithScheme(String header, String scheme) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length())
                && (header.length() == scheme.length() || header.charAt(scheme.length()) == ' ');
    }
}
