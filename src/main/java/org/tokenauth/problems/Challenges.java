package org.tokenauth.problems;

/** The {@code WWW-Authenticate} values of a 401: both schemes, RFC 6750's error for a bad bearer token. */
public final class Challenges {

    private Challenges() {
    }

    /**
     * @param bearerError {@code null} when no bearer token was presented, else an RFC 6750 error code
     *                    such as {@code invalid_token}
     */
    public static String both(String bearerError) {
        String bearer = "Bearer realm=\"token-auth\"";
        if (bearerError != null) {
            bearer += ", error=\"" + bearerError + "\"";
        }
        return bearer + ", Token realm=\"token-auth\"";
    }
}
