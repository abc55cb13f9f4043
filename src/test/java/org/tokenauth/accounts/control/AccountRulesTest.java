package org.tokenauth.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tokenauth.problems.Problem.FieldError;

class AccountRulesTest {

    /** The default of tokenauth.password.min-length. */
    static final int MIN = 12;

    /** U+20000, a CJK letter (category Lo) outside the BMP: one code point, two UTF-16 chars. */
    static final String WIDE_LETTER = new String(Character.toChars(0x20000));
    /** U+1F600, an emoji: one code point, two UTF-16 chars. */
    static final String EMOJI = new String(Character.toChars(0x1F600));

    static void assertValid(Optional<String> error) {
        assertEquals(Optional.empty(), error);
    }

    static void assertInvalid(Optional<String> error) {
        assertTrue(error.isPresent(), "expected a validation error");
        assertTrue(!error.get().isBlank(), "the error message must say something");
    }

    @Nested
    class Usernames {

        @ParameterizedTest
        @ValueSource(strings = {"alice", "Alice", "x", "42", "user@example.com", "a.b+c-d_e", "__init__",
                "Émilie", "ünïcödé", "Ωmega", "用户名", "Владимир", "ｂｏｂ", "\uD840\uDC00name"})
        void acceptsLettersDigitsAndTheFivePunctuationMarks(String username) {
            assertValid(AccountRules.usernameError(username));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"with space", " alice", "alice ", "a/b", "a\\b", "nul\0byte", "tab\tbed", "new\nline",
                "semi;colon", "quote'", "dq\"", "hash#", "per%cent", "star*", "a,b", "<script>", "emoji\uD83D\uDE00",
                "a\u00A0b", "zero\u200Bwidth", "e\u0301"})
        void refusesEverythingElse(String username) {
            assertInvalid(AccountRules.usernameError(username));
        }

        @Test
        void acceptsExactly150Characters() {
            assertValid(AccountRules.usernameError("a".repeat(150)));
            assertInvalid(AccountRules.usernameError("a".repeat(151)));
        }

        @Test
        void countsTheLimitInCodePointsNotUtf16Units() {
            String max = WIDE_LETTER.repeat(150);
            assertEquals(300, max.length());
            assertValid(AccountRules.usernameError(max));
            assertInvalid(AccountRules.usernameError(WIDE_LETTER.repeat(151)));
        }

        @Test
        void normalizesFullWidthLettersToAscii() {
            assertEquals("alice", AccountRules.normalizeUsername("ａｌｉｃｅ"));
            assertEquals("Bob42", AccountRules.normalizeUsername("Ｂｏｂ４２"));
        }

        @Test
        void normalizesCompatibilityCharactersAndComposes() {
            assertEquals("file", AccountRules.normalizeUsername("\uFB01le")); // the "fi" ligature
            assertEquals("XII", AccountRules.normalizeUsername("\u216B")); // roman numeral twelve
            assertEquals("\u00E9", AccountRules.normalizeUsername("e\u0301")); // composed, not decomposed
            assertEquals("alice", AccountRules.normalizeUsername("alice"));
            assertNull(AccountRules.normalizeUsername(null));
        }

        @Test
        void aDecomposedAccentIsValidOnceNormalized() {
            // Registration normalizes before it validates: the combining mark alone is not a letter
            assertInvalid(AccountRules.usernameError("Rene\u0301"));
            assertValid(AccountRules.usernameError(AccountRules.normalizeUsername("Rene\u0301")));
        }
    }

    @Nested
    class Emails {

        @ParameterizedTest
        @ValueSource(strings = {"alice@example.com", "first.last+tag@sub.example.co.uk", "user_name@example-domain.org",
                "x@y.zz", "ALICE@EXAMPLE.COM", "o'brien@example.ie", "1234@123.example", "jürgen@münchen.de"})
        void acceptsOrdinaryAddresses(String email) {
            assertValid(AccountRules.emailError(email));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"alice.example.com", "alice", "@example.com", "alice@", "alice @example.com",
                "alice@exa mple.com", " alice@example.com", "alice@example.com ", "alice@@example.com",
                "a@b@example.com", "alice@localhost", "alice@example.", "alice@.com", "alice@example..com",
                "alice@-example.com", "alice@example-.com", "al\0ice@example.com", "alice@example.com\n",
                "a\tb@example.com", "<alice@example.com>", "alice@[127.0.0.1]", "al,ice@example.com",
                "broken\uD800@example.com", "a\u00A0b@example.com", "a\u200Bb@example.com", "a\u2028b@example.com",
                "a\u202Eb@example.com"})
        void refusesMalformedAddresses(String email) {
            assertInvalid(AccountRules.emailError(email));
        }

        @Test
        void allowsAtMost254Characters() {
            String local = "a".repeat(64);
            String domain254 = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
            String domain255 = domain254 + "d";
            assertEquals(254, (local + "@" + domain254).length());
            assertValid(AccountRules.emailError(local + "@" + domain254));
            assertEquals(255, (local + "@" + domain255).length());
            assertInvalid(AccountRules.emailError(local + "@" + domain255));
            assertInvalid(AccountRules.emailError("a".repeat(1000) + "@example.com"));
        }
    }

    @Nested
    class Passwords {

        @ParameterizedTest
        @ValueSource(strings = {"correct horse battery staple", "Tr0ub4dor&3xx", "abcdefghijkl", "12345678901a",
                "пароль-пароль", "パスワードパスワードパスワード", "     spaces ok  "})
        void acceptsReasonablePasswords(String password) {
            assertValid(AccountRules.passwordError(password, "alice", "alice@example.com", MIN));
        }

        @ParameterizedTest
        @NullAndEmptySource
        void refusesAMissingPassword(String password) {
            assertInvalid(AccountRules.passwordError(password, "alice", "alice@example.com", MIN));
        }

        @Test
        void hasAMinimumOfTwelveByDefault() {
            assertInvalid(AccountRules.passwordError("abcdefghijk", null, null, MIN));
            assertValid(AccountRules.passwordError("abcdefghijkl", null, null, MIN));
        }

        @Test
        void theMinimumIsAParameter() {
            assertInvalid(AccountRules.passwordError("abcdefghijklmno", null, null, 16));
            assertValid(AccountRules.passwordError("abcdefghijklmnop", null, null, 16));
            assertValid(AccountRules.passwordError("abcdefgh", null, null, 8));
        }

        @Test
        void countsTheMinimumInCodePoints() {
            // eleven emoji are 22 UTF-16 chars but only 11 characters
            String eleven = EMOJI.repeat(11);
            assertEquals(22, eleven.length());
            assertInvalid(AccountRules.passwordError(eleven, null, null, MIN));
            assertValid(AccountRules.passwordError(EMOJI.repeat(12), null, null, MIN));
        }

        @Test
        void allowsAtMost128Characters() {
            assertValid(AccountRules.passwordError("x".repeat(127) + "y", null, null, MIN));
            assertInvalid(AccountRules.passwordError("x".repeat(128) + "y", null, null, MIN));
            assertInvalid(AccountRules.passwordError("x".repeat(10_000), null, null, MIN));
        }

        @Test
        void countsTheMaximumInCodePoints() {
            assertValid(AccountRules.passwordError(EMOJI.repeat(128), null, null, MIN));
            assertInvalid(AccountRules.passwordError(EMOJI.repeat(129), null, null, MIN));
        }

        @ParameterizedTest
        @ValueSource(strings = {"123456789012", "000000000000", "3141592653589793", "１２３４５６７８９０１２",
                "\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF"})
        void refusesAllDigits(String password) {
            assertInvalid(AccountRules.passwordError(password, null, null, MIN));
        }

        @ParameterizedTest
        @ValueSource(strings = {"alice.smith-2024", "ALICE.SMITH-2024", "Alice.Smith-2024"})
        void refusesTheUsernameIgnoringCase(String password) {
            assertInvalid(AccountRules.passwordError(password, "Alice.Smith-2024", "someone@example.com", MIN));
            assertValid(AccountRules.passwordError(password + "!", "Alice.Smith-2024", "someone@example.com", MIN));
        }

        @ParameterizedTest
        @ValueSource(strings = {"alice.smith@example.com", "ALICE.SMITH@EXAMPLE.COM", "Alice.Smith@Example.com"})
        void refusesTheEmailIgnoringCase(String password) {
            assertInvalid(AccountRules.passwordError(password, "alice", "Alice.Smith@example.com", MIN));
            assertValid(AccountRules.passwordError("x" + password, "alice", "Alice.Smith@example.com", MIN));
        }

        @Test
        void refusesNul() {
            assertInvalid(AccountRules.passwordError("correct horse\0battery", null, null, MIN));
            assertInvalid(AccountRules.passwordError("\0".repeat(20), null, null, MIN));
        }

        @ParameterizedTest
        @ValueSource(strings = {"correct horse battery\uD83D", "\uDE00correct horse battery", "correct \uDE00\uD83D horse battery"})
        void refusesUnpairedSurrogates(String password) {
            assertTrue(AccountRules.hasUnpairedSurrogate(password));
            assertInvalid(AccountRules.passwordError(password, null, null, MIN));
        }

        @Test
        void pairedSurrogatesAreNotUnpaired() {
            assertTrue(!AccountRules.hasUnpairedSurrogate("correct " + EMOJI + " horse"));
            assertTrue(!AccountRules.hasUnpairedSurrogate(""));
        }
    }

    @Nested
    class RegistrationErrors {

        static Set<String> fields(List<FieldError> errors) {
            Set<String> fields = errors.stream().map(FieldError::field).collect(Collectors.toSet());
            assertEquals(errors.size(), fields.size(), "each field is named once: " + errors);
            errors.forEach(e -> assertTrue(!e.message().isBlank(), "a message for " + e.field()));
            return fields;
        }

        @Test
        void noErrorsForAValidRegistration() {
            assertEquals(List.of(), AccountRules.registration("alice", "alice@example.com", "correct horse battery", MIN));
        }

        @Test
        void namesEveryFailingField() {
            assertEquals(Set.of("username", "email", "password"),
                    fields(AccountRules.registration("bad name", "not-an-address", "short", MIN)));
        }

        @Test
        void namesEveryMissingField() {
            assertEquals(Set.of("username", "email", "password"), fields(AccountRules.registration(null, null, null, MIN)));
        }

        @Test
        void namesOnlyTheFieldsThatFail() {
            assertEquals(Set.of("username"),
                    fields(AccountRules.registration("a/b", "alice@example.com", "correct horse battery", MIN)));
            assertEquals(Set.of("email"),
                    fields(AccountRules.registration("alice", "alice@@example.com", "correct horse battery", MIN)));
            assertEquals(Set.of("password"),
                    fields(AccountRules.registration("alice", "alice@example.com", "123456789012", MIN)));
            assertEquals(Set.of("username", "password"),
                    fields(AccountRules.registration("a".repeat(151), "alice@example.com", "x".repeat(129), MIN)));
        }

        @Test
        void thePasswordMayNotBeTheUsernameOrTheEmailGivenAtRegistration() {
            assertEquals(Set.of("password"),
                    fields(AccountRules.registration("alice.smith-2024", "alice@example.com", "Alice.Smith-2024", MIN)));
            assertEquals(Set.of("password"),
                    fields(AccountRules.registration("alice", "alice.smith@example.com", "ALICE.SMITH@EXAMPLE.COM", MIN)));
        }

        @Test
        void usesTheGivenMinimum() {
            assertEquals(List.of(), AccountRules.registration("alice", "alice@example.com", "abcdefgh", 8));
            assertEquals(Set.of("password"), fields(AccountRules.registration("alice", "alice@example.com", "abcdefgh", 9)));
        }
    }
}
