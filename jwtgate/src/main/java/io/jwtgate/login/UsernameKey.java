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
 * <p>The key is SHA-256 (hex) of: NFKC, then the UTS #39 {@link Confusables#skeleton skeleton}
 * of the upper-case form and of its lower-case form (so {@code ß} and {@code SS}, {@code ADΜIN}
 * with a Greek Mu and {@code admin} agree), NFKC, repeated until stable (so {@code aIice},
 * {@code r00t} and {@code 0liver} meet {@code alice}, {@code root} and {@code oliver}: decisions
 * 137, 161) with {@code i} read as {@code l}, then without the combining
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
        String text = Normalizer.normalize(username, Normalizer.Form.NFKC);
        // Skeleton and case folding in turn, until nothing changes. Each round takes the skeleton of
        // the upper-case form, then of its lower-case form: capitals of other scripts have Latin
        // prototypes (Greek and Cyrillic capital M, Cherokee A) that their lower-case letters lack, so
        // folding first let ADΜIN (Greek Mu) pass beside admin; lower-case Latin has prototypes that
        // capitals lack (m is rn, M is M), so both forms are needed. The skeleton maps I to l and 0 to
        // O, so aIice meets alice and r00t meets root (decisions 137, 161). A few rounds reach a fixed
        // point; the bound only guards against a table that would not.
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = round(text);
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

    /** One round: skeleton of the upper case (so {@code ß} and {@code SS} agree), skeleton of its lower case, NFKC. */
    private static String round(String text) {
        String capitals = Confusables.skeleton(text.toUpperCase(Locale.ROOT));
        return Normalizer.normalize(Confusables.skeleton(capitals.toLowerCase(Locale.ROOT)), Normalizer.Form.NFKC);
    }

    /**
     * Without {@code . _ - @}, other punctuation and modifier letters at either end: {@code admin.}, {@code _admin} and
     * {@code admin@} read as {@code admin} in most places a name is shown (decision 141), and so do
     * {@code adminˍ}, {@code adminー}, {@code adminـ} and {@code ʻadmin}, whose modifier letters look
     * like those marks (decision 161). Inside a name they stay ({@code adm.in} is another name).
     */
    private static String trimEdgePunctuation(CharSequence key) {
        String text = key.toString();
        int start = 0;
        int end = text.length();
        while (start < end && edge(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && edge(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean edge(int cp) {
        if (EDGE_PUNCTUATION.indexOf(cp) >= 0) {
            return true;
        }
        // After the skeleton ʼ and ʻ are quotes; modifier letters such as ˍ and ー stay letters.
        switch (Character.getType(cp)) {
            case Character.MODIFIER_LETTER:
            case Character.MODIFIER_SYMBOL:
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }
}
