package org.tokenauth.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Takes compact JWTs apart and puts forged ones together, with nothing but the JDK and JSON-P: the
 * attacker's toolbox, deliberately independent of the server's JWT library.
 */
public final class Jwts {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private Jwts() {
    }

    /** The three segments of a compact JWS, as they are (base64url). */
    public static String[] segments(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new AssertionError("not a compact JWS: " + jwt);
        }
        return parts;
    }

    public static JsonObject header(String jwt) {
        return decodeJson(segments(jwt)[0]);
    }

    public static JsonObject claims(String jwt) {
        return decodeJson(segments(jwt)[1]);
    }

    public static JsonObject decodeJson(String segment) {
        return Json.createReader(new StringReader(new String(B64URL_DECODER.decode(segment), StandardCharsets.UTF_8))).readObject();
    }

    public static String encode(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    public static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String encodeJson(JsonObject json) {
        return encode(json.toString());
    }

    /** {@code header.payload.signature}, signed with HMAC-SHA256 under the given secret bytes. */
    public static String hs256(String headerSegment, String payloadSegment, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String signingInput = headerSegment + "." + payloadSegment;
            return signingInput + "." + encode(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code header.payload.signature}, signed with SHA256withRSA (RS256) under the given private key. */
    public static String rs256(String headerSegment, String payloadSegment, PrivateKey key) {
        try {
            java.security.Signature signature = java.security.Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            String signingInput = headerSegment + "." + payloadSegment;
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSA public key of a JWK ({@code n}, {@code e}), built with the JDK's KeyFactory. */
    public static RSAPublicKey rsaPublicKey(JsonObject jwk) {
        try {
            BigInteger n = new BigInteger(1, B64URL_DECODER.decode(jwk.getString("n")));
            BigInteger e = new BigInteger(1, B64URL_DECODER.decode(jwk.getString("e")));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The PEM text ({@code -----BEGIN PUBLIC KEY-----}, 64-character lines) of an X.509 public key. */
    public static String pem(RSAPublicKey key, String lineEnd, boolean trailingLineEnd) {
        String body = Base64.getMimeEncoder(64, lineEnd.getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----" + lineEnd + body + lineEnd + "-----END PUBLIC KEY-----" + (trailingLineEnd ? lineEnd : "");
    }
}
