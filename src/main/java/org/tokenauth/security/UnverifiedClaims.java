package org.tokenauth.security;

import org.tokenauth.platform.JsonP;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Optional;

/**
 * The claims of a compact JWT read <em>without</em> checking its signature. Only ever used to refuse
 * a token early (its session is ended, its user disabled); acceptance is the signature check's job.
 */
public record UnverifiedClaims(String subject, String sessionId, long issuedAt) {

    private static final int MAX_LENGTH = 16 * 1024;

    /** Empty when the text is not three base64url segments with a JSON object in the middle. */
    public static Optional<UnverifiedClaims> of(String compact) {
        if (compact.isEmpty() || compact.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int first = compact.indexOf('.');
        int second = first < 0 ? -1 : compact.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || compact.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return Optional.empty();
            }
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(compact.substring(first + 1, second));
            JsonValue value = JsonP.PROVIDER.createReader(new ByteArrayInputStream(payload)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return Optional.empty();
            }
            JsonObject claims = value.asJsonObject();
            return Optional.of(new UnverifiedClaims(text(claims.get("sub")), text(claims.get("sid")),
                    claims.get("iat") instanceof JsonNumber n ? n.longValue() : 0));
        } catch (IllegalArgumentException | jakarta.json.JsonException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : null;
    }
}
