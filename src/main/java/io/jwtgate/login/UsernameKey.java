package io.jwtgate.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The uniqueness key of a username ({@code jwtgate_users.name_key}, unique): two names with one
 * key look alike and cannot both exist. {@code admin}, {@code Admin}, {@code ADMIN}, {@code аdmin}
 * (Cyrillic а), {@code ａｄｍｉｎ}, {@code admiń} and {@code adrnin} share one key.
 *
 * <p>The key is SHA-256 (hex) of: NFKC, case-folded (upper then lower case, so {@code ß} and
 * {@code SS} fold alike), NFKC again, the UTS #39 {@link Confusables#skeleton skeleton}, and then
 * without the combining marks that belong to no script (diacritics such as U+0301 in {@code ń}):
 * a skeleton keeps accents, and {@code admiń} must not pass beside {@code admin} (decision 88).
 * Marks of a script (Devanagari vowel signs) stay: they tell words apart. Hashed so that the
 * column has a fixed size and ASCII content whatever the database's collation.
 */
public final class UsernameKey {

    private UsernameKey() {
    }

    /** The key of {@code username}, 64 hex digits; defined for any text, not only valid names. */
    public static String of(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(folded(username).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** The text that is hashed: equal for names that look alike. */
    static String folded(String username) {
        String nfkc = Normalizer.normalize(username, Normalizer.Form.NFKC);
        String caseless = Normalizer.normalize(nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFKC);
        String skeleton = Confusables.skeleton(caseless);
        StringBuilder key = new StringBuilder(skeleton.length());
        skeleton.codePoints()
                .filter(cp -> !(UsernamePolicy.isMark(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.INHERITED))
                .forEach(key::appendCodePoint);
        return key.toString();
    }
}
