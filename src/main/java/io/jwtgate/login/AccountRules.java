package io.jwtgate.login;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * What a username, an email address and a new password may be. Names are looked up NFC-normalised,
 * so two spellings of the same text are one account; new names follow {@link UsernamePolicy}
 * (NFKC, a character set) unless an operator overrides it ({@link #username}).
 */
public final class AccountRules {

    /** bcrypt reads at most 72 bytes; longer passwords are refused, never silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MIN_PASSWORD_BYTES = 8;
    public static final int MAX_USERNAME_LENGTH = 100;

    private AccountRules() {
    }

    /**
     * The rule for a name an operator creates outside the character set
     * ({@link Accounts.NameCheck#OVERRIDE_CHARACTER_SET}), and the rule for every name before issue 8.
     *
     * @return the NFC form of a username of 1 to 100 visible characters
     * @throws InvalidInputException otherwise
     */
    public static String username(String raw) {
        if (raw == null) {
            throw new InvalidInputException("username", "username is required");
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int count = name.codePointCount(0, name.length());
        if (count < 1 || count > MAX_USERNAME_LENGTH) {
            throw new InvalidInputException("username", "username must have 1 to 100 characters");
        }
        if (!name.codePoints().allMatch(AccountRules::visible)) {
            throw new InvalidInputException("username", "username may hold only visible characters");
        }
        return name;
    }

    /** The look-up form of a name at login; unlike {@link #username} it never rejects. */
    public static String lookupName(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFC);
    }

    /**
     * The canonical form of a name typed at login, under which failures of a name that names no
     * account are counted: NFC, and lower case for an email address (looked up case-insensitively).
     */
    public static String canonicalName(String raw, boolean email) {
        String name = lookupName(raw);
        return email ? name.toLowerCase(Locale.ROOT) : name;
    }

    /**
     * Whether a typed name can name an account at all. No username or email may hold whitespace, so
     * a name with whitespace at either end is unknown, whatever a database's collation would match.
     */
    public static boolean mayNameAnAccount(String name) {
        return !name.isEmpty() && !space(name.codePointAt(0)) && !space(name.codePointBefore(name.length()));
    }

    /**
     * @return the lower-cased address, or null when {@code raw} is null
     * @throws InvalidInputException when it is not a plausible address
     */
    public static String email(String raw) {
        if (raw == null) {
            return null;
        }
        String email = Normalizer.normalize(raw, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        int at = email.indexOf('@');
        if (email.length() > 254 || at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1
                || !email.codePoints().allMatch(AccountRules::visible)) {
            throw new InvalidInputException("email", "email must be an address like name@example.org");
        }
        return email;
    }

    /**
     * @throws InvalidInputException unless the password has 8 to 72 UTF-8 bytes and no control characters
     */
    public static void newPassword(String password) {
        if (password == null) {
            throw new InvalidInputException("password", "password is required");
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_PASSWORD_BYTES || bytes > MAX_PASSWORD_BYTES) {
            throw new InvalidInputException("password", "password must have 8 to 72 bytes in UTF-8");
        }
        if (password.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL)) {
            throw new InvalidInputException("password", "password must not contain control characters");
        }
    }

    private static boolean space(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    static boolean visible(int cp) {
        int type = Character.getType(cp);
        return !Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && type != Character.CONTROL
                && type != Character.FORMAT && type != Character.SURROGATE && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE;
    }
}
