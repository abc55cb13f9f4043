package org.tokenauth.accounts.control;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tokenauth.problems.Problem.FieldError;

/**
 * The validation rules of the API for usernames, e-mail addresses and passwords. Pure functions, so
 * that registration, password change and the administrator bootstrap apply exactly the same rules.
 */
public final class AccountRules {

    public static final int USERNAME_MAX = 150;
    public static final int EMAIL_MAX = 254;
    public static final int PASSWORD_MAX = 128;

    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}@.+\\-_]+");
    // one @, a local part and a dotted domain, nothing that could be a space or a control character
    private static final Pattern EMAIL = Pattern.compile(
            "[^\\s\\p{Z}\\p{C}@\"(),:;<>\\[\\\\\\]]+@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
                    + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)+");

    private AccountRules() {
    }

    /**
     * The form a username is stored and compared in: NFKC, as Django does, so that look-alike
     * compatibility characters (full-width letters, ligatures) cannot make a second account.
     */
    public static String normalizeUsername(String username) {
        return username == null ? null : Normalizer.normalize(username, Normalizer.Form.NFKC);
    }

    /**
     * The form in which a username is unique and looked up, from whatever a client typed: normalised,
     * then lower-cased, so that {@code Alice}, {@code ALICE} and a full-width {@code Ａｌｉｃｅ} are one
     * account, one throttle and one lookup.
     */
    public static String usernameKey(String username) {
        return username == null ? "" : normalizeUsername(username).toLowerCase(Locale.ROOT);
    }

    /** The form in which an e-mail address is unique. */
    public static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    public static List<FieldError> registration(String username, String email, String password, int minLength) {
        List<FieldError> errors = new ArrayList<>();
        usernameError(username).ifPresent(m -> errors.add(new FieldError("username", m)));
        emailError(email).ifPresent(m -> errors.add(new FieldError("email", m)));
        passwordError(password, username, email, minLength).ifPresent(m -> errors.add(new FieldError("password", m)));
        return errors;
    }

    public static Optional<String> usernameError(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.of("is required");
        }
        if (username.codePointCount(0, username.length()) > USERNAME_MAX) {
            return Optional.of("must be at most " + USERNAME_MAX + " characters");
        }
        if (!USERNAME.matcher(username).matches()) {
            return Optional.of("may contain only letters, digits and @ . + - _");
        }
        return Optional.empty();
    }

    public static Optional<String> emailError(String email) {
        if (email == null || email.isEmpty()) {
            return Optional.of("is required");
        }
        if (email.length() > EMAIL_MAX) {
            return Optional.of("must be at most " + EMAIL_MAX + " characters");
        }
        if (hasUnpairedSurrogate(email) || !EMAIL.matcher(email).matches()) {
            return Optional.of("is not a valid e-mail address");
        }
        return Optional.empty();
    }

    /**
     * @param username and {@code email}: the password may not equal either, ignoring case; both may
     *                 be null when unknown
     */
    public static Optional<String> passwordError(String password, String username, String email, int minLength) {
        if (password == null || password.isEmpty()) {
            return Optional.of("is required");
        }
        if (hasUnpairedSurrogate(password)) {
            return Optional.of("contains an invalid character (an unpaired UTF-16 surrogate)");
        }
        if (password.indexOf('\0') >= 0) {
            return Optional.of("may not contain NUL characters");
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            return Optional.of("must be at least " + minLength + " characters");
        }
        if (length > PASSWORD_MAX) {
            return Optional.of("must be at most " + PASSWORD_MAX + " characters");
        }
        if (password.codePoints().allMatch(Character::isDigit)) {
            return Optional.of("may not be all digits");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.equals(normalizeUsername(username).toLowerCase(Locale.ROOT))) {
            return Optional.of("may not be the username");
        }
        if (email != null && lower.equals(email.toLowerCase(Locale.ROOT))) {
            return Optional.of("may not be the e-mail address");
        }
        return Optional.empty();
    }

    public static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
