package io.jwtgate.login;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which characters a new username may hold ({@code jwtgate.username.characters}): names reach
 * legacy code through {@code getRemoteUser()}, which used to hold only names an administrator
 * chose, so markup such as {@code <svg/onload=...>} is refused. The name is NFKC-normalised first
 * ({@code ａｄｍｉｎ} becomes {@code admin}); uniqueness is {@link UsernameKey}'s business.
 *
 * <p>Syntax: classes and single characters separated by spaces, e.g. {@code letters digits . _ - @}
 * (the default). Classes: {@code letters} (any Unicode letter; combining marks after a letter, at
 * most {@value #MAX_MARKS_IN_A_ROW} in a row), {@code digits} (any Unicode decimal digit),
 * {@code ascii-letters}, {@code ascii-digits}.
 */
public final class UsernamePolicy {

    public static final String DEFAULT = "letters digits . _ - @";
    /** Enough for the stacked vowel signs and diacritics of real scripts, too few for "Zalgo" text. */
    static final int MAX_MARKS_IN_A_ROW = 3;

    private static final List<String> CLASSES = List.of("letters", "digits", "ascii-letters", "ascii-digits");

    private final boolean letters;
    private final boolean digits;
    private final boolean asciiLetters;
    private final boolean asciiDigits;
    private final Set<Integer> characters;
    private final String description;

    private UsernamePolicy(boolean letters, boolean digits, boolean asciiLetters, boolean asciiDigits,
            Set<Integer> characters) {
        this.letters = letters;
        this.digits = digits;
        this.asciiLetters = asciiLetters;
        this.asciiDigits = asciiDigits;
        this.characters = Set.copyOf(characters);
        List<String> parts = new ArrayList<>();
        if (letters) {
            parts.add("letters");
        } else if (asciiLetters) {
            parts.add("ASCII letters");
        }
        if (digits) {
            parts.add("digits");
        } else if (asciiDigits) {
            parts.add("ASCII digits");
        }
        if (!characters.isEmpty()) {
            StringBuilder chars = new StringBuilder("the characters");
            characters.forEach(cp -> chars.append(' ').appendCodePoint(cp));
            parts.add(chars.toString());
        }
        String text = parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        this.description = "username may hold only " + text;
    }

    /** The default policy: letters, digits, {@code . _ - @}. */
    public static UsernamePolicy standard() {
        return parse(DEFAULT);
    }

    /**
     * @throws IllegalArgumentException naming the word that is neither a class nor one character
     */
    public static UsernamePolicy parse(String spec) {
        boolean letters = false;
        boolean digits = false;
        boolean asciiLetters = false;
        boolean asciiDigits = false;
        Set<Integer> characters = new TreeSet<>();
        for (String word : spec.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            switch (word.toLowerCase(Locale.ROOT)) {
                case "letters" -> letters = true;
                case "digits" -> digits = true;
                case "ascii-letters" -> asciiLetters = true;
                case "ascii-digits" -> asciiDigits = true;
                default -> characters.add(character(word));
            }
        }
        if (!letters && !digits && !asciiLetters && !asciiDigits && characters.isEmpty()) {
            throw new IllegalArgumentException("no class or character is named; write e.g. '" + DEFAULT + "'");
        }
        return new UsernamePolicy(letters, digits, asciiLetters, asciiDigits, characters);
    }

    private static int character(String word) {
        if (word.codePointCount(0, word.length()) != 1) {
            throw new IllegalArgumentException("'" + word + "' is neither a class (" + String.join(", ", CLASSES)
                    + ") nor a single character");
        }
        int cp = word.codePointAt(0);
        if (!AccountRules.visible(cp) || isMark(cp)) {
            throw new IllegalArgumentException(String.format("U+%04X is not a visible character", cp));
        }
        if (!Normalizer.normalize(word, Normalizer.Form.NFKC).equals(word)) {
            throw new IllegalArgumentException("'" + word + "' changes under NFKC normalisation and can never appear"
                    + " in a name; write '" + Normalizer.normalize(word, Normalizer.Form.NFKC) + "'");
        }
        return cp;
    }

    /**
     * @return the NFKC form of {@code raw}, 1 to 100 UTF-16 units of this policy with at least one letter
     *     or digit when the policy has them (so no name is {@code .} or {@code ..}) that stays one in the
     *     look-alike key, no invisible character, and no {@code -} or {@code .} first
     * @throws InvalidInputException otherwise; the message names the allowed characters, never the input
     */
    public String apply(String raw) {
        if (raw == null) {
            throw new InvalidInputException("username", "username is required");
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        AccountRules.checkLength(name);
        boolean letterOrDigit = false;
        int marks = 0;
        Character.UnicodeScript base = null;
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            int cp = name.codePointAt(i);
            if (AccountRules.defaultIgnorable(cp)) {
                // Invisible: a Hangul filler is a letter to Java, a variation selector a mark (decision 140).
                throw new InvalidInputException("username", description);
            }
            if (letters && isMark(cp) && base != null && marks < MAX_MARKS_IN_A_ROW && markFits(cp, base)) {
                marks++;
                continue;
            }
            boolean letter = letters ? Character.isLetter(cp) : asciiLetters && isAsciiLetter(cp);
            boolean digit = digits ? Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER
                    : asciiDigits && cp >= '0' && cp <= '9';
            if (!letter && !digit && !characters.contains(cp)) {
                throw new InvalidInputException("username", description);
            }
            letterOrDigit |= letter || digit;
            base = letter ? Character.UnicodeScript.of(cp) : null;
            marks = 0;
        }
        if (!letterOrDigit && (letters || digits || asciiLetters || asciiDigits)) {
            throw new InvalidInputException("username", "username needs at least one letter or digit");
        }
        if (name.startsWith("-") || name.startsWith(".")) {
            // -rf and --help are options to a command that legacy code builds from getRemoteUser(); .x is a
            // hidden file and . or .. a directory (decision 141).
            throw new InvalidInputException("username", "username must not start with - or .");
        }
        if (letterOrDigit && UsernameKey.folded(name).codePoints().noneMatch(Character::isLetterOrDigit)) {
            // Letters whose look-alike is punctuation (U+01C3 ǃ reads as !): nothing visible names the account.
            throw new InvalidInputException("username", "username needs at least one letter or digit");
        }
        return name;
    }

    /** What {@link #apply} accepts, as the 422 says it. */
    public String description() {
        return description;
    }

    /**
     * A mark fits its letter when it belongs to the letter's script (a Devanagari vowel sign on a
     * Devanagari letter) or to none (Inherited: U+0301 and the other diacritics, which the key strips).
     * U+0610, an Arabic sign, on {@code n} would otherwise make {@code admin}+U+0610 a second
     * {@code admin} whose key differs (decision 141).
     */
    private static boolean markFits(int mark, Character.UnicodeScript base) {
        Character.UnicodeScript script = Character.UnicodeScript.of(mark);
        return script == Character.UnicodeScript.INHERITED || script == base;
    }

    private static boolean isAsciiLetter(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    }

    static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
