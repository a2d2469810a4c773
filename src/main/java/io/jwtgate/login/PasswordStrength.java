package io.jwtgate.login;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses guessable new passwords (ASVS 5.0 V6.2.4) with zxcvbn4j, a maintained estimator with
 * its own lists of common passwords, names and words, instead of a hand-made list. The account's
 * username and email and the service's issuer count as words an attacker knows.
 */
public final class PasswordStrength {

    private final Zxcvbn zxcvbn = new Zxcvbn();
    private final int minScore;
    private final String issuer;

    /**
     * @param minScore 0 (accept anything the length rules accept) to 4
     * @param issuer {@code jwtgate.issuer}, a word every user of the service knows
     */
    public PasswordStrength(int minScore, String issuer) {
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
        Strength strength = zxcvbn.measure(password, context);
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
