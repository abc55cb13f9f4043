package org.tokenauth.platform;

/** The base64url alphabet (RFC 4648 §5), checked by hand: cheap enough for every request. */
public final class Base64Url {

    private Base64Url() {
    }

    public static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** Whether every character of {@code text} from {@code from} (inclusive) to {@code to} (exclusive) is base64url. */
    public static boolean isAlphabet(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAlphabet(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
