package org.tokenauth.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Opaque secrets in the form {@code <kind>_<256 random bits, base64url><checksum>}, the way GitHub
 * shapes its tokens: the kind tells a secret scanner what leaked, and the six-character CRC32
 * checksum lets a mistyped or invented token be refused before any database read. Only the SHA-256
 * of a secret is ever stored. Used for API tokens ({@code tka_}) and refresh tokens ({@code tkr_}).
 */
public final class OpaqueSecrets {

    public static final String API_TOKEN = "tka_";
    public static final String REFRESH_TOKEN = "tkr_";
    /** How many leading characters of a token are kept in clear, so people can tell tokens apart. */
    public static final int PREFIX_LENGTH = 12;

    static final int RANDOM_BYTES = 32;
    static final int RANDOM_CHARS = 43; // 32 bytes in base64url without padding
    static final int CHECKSUM_CHARS = 6;

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private OpaqueSecrets() {
    }

    public static String generate(String kind) {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        String body = kind + BASE64URL.encodeToString(bytes);
        return body + checksum(body);
    }

    /** Shape and checksum only: true says nothing about whether the token exists. */
    public static boolean wellFormed(String token, String kind) {
        if (token == null || token.length() != kind.length() + RANDOM_CHARS + CHECKSUM_CHARS || !token.startsWith(kind)) {
            return false;
        }
        if (!Base64Url.isAlphabet(token, kind.length(), kind.length() + RANDOM_CHARS)) {
            return false;
        }
        String body = token.substring(0, token.length() - CHECKSUM_CHARS);
        return MessageDigest.isEqual(checksum(body).getBytes(StandardCharsets.US_ASCII),
                token.substring(body.length()).getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String displayPrefix(String token) {
        return token.substring(0, PREFIX_LENGTH);
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_CHARS];
        for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
