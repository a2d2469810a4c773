package io.jwtgate.config;

import java.util.List;

/**
 * Recognises signing secrets that are long enough but typed by a person: few distinct bytes,
 * placeholder words, or repeated and sequential runs. A random secret (the documented
 * {@code openssl rand -base64 48}) passes these checks except with negligible probability.
 */
final class SecretQuality {

    static final int MIN_DISTINCT_BYTES = 16;

    /**
     * Words of placeholder secrets in documentation, tutorials and default configurations. The
     * letters of a secret (digits and punctuation ignored) that are nothing but these words,
     * possibly repeated, make a placeholder.
     */
    private static final List<String> PLACEHOLDER_WORDS = List.of("secret", "secrets", "changeme", "change", "me",
            "password", "passwd", "pass", "word", "pwd", "default", "example", "sample", "test", "testing", "demo",
            "dev", "development", "local", "jwt", "jwtgate", "gate", "key", "keys", "token", "tokens", "signing", "sign",
            "hmac", "hs", "sha", "admin", "qwerty", "letmein", "your", "my", "our", "this", "is", "the", "here",
            "replace", "with", "super", "top", "very", "long", "random", "string", "value", "todo", "fixme", "abc",
            "xyz", "foo", "bar", "baz", "please", "not", "for", "production", "prod", "use", "only", "do");

    private SecretQuality() {
    }

    /** Why the secret is weak, in words that never quote it; null when no check objects. */
    static String weakness(byte[] secret) {
        // Hexadecimal text (openssl rand -hex 32, or UUIDs with their dashes) has at most 16
        // distinct characters by nature: judge the bytes it spells, or a quarter of all random hex
        // secrets (and two thirds of random UUIDs) would be refused.
        byte[] digits = withoutDashes(secret);
        byte[] judged = hexText(digits) ? decodeHex(digits) : secret;
        int needed = judged == secret ? MIN_DISTINCT_BYTES : Math.min(MIN_DISTINCT_BYTES, judged.length / 2);
        int distinct = distinctBytes(judged);
        if (distinct < needed) {
            return "has only " + distinct + " distinct " + (judged == secret ? "bytes" : "bytes in its hexadecimal text")
                    + " (at least " + needed + " are needed)";
        }
        if (placeholder(secret)) {
            return "is made of well-known placeholder words such as 'secret', 'changeme' or 'password'";
        }
        if (runs(judged)) {
            return "is made of repeated or sequential runs such as 'abcabc' or '0123456789'";
        }
        return null;
    }

    /** The bytes without {@code -}, so a UUID's text counts as the hex it is. */
    private static byte[] withoutDashes(byte[] secret) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(secret.length);
        for (byte b : secret) {
            if (b != '-') {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static boolean hexText(byte[] secret) {
        if (secret.length == 0 || secret.length % 2 != 0) {
            return false;
        }
        for (byte b : secret) {
            if (Character.digit((char) (b & 0xff), 16) < 0 || (b & 0xff) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static byte[] decodeHex(byte[] text) {
        byte[] out = new byte[text.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Character.digit((char) text[2 * i], 16) << 4 | Character.digit((char) text[2 * i + 1], 16));
        }
        return out;
    }

    private static int distinctBytes(byte[] secret) {
        boolean[] seen = new boolean[256];
        int count = 0;
        for (byte b : secret) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                count++;
            }
        }
        return count;
    }

    /**
     * Printable ASCII whose letters split into placeholder words. Binary secrets never qualify:
     * their few letters could split into short words by chance.
     */
    private static boolean placeholder(byte[] secret) {
        StringBuilder letters = new StringBuilder();
        for (byte b : secret) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
            char c = Character.toLowerCase((char) b);
            if (c >= 'a' && c <= 'z') {
                letters.append(c);
            }
        }
        if (letters.isEmpty()) {
            return false;
        }
        // Word break: splittable[i] says whether the first i letters split into words.
        boolean[] splittable = new boolean[letters.length() + 1];
        splittable[0] = true;
        for (int end = 1; end <= letters.length(); end++) {
            for (String word : PLACEHOLDER_WORDS) {
                int start = end - word.length();
                if (start >= 0 && splittable[start] && letters.substring(start, end).equals(word)) {
                    splittable[end] = true;
                    break;
                }
            }
        }
        return splittable[letters.length()];
    }

    /**
     * Most bytes follow from an earlier one: for a period p of 1 to 4, the byte p places back
     * is the same or its neighbour ({@code aaaa}, {@code abcd}, {@code a1b2c3}, {@code abcabc});
     * for a longer period, it is the same (a block typed twice). A random secret has a few such
     * bytes by chance (about 5 % for base64 text), never half of them.
     */
    private static boolean runs(byte[] secret) {
        int n = secret.length;
        for (int p = 1; p <= n / 2; p++) {
            int following = 0;
            for (int i = p; i < n; i++) {
                int step = (secret[i] & 0xff) - (secret[i - p] & 0xff);
                if (p <= 4 ? Math.abs(step) <= 1 : step == 0) {
                    following++;
                }
            }
            int compared = n - p;
            if (p <= 4 ? 2 * following >= compared : 4 * following >= 3 * compared) {
                return true;
            }
        }
        return false;
    }
}
