package io.jwtgate.login;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Refuses guessable new passwords (ASVS 5.0 V6.2.4) with zxcvbn4j, a maintained estimator with
 * its own lists of common passwords, names and words, instead of a hand-made list. The account's
 * username and email and the service's issuer count as words an attacker knows.
 */
public final class PasswordStrength {

    /**
     * How many characters (code points) of a password are scored. zxcvbn's substitution matcher
     * grows combinatorially with the number of look-alike characters ({@code 4 @ ( | ! 1 $ + 7}):
     * 72 of them cost about 3 s of CPU, 32 about 0.17 s, less than one bcrypt check at the default
     * cost (decision 85). Scoring a prefix can only refuse more: whoever guesses the password
     * knows its prefix, so the prefix is never harder to guess than the whole.
     */
    static final int SCORED_CHARACTERS = 32;

    private final BiFunction<String, List<String>, Strength> estimator;
    private final int minScore;
    private final String issuer;

    /**
     * @param minScore 0 (accept anything the length rules accept) to 4
     * @param issuer {@code jwtgate.issuer}, a word every user of the service knows
     */
    public PasswordStrength(int minScore, String issuer) {
        this(new Zxcvbn()::measure, minScore, issuer);
    }

    /** With another estimator (tests record what is scored). */
    PasswordStrength(BiFunction<String, List<String>, Strength> estimator, int minScore, String issuer) {
        this.estimator = estimator;
        this.minScore = minScore;
        this.issuer = issuer;
    }

    /**
     * @param email null for none
     * @throws InvalidInputException with the estimator's English warning and suggestions; its
     *     texts are fixed phrases that never quote the password
     */
    public void check(String password, String username, String email) {
        if (minScore == 0) {
            return;
        }
        List<String> context = new ArrayList<>(List.of(username, issuer));
        if (email != null) {
            context.add(email);
            context.add(email.substring(0, Math.max(0, email.indexOf('@'))));
        }
        String scored = password.codePoints().limit(SCORED_CHARACTERS)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        Strength strength = estimator.apply(scored, context);
        if (strength.getScore() >= minScore) {
            return;
        }
        Feedback feedback = strength.getFeedback();
        StringBuilder text = new StringBuilder("password is too easy to guess");
        String warning = feedback.getWarning(Locale.ENGLISH);
        if (warning != null && !warning.isEmpty()) {
            text.append(": ").append(warning);
        } else if (context.stream().anyMatch(word -> !word.isEmpty()
                && password.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)))) {
            text.append(": it contains the username, the email address or the service's name");
        }
        for (String suggestion : feedback.getSuggestions(Locale.ENGLISH)) {
            text.append(text.charAt(text.length() - 1) == '.' ? " " : ". ").append(suggestion);
        }
        if (text.charAt(text.length() - 1) != '.') {
            text.append('.');
        }
        throw new InvalidInputException("password", text.toString());
    }
}
