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
     * @return the NFC form of a username of 1 to 100 visible characters (UTF-16 units)
     * @throws InvalidInputException otherwise
     */
    public static String username(String raw) {
        if (raw == null) {
            throw new InvalidInputException("username", "username is required");
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        checkLength(name);
        if (!name.codePoints().allMatch(AccountRules::visible)) {
            throw new InvalidInputException("username", "username may hold only visible characters");
        }
        return name;
    }

    /**
     * 1 to 100 UTF-16 code units, what {@code VARCHAR(100)} holds on every engine: H2 counts UTF-16
     * units, PostgreSQL and MariaDB (utf8mb4) count code points, never more than the units. Counting code
     * points let 51 × U+10330 pass here and fail on H2's insert, after bcrypt, as a 500 (decision 138).
     */
    static void checkLength(String name) {
        if (name.isEmpty() || name.length() > MAX_USERNAME_LENGTH) {
            throw new InvalidInputException("username", "username must have 1 to 100 characters"
                    + " (a character beyond U+FFFF counts as two)");
        }
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
        if (password.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE)) {
            // A lone surrogate has no UTF-8 form: the encoder writes '?', so the hash would be of
            // another password than the one typed, and a guessable one at that (decision 161).
            throw new InvalidInputException("password", "password must be valid Unicode text");
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
                && type != Character.PRIVATE_USE && !defaultIgnorable(cp);
    }

    /**
     * Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, stable since Unicode 6): code
     * points a renderer shows as nothing. Most are format characters, but the Hangul fillers U+115F,
     * U+1160, U+3164 and U+FFA0 are letters and the variation selectors and U+034F are marks, so a
     * name of fillers passed as "letters" and {@code getRemoteUser()} looked blank (decision 140).
     * Java has no accessor for the property, hence the list.
     */
    static boolean defaultIgnorable(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160
                || cp == 0x17B4 || cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F)
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164
                || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8)
                || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }
}
