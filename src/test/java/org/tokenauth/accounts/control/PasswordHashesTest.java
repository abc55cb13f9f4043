package org.tokenauth.accounts.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tokenauth.accounts.control.PasswordHashes.Argon2Cost;

class PasswordHashesTest {

    /** The configured default, tokenauth.password.argon2.* (OWASP: m=19 MiB, t=2, p=1). */
    static final Argon2Cost DEFAULT = new Argon2Cost(19456, 2, 1);
    /** Cheap, for tests about the format rather than the cost. */
    static final Argon2Cost CHEAP = new Argon2Cost(64, 1, 1);

    static final Pattern DEFAULT_PHC = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})$");

    /*
     * Known answers of the reference implementation (Debian's "argon2" package, the reference
     * C implementation's CLI, 0~20171227), not of the code under test:
     *   echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 -e
     * The first one is also the Argon2id v1.3 known answer in the reference repository's test.c.
     */
    static final String REF_ARGON2ID = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    /** Same with -l 24: a shorter hash than the 32 bytes this application makes. */
    static final String REF_ARGON2ID_24_BYTES = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$2mzTAI85jwP6+k/mHDeH3OgNt7E86G5W";
    /**
     * printf 'p\xc3\xa4ssw\xc3\xb6rd \xe2\x98\x83 ok' | argon2 saltsaltsalt16by -id -t 2 -m 10 -p 2 -l 32 -e
     * (a non-ASCII password, hashed as UTF-8, with two lanes).
     */
    static final String REF_ARGON2ID_UTF8_P2 = "$argon2id$v=19$m=1024,t=2,p=2$c2FsdHNhbHRzYWx0MTZieQ$KfhtTqMuXC7LJW+rM05mQnqI35Pd2E67951CF8ozf4I";
    static final String REF_UTF8_PASSWORD = "p\u00E4ssw\u00F6rd \u2603 ok";
    /** The same reference CLI, same input, for the variants and the version this class does not take. */
    static final String REF_ARGON2I = "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA";
    static final String REF_ARGON2D = "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$lV5dWxY6G2C7o1/DbQSWR0+6T2tZrVNihmbwf7L5Pq8";
    static final String REF_ARGON2ID_V16 = "$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$mA69JKTmZ/FjRvnUp4sXVyh4NhPgzG+xfC7IhLFkNd8";

    /*
     * Django's pbkdf2_sha256 form, computed with Python's hashlib, independently of the code under test:
     *   "pbkdf2_sha256$%d$%s$%s" % (it, salt, base64.b64encode(
     *       hashlib.pbkdf2_hmac('sha256', pw.encode('utf-8'), salt.encode(), it)).decode())
     */
    static final String DJANGO_PASSWORD = "correct horse battery staple";
    static final String DJANGO_600K = "pbkdf2_sha256$600000$Qm9vVgZ3x1sJk2pR7tLw4e$sFluANdqqZpylW9dWmcQVIpwhXww/dnAzHTQhKHT5VM=";
    static final String DJANGO_720K = "pbkdf2_sha256$720000$Qm9vVgZ3x1sJk2pR7tLw4e$bBS1Kc1jeH703hKTeyXnH17rgROSVIYMSwLcH173i6I=";
    static final String DJANGO_UTF8_PASSWORD = "gr\u00FC\u00DFe, \u2603 und \uD83D\uDD11 dazu";
    static final String DJANGO_UTF8_600K = "pbkdf2_sha256$600000$h7YfT0aKq3LmZ9cXb2RnWs$2/EgzMg3SSVH43d6zSHzxFarP/57KL8eX44P3sswGeg=";
    /** Right password, too few iterations: must never verify. */
    static final String DJANGO_1000 = "pbkdf2_sha256$1000$Qm9vVgZ3x1sJk2pR7tLw4e$TTIBM5lcnCU8SMTDGcD3LPtGDJB6GyL71q26N6jNqAA=";
    static final String DJANGO_599999 = "pbkdf2_sha256$599999$Qm9vVgZ3x1sJk2pR7tLw4e$gtlmvOp/LSdanBsz+VIvU8RougT6e1jZXTvBJijRP9Q=";

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Argon2idAtTheDefaultCost {

        final String password = "correct horse battery staple";
        String stored;

        @BeforeAll
        void hashOnce() {
            stored = PasswordHashes.hash(password, DEFAULT, null);
        }

        @Test
        void isAPhcStringWithTheCostA16ByteSaltAndA32ByteHash() {
            assertTrue(DEFAULT_PHC.matcher(stored).matches(), stored);
        }

        @Test
        void verifiesTheRightPassword() {
            assertTrue(PasswordHashes.verify(password, stored, null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"correct horse battery stapl", "correct horse battery staplE", "Correct horse battery staple",
                "correct horse battery staple ", " correct horse battery staple", "", "x"})
        void refusesAWrongPassword(String wrong) {
            assertFalse(PasswordHashes.verify(wrong, stored, null));
        }

        @Test
        void refusesNulls() {
            assertFalse(PasswordHashes.verify(null, stored, null));
            assertFalse(PasswordHashes.verify(password, null, null));
            assertFalse(PasswordHashes.verify(null, null, null));
        }

        @Test
        void twoHashesOfOnePasswordDifferInSaltAndHash() {
            String again = PasswordHashes.hash(password, DEFAULT, null);
            assertNotEquals(stored, again);
            Matcher first = DEFAULT_PHC.matcher(stored);
            Matcher second = DEFAULT_PHC.matcher(again);
            assertTrue(first.matches() && second.matches());
            assertNotEquals(first.group(1), second.group(1), "salt");
            assertNotEquals(first.group(2), second.group(2), "hash");
            assertTrue(PasswordHashes.verify(password, again, null));
        }

        @Test
        void doesNotNeedARehashAtTheSameCost() {
            assertFalse(PasswordHashes.needsRehash(stored, DEFAULT));
        }

        @ParameterizedTest(name = "configured m={0},t={1},p={2}")
        @CsvSource({"19457,2,1", "65536,2,1", "19456,3,1", "19456,2,2", "65536,4,4"})
        void needsARehashWhenTheConfiguredCostIsHigherInAnyParameter(int m, int t, int p) {
            assertTrue(PasswordHashes.needsRehash(stored, new Argon2Cost(m, t, p)));
        }

        @ParameterizedTest(name = "configured m={0},t={1},p={2}")
        @CsvSource({"19456,2,1", "19455,2,1", "19456,1,1", "4096,1,1", "8,1,1"})
        void needsNoRehashWhenTheConfiguredCostIsNotHigher(int m, int t, int p) {
            assertFalse(PasswordHashes.needsRehash(stored, new Argon2Cost(m, t, p)));
        }
    }

    /** Stored hashes that look right but are damaged never match and never throw (a login answers 401, not 500). */
    @ParameterizedTest
    @ValueSource(strings = {"$argon2id$v=19$m=19456,t=2,p=1$a$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=1,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$AAA",
            "pbkdf2_sha256$600000$salt$a"})
    void damagedHashesDoNotMatch(String stored) {
        assertFalse(PasswordHashes.verify("password", stored, null));
        assertDoesNotThrow(() -> PasswordHashes.needsRehash(stored, DEFAULT));
    }

    @Test
    void aMissingHashNeedsARehash() {
        assertTrue(PasswordHashes.needsRehash(null, DEFAULT));
    }

    @Test
    void writesTheCostItWasGiven() {
        String stored = PasswordHashes.hash("correct horse battery staple", new Argon2Cost(96, 3, 4), null);
        assertTrue(stored.startsWith("$argon2id$v=19$m=96,t=3,p=4$"), stored);
        assertTrue(PasswordHashes.verify("correct horse battery staple", stored, null));
        assertFalse(PasswordHashes.verify("correct horse battery stapler", stored, null));
    }

    @Test
    void aStrongerStoredHashNeedsNoRehash() {
        String stronger = PasswordHashes.hash("correct horse battery staple", new Argon2Cost(24576, 3, 2), null);
        assertFalse(PasswordHashes.needsRehash(stronger, DEFAULT));
        assertFalse(PasswordHashes.needsRehash(REF_ARGON2ID, DEFAULT)); // m=65536 stored
        assertTrue(PasswordHashes.needsRehash(REF_ARGON2ID, new Argon2Cost(65536, 3, 1)));
    }

    @Test
    void neverTruncatesA128CharacterPassword() {
        String max = "a".repeat(127) + "b";
        String lastDiffers = "a".repeat(127) + "c";
        String stored = PasswordHashes.hash(max, DEFAULT, null);
        assertTrue(PasswordHashes.verify(max, stored, null));
        assertFalse(PasswordHashes.verify(lastDiffers, stored, null));
        assertFalse(PasswordHashes.verify(max.substring(0, 127), stored, null));
        assertFalse(PasswordHashes.verify(max.substring(0, 72), stored, null)); // bcrypt's limit
    }

    @Test
    void neverTruncatesA128CodePointPasswordOf512Bytes() {
        String emoji = new String(Character.toChars(0x1F600));
        String max = emoji.repeat(127) + "\u00E9";
        String lastDiffers = emoji.repeat(127) + "\u00E8";
        String stored = PasswordHashes.hash(max, CHEAP, null);
        assertTrue(PasswordHashes.verify(max, stored, null));
        assertFalse(PasswordHashes.verify(lastDiffers, stored, null));
    }

    @Nested
    class ReferenceImplementationCompatibility {

        @Test
        void verifiesTheReferenceKnownAnswer() {
            assertTrue(PasswordHashes.verify("password", REF_ARGON2ID, null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Password", "passwor", "password "})
        void refusesOtherPasswordsAgainstTheKnownAnswer(String wrong) {
            assertFalse(PasswordHashes.verify(wrong, REF_ARGON2ID, null));
        }

        @Test
        void verifiesAHashShorterThan32BytesAndWantsItRehashed() {
            assertTrue(PasswordHashes.verify("password", REF_ARGON2ID_24_BYTES, null));
            assertFalse(PasswordHashes.verify("Password", REF_ARGON2ID_24_BYTES, null));
            assertTrue(PasswordHashes.needsRehash(REF_ARGON2ID_24_BYTES, new Argon2Cost(65536, 2, 1)));
        }

        @Test
        void hashesTheUtf8BytesOfTheExactStringWithSeveralLanes() {
            assertTrue(PasswordHashes.verify(REF_UTF8_PASSWORD, REF_ARGON2ID_UTF8_P2, null));
            // the same text in decomposed form is other bytes, so another password
            assertFalse(PasswordHashes.verify("pa\u0308ssw\u00F6rd \u2603 ok", REF_ARGON2ID_UTF8_P2, null));
        }

        @Test
        void computesTheReferenceBytes() {
            // the raw Argon2id output for the reference input equals the reference CLI's "Hash:" line
            byte[] ours = PasswordHashes.argon2("password".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "somesalt".getBytes(java.nio.charset.StandardCharsets.US_ASCII), new Argon2Cost(65536, 2, 1), 32, null);
            assertEquals("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7",
                    java.util.HexFormat.of().formatHex(ours));
        }

        /** Blocks borrowed from a pool, used before by other hashes and other costs, give the same bytes. */
        @Test
        void memoryFromAPoolGivesTheSameHashesAsFreshMemory() {
            var memory = PasswordHashes.memoryOf(new Argon2Cost(65536, 2, 1), 1);
            for (int round = 0; round < 3; round++) {
                byte[] ours = PasswordHashes.argon2("password".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "somesalt".getBytes(java.nio.charset.StandardCharsets.US_ASCII), new Argon2Cost(65536, 2, 1), 32, memory);
                assertEquals("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7",
                        java.util.HexFormat.of().formatHex(ours), "round " + round);
                assertTrue(PasswordHashes.verify(REF_UTF8_PASSWORD, REF_ARGON2ID_UTF8_P2, memory));
                assertFalse(PasswordHashes.verify("password", REF_ARGON2ID_UTF8_P2, memory));
                String mine = PasswordHashes.hash("correct horse battery staple", new Argon2Cost(256, 1, 1), memory);
                assertTrue(PasswordHashes.verify("correct horse battery staple", mine, memory));
                assertTrue(PasswordHashes.verify("correct horse battery staple", mine, null), "verified with fresh memory too");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {REF_ARGON2I, REF_ARGON2D, REF_ARGON2ID_V16})
        void refusesTheVariantsAndVersionsItDoesNotTake(String other) {
            assertFalse(PasswordHashes.verify("password", other, null));
            assertTrue(PasswordHashes.needsRehash(other, DEFAULT));
        }
    }

    @Nested
    class DjangoImport {

        @Test
        void verifiesTheRightPassword() {
            assertTrue(PasswordHashes.verify(DJANGO_PASSWORD, DJANGO_600K, null));
        }

        @Test
        void refusesAWrongPassword() {
            assertFalse(PasswordHashes.verify("correct horse battery stapler", DJANGO_600K, null));
        }

        @Test
        void verifiesMoreIterationsThanTheMinimum() {
            assertTrue(PasswordHashes.verify(DJANGO_PASSWORD, DJANGO_720K, null));
        }

        @Test
        void hashesTheUtf8Bytes() {
            assertTrue(PasswordHashes.verify(DJANGO_UTF8_PASSWORD, DJANGO_UTF8_600K, null));
        }

        @Test
        void alwaysNeedsARehashToArgon2id() {
            assertTrue(PasswordHashes.needsRehash(DJANGO_600K, DEFAULT));
            assertTrue(PasswordHashes.needsRehash(DJANGO_720K, CHEAP));
        }

        @Test
        void refusesTooFewIterationsEvenWithTheRightPassword() {
            assertFalse(PasswordHashes.verify(DJANGO_PASSWORD, DJANGO_1000, null));
            assertFalse(PasswordHashes.verify(DJANGO_PASSWORD, DJANGO_599999, null));
        }

        @Test
        void theIterationCountIsPartOfWhatIsChecked() {
            // the 600,000-iteration digest under a 720,000 label is a wrong hash
            String relabelled = DJANGO_600K.replace("$600000$", "$720000$");
            assertFalse(PasswordHashes.verify(DJANGO_PASSWORD, relabelled, null));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "password", "not a hash", "$", "$argon2id$", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ",
            REF_ARGON2ID + "$", " " + REF_ARGON2ID, REF_ARGON2ID + "\n", "argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
            "pbkdf2_sha1$600000$Qm9vVgZ3x1sJk2pR7tLw4e$sFluANdqqZpylW9dWmcQVIpwhXww/dnAzHTQhKHT5VM=",
            "pbkdf2_sha256$$Qm9vVgZ3x1sJk2pR7tLw4e$sFluANdqqZpylW9dWmcQVIpwhXww/dnAzHTQhKHT5VM=",
            "md5$salt$5f4dcc3b5aa765d61d8327deb882cf99", "5f4dcc3b5aa765d61d8327deb882cf99", "!unusablepassword"})
    void refusesGarbageAndUnknownFormats(String stored) {
        assertFalse(PasswordHashes.verify("password", stored, null));
        assertFalse(PasswordHashes.verify(DJANGO_PASSWORD, stored, null));
        assertTrue(PasswordHashes.needsRehash(stored, DEFAULT));
    }

    @Test
    void refusesAnInvalidCost() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2Cost(7, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Cost(64, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Cost(64, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Cost(31, 1, 4));
    }
}
