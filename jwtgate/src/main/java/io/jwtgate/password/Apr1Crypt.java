package io.jwtgate.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Apache's {@code $apr1$} (htpasswd's default MD5): Poul-Henning Kamp's MD5-crypt with Apache's magic, 1000 rounds
 * of MD5 over password, salt and the previous result, written from the published algorithm.
 */
final class Apr1Crypt {

    static final String MAGIC = "$apr1$";
    /** {@code $apr1$}, up to 8 salt characters, {@code $}, 22 characters of result. */
    static final Pattern SHAPE = Pattern.compile("\\$apr1\\$[./0-9A-Za-z]{1,8}\\$[./0-9A-Za-z]{22}");

    private Apr1Crypt() {
    }

    /** The full {@code $apr1$salt$hash} of a password, for a salt of at most 8 characters. */
    static String crypt(String password, String salt) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] s = salt.getBytes(StandardCharsets.US_ASCII);
        MessageDigest alternate = md5();
        alternate.update(pw);
        alternate.update(s);
        alternate.update(pw);
        byte[] alt = alternate.digest();

        MessageDigest ctx = md5();
        ctx.update(pw);
        ctx.update(MAGIC.getBytes(StandardCharsets.US_ASCII));
        ctx.update(s);
        for (int left = pw.length; left > 0; left -= 16) {
            ctx.update(alt, 0, Math.min(left, 16));
        }
        // The original's quirk: per bit of the length, a zero byte or the password's first byte.
        for (int i = pw.length; i != 0; i >>>= 1) {
            if ((i & 1) != 0) {
                ctx.update((byte) 0);
            } else {
                ctx.update(pw[0]);
            }
        }
        byte[] result = ctx.digest();
        for (int i = 0; i < 1000; i++) {
            MessageDigest round = md5();
            round.update((i & 1) != 0 ? pw : result);
            if (i % 3 != 0) {
                round.update(s);
            }
            if (i % 7 != 0) {
                round.update(pw);
            }
            round.update((i & 1) != 0 ? result : pw);
            result = round.digest();
        }
        StringBuilder out = new StringBuilder(MAGIC).append(salt).append('$');
        append(out, result[0], result[6], result[12], 4);
        append(out, result[1], result[7], result[13], 4);
        append(out, result[2], result[8], result[14], 4);
        append(out, result[3], result[9], result[15], 4);
        append(out, result[4], result[10], result[5], 4);
        append(out, (byte) 0, (byte) 0, result[11], 2);
        return out.toString();
    }

    /** The salt of a stored value of {@link #SHAPE}. */
    static String salt(String stored) {
        return stored.substring(MAGIC.length(), stored.indexOf('$', MAGIC.length()));
    }

    private static void append(StringBuilder out, byte a, byte b, byte c, int chars) {
        int v = ((a & 0xff) << 16) | ((b & 0xff) << 8) | (c & 0xff);
        for (int i = 0; i < chars; i++) {
            out.append(DesCrypt.ALPHABET.charAt(v & 0x3f));
            v >>>= 6;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 (java.security.MessageDigest's documented list).
            throw new IllegalStateException(e);
        }
    }
}
