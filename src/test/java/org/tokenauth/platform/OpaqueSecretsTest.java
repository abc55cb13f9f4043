package org.tokenauth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpaqueSecretsTest {

    static final String BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    static Pattern shape(String kind) {
        // kind, 43 base64url characters (256 bits), 6 checksum characters
        return Pattern.compile(Pattern.quote(kind) + "[A-Za-z0-9_-]{43}[A-Za-z0-9]{6}");
    }

    @ParameterizedTest
    @ValueSource(strings = {OpaqueSecrets.API_TOKEN, OpaqueSecrets.REFRESH_TOKEN})
    void generatesWellFormedTokensOfTheGivenKind(String kind) {
        for (int i = 0; i < 100; i++) {
            String token = OpaqueSecrets.generate(kind);
            assertTrue(token.startsWith(kind), token);
            assertEquals(53, token.length(), token);
            assertTrue(shape(kind).matcher(token).matches(), token);
            byte[] random = Base64.getUrlDecoder().decode(token.substring(4, 47));
            assertEquals(32, random.length);
            assertTrue(OpaqueSecrets.wellFormed(token, kind), token);
        }
    }

    @Test
    void theKindsArePrefixesOfFourCharacters() {
        assertEquals("tka_", OpaqueSecrets.API_TOKEN);
        assertEquals("tkr_", OpaqueSecrets.REFRESH_TOKEN);
    }

    @Test
    void aTokenIsNotWellFormedAsTheOtherKind() {
        String api = OpaqueSecrets.generate(OpaqueSecrets.API_TOKEN);
        String refresh = OpaqueSecrets.generate(OpaqueSecrets.REFRESH_TOKEN);
        assertFalse(OpaqueSecrets.wellFormed(api, OpaqueSecrets.REFRESH_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed(refresh, OpaqueSecrets.API_TOKEN));
        // relabelling is caught too: the checksum covers the kind
        assertFalse(OpaqueSecrets.wellFormed(OpaqueSecrets.REFRESH_TOKEN + api.substring(4), OpaqueSecrets.REFRESH_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed(OpaqueSecrets.API_TOKEN + refresh.substring(4), OpaqueSecrets.API_TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {OpaqueSecrets.API_TOKEN, OpaqueSecrets.REFRESH_TOKEN})
    void everySingleCharacterChangeIsCaught(String kind) {
        for (int n = 0; n < 5; n++) {
            String token = OpaqueSecrets.generate(kind);
            int checked = 0;
            for (int position = 0; position < token.length(); position++) {
                char original = token.charAt(position);
                for (char replacement : BASE64URL_ALPHABET.toCharArray()) {
                    if (replacement == original) {
                        continue;
                    }
                    String changed = token.substring(0, position) + replacement + token.substring(position + 1);
                    assertFalse(OpaqueSecrets.wellFormed(changed, kind),
                            "position " + position + ": " + original + " -> " + replacement + " in " + token);
                    checked++;
                }
            }
            assertEquals(53 * 63, checked);
        }
    }

    @Test
    void swappingTwoNeighboursIsCaught() {
        String token = OpaqueSecrets.generate(OpaqueSecrets.API_TOKEN);
        for (int position = 0; position + 1 < token.length(); position++) {
            if (token.charAt(position) == token.charAt(position + 1)) {
                continue;
            }
            String swapped = token.substring(0, position) + token.charAt(position + 1) + token.charAt(position)
                    + token.substring(position + 2);
            assertFalse(OpaqueSecrets.wellFormed(swapped, OpaqueSecrets.API_TOKEN), "swap at " + position);
        }
    }

    @Test
    void refusesTheWrongLength() {
        String token = OpaqueSecrets.generate(OpaqueSecrets.API_TOKEN);
        assertFalse(OpaqueSecrets.wellFormed(token + "A", OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed(token.substring(0, 52), OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed(token + token, OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed("", OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed("tka_", OpaqueSecrets.API_TOKEN));
        // a body one character shorter with a checksum that is right for it
        String shortBody = token.substring(0, 46);
        assertFalse(OpaqueSecrets.wellFormed(shortBody + OpaqueSecrets.checksum(shortBody), OpaqueSecrets.API_TOKEN));
    }

    @Test
    void refusesNull() {
        assertFalse(OpaqueSecrets.wellFormed(null, OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed(null, OpaqueSecrets.REFRESH_TOKEN));
    }

    @Test
    void refusesSpacesAndOtherCharacters() {
        String token = OpaqueSecrets.generate(OpaqueSecrets.API_TOKEN);
        assertFalse(OpaqueSecrets.wellFormed(" " + token, OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed(token + " ", OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed(token + "\n", OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed(" " + token.substring(1), OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed(token.substring(0, 52) + " ", OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed("Token " + token, OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed(" ".repeat(53), OpaqueSecrets.API_TOKEN));
    }

    @ParameterizedTest
    @ValueSource(chars = {' ', '+', '/', '=', '.', '~', '\0', '\u00E9', '\u0430'})
    void refusesABodyOutsideBase64urlEvenWithAMatchingChecksum(char foreign) {
        String token = OpaqueSecrets.generate(OpaqueSecrets.API_TOKEN);
        String body = token.substring(0, 20) + foreign + token.substring(21, 47);
        assertEquals(47, body.length());
        // the checksum alone would be content with it
        assertFalse(OpaqueSecrets.wellFormed(body + OpaqueSecrets.checksum(body), OpaqueSecrets.API_TOKEN));
    }

    @Test
    void aBodyWithItsChecksumIsWellFormed() {
        // the check is the one documented: CRC32 of the kind and body, six base62 characters
        String body = OpaqueSecrets.API_TOKEN + "A".repeat(43);
        String token = body + OpaqueSecrets.checksum(body);
        assertTrue(OpaqueSecrets.wellFormed(token, OpaqueSecrets.API_TOKEN));
        assertEquals(6, OpaqueSecrets.checksum(body).length());
        assertTrue(OpaqueSecrets.checksum(body).matches("[0-9A-Za-z]{6}"));
    }

    @Test
    void madeUpTokensOfTheRightShapeAreRefused() {
        assertFalse(OpaqueSecrets.wellFormed("tka_" + "A".repeat(49), OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed("tka_" + "0".repeat(49), OpaqueSecrets.API_TOKEN));
        assertFalse(OpaqueSecrets.wellFormed("tkr_" + "_".repeat(49), OpaqueSecrets.REFRESH_TOKEN));
    }

    @Test
    void displayPrefixIsTheFirstTwelveCharacters() {
        String token = OpaqueSecrets.generate(OpaqueSecrets.API_TOKEN);
        String prefix = OpaqueSecrets.displayPrefix(token);
        assertEquals(12, prefix.length());
        assertEquals(OpaqueSecrets.PREFIX_LENGTH, prefix.length());
        assertEquals(token.substring(0, 12), prefix);
        assertTrue(prefix.startsWith("tka_"));
    }

    @Test
    void sha256HexIsLowercaseHexOfTheUtf8Bytes() throws Exception {
        for (int i = 0; i < 20; i++) {
            String token = OpaqueSecrets.generate(i % 2 == 0 ? OpaqueSecrets.API_TOKEN : OpaqueSecrets.REFRESH_TOKEN);
            String hex = OpaqueSecrets.sha256Hex(token);
            assertTrue(HEX64.matcher(hex).matches(), hex);
            assertEquals(independentSha256Hex(token), hex);
            assertNotEquals(token, hex);
        }
    }

    @Test
    void sha256HexKnownAnswers() {
        // FIPS 180-2 "abc"; the second computed with Python's hashlib over the UTF-8 bytes
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", OpaqueSecrets.sha256Hex("abc"));
        assertEquals("2e083ec7561badedd9b3b980f86050f572cbbd6cf575960189501a4b35f896ba", OpaqueSecrets.sha256Hex("tka_\u00E9"));
    }

    @Test
    void tenThousandTokensAreDistinct() {
        Set<String> tokens = new HashSet<>();
        Set<String> randomParts = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String token = OpaqueSecrets.generate(OpaqueSecrets.API_TOKEN);
            if (!tokens.add(token)) {
                duplicates.add(token);
            }
            randomParts.add(token.substring(4, 47));
        }
        assertEquals(List.of(), duplicates);
        assertEquals(10_000, tokens.size());
        assertEquals(10_000, randomParts.size(), "the random parts are distinct too");
    }

    static String independentSha256Hex(String s) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }
}
