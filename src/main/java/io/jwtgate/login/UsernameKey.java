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
 * {@code SS} fold alike), NFKC again, the UTS #39 {@link Confusables#skeleton skeleton} folded
 * again, skeleton and fold repeated until stable (so {@code aIice}, {@code r00t} and {@code 0liver}
 * meet {@code alice}, {@code root} and {@code oliver}: decision 137) with {@code i} read as
 * {@code l}, then without the combining
 * marks that belong to no script (diacritics such as U+0301 in {@code ń}) and without
 * {@code . _ - @} at either end (decision 141):
 * a skeleton keeps accents, and {@code admiń} must not pass beside {@code admin} (decision 88).
 * Marks of a script (Devanagari vowel signs) stay: they tell words apart. Hashed so that the
 * column has a fixed size and ASCII content whatever the database's collation.
 */
public final class UsernameKey {

    private static final int MAX_ROUNDS = 8;
    private static final String EDGE_PUNCTUATION = "._-@";

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
        String text = fold(Normalizer.normalize(username, Normalizer.Form.NFKC));
        // Fold again after the skeleton, until nothing changes: the skeleton maps I to l and 0 to O, so
        // folding only before it left aIice apart from alice (I became i first) and r00t apart from root
        // (digit 0 became O, letter o stayed o). Each round maps to prototypes and lower case; a few
        // rounds reach a fixed point, the bound only guards against a table that would not.
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = fold(Confusables.skeleton(text));
            if (next.equals(text)) {
                break;
            }
            text = next;
        }
        // NFD again: the fold's NFKC composed the accents that the skeleton had taken apart. Then i is l:
        // capital I folds to i and looks like l, so a key that puts aIice beside both aiice (case) and
        // alice (shape) must not tell i from l (decision 137).
        StringBuilder key = new StringBuilder(text.length());
        Normalizer.normalize(text, Normalizer.Form.NFD).codePoints()
                .filter(cp -> !(UsernamePolicy.isMark(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.INHERITED))
                .map(cp -> cp == 'i' ? 'l' : cp)
                .forEach(key::appendCodePoint);
        return trimEdgePunctuation(key);
    }

    /** Upper then lower case (so {@code ß} and {@code SS} agree), then NFKC again. */
    private static String fold(String text) {
        return Normalizer.normalize(text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    /**
     * Without {@code . _ - @} at either end: {@code admin.}, {@code _admin} and {@code admin@} read as
     * {@code admin} in most places a name is shown (decision 141). Inside a name they stay
     * ({@code adm.in} is another name).
     */
    private static String trimEdgePunctuation(CharSequence key) {
        int start = 0;
        int end = key.length();
        while (start < end && EDGE_PUNCTUATION.indexOf(key.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && EDGE_PUNCTUATION.indexOf(key.charAt(end - 1)) >= 0) {
            end--;
        }
        return key.subSequence(start, end).toString();
    }
}
