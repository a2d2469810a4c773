package io.jwtgate.password;

import java.util.Optional;

/**
 * The traditional Unix {@code crypt(3)}: DES with a 12-bit salt that swaps pairs of E-box outputs, applied 25 times
 * to a zero block, keyed by the low 7 bits of the first 8 characters. Jetty's {@code CRYPT:} credentials and
 * {@code htpasswd -d} use it. Written from the published definition (FIPS 46-3 tables, the V7 crypt salt rule) on
 * arrays of bits: clarity over speed, as it runs once per login and a bcrypt follows anyway.
 */
final class DesCrypt {

    /** crypt's base-64 alphabet: '.', '/', digits, upper case, lower case. */
    static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final int[] IP = {
        58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
        62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
        57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
        61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7};
    private static final int[] FP = {
        40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31,
        38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
        36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27,
        34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25};
    private static final int[] PC1 = {
        57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
        10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
        63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
        14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4};
    private static final int[] PC2 = {
        14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10,
        23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
        41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48,
        44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32};
    private static final int[] SHIFTS = {1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1};
    private static final int[] E = {
        32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9,
        8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17,
        16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25,
        24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1};
    private static final int[] P = {
        16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
        2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25};
    private static final int[][] S = {
        {14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
         0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
         4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
         15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13},
        {15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
         3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
         0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
         13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9},
        {10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
         13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
         13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
         1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12},
        {7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
         13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
         10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
         3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14},
        {2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
         14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
         4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
         11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3},
        {12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
         10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
         9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
         4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13},
        {4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
         13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
         1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
         6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12},
        {13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
         1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
         7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
         2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11}};

    private DesCrypt() {
    }

    /** Whether the text has crypt's shape: 13 characters of its alphabet (2 of salt, 11 of result). */
    static boolean isShaped(String text) {
        if (text.length() != 13) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * crypt(3) of a password with the salt in the first two characters of {@code setting}.
     *
     * @return empty when the password holds a character outside ASCII: crypt keeps 7 bits per character, so such
     *         a character would match others that share its low bits (Jetty reads chars, C tools read UTF-8 bytes,
     *         and neither is what the user typed)
     */
    static Optional<String> crypt(String password, String setting) {
        for (int i = 0; i < password.length(); i++) {
            if (password.charAt(i) > 0x7f) {
                return Optional.empty();
            }
        }
        int[] key = new int[64];
        for (int i = 0; i < Math.min(8, password.length()); i++) {
            int c = password.charAt(i);
            for (int j = 0; j < 7; j++) {
                key[8 * i + j] = (c >> (6 - j)) & 1;
            }
        }
        int[][] schedule = schedule(key);
        int[] e = E.clone();
        for (int i = 0; i < 2; i++) {
            int v = ALPHABET.indexOf(setting.charAt(i));
            for (int j = 0; j < 6; j++) {
                if (((v >> j) & 1) != 0) {
                    int t = e[6 * i + j];
                    e[6 * i + j] = e[6 * i + j + 24];
                    e[6 * i + j + 24] = t;
                }
            }
        }
        int[] block = new int[66];
        for (int round = 0; round < 25; round++) {
            encrypt(block, schedule, e);
        }
        StringBuilder out = new StringBuilder(13).append(setting, 0, 2);
        for (int i = 0; i < 11; i++) {
            int v = 0;
            for (int j = 0; j < 6; j++) {
                v = (v << 1) | block[6 * i + j];
            }
            out.append(ALPHABET.charAt(v));
        }
        return Optional.of(out.toString());
    }

    /** DES encryption of a block of 64 bits (one per int, most significant first) in place. */
    static void encrypt(int[] block, int[][] schedule, int[] e) {
        int[] lr = new int[64];
        for (int i = 0; i < 64; i++) {
            lr[i] = block[IP[i] - 1];
        }
        int[] f = new int[32];
        int[] x = new int[48];
        for (int round = 0; round < 16; round++) {
            // R is lr[32..63]; f = P(S(E(R) xor K)).
            for (int j = 0; j < 48; j++) {
                x[j] = lr[32 + e[j] - 1] ^ schedule[round][j];
            }
            int[] s = new int[32];
            for (int box = 0; box < 8; box++) {
                int b = 6 * box;
                int row = (x[b] << 1) | x[b + 5];
                int col = (x[b + 1] << 3) | (x[b + 2] << 2) | (x[b + 3] << 1) | x[b + 4];
                int v = S[box][16 * row + col];
                for (int k = 0; k < 4; k++) {
                    s[4 * box + k] = (v >> (3 - k)) & 1;
                }
            }
            for (int j = 0; j < 32; j++) {
                f[j] = s[P[j] - 1];
            }
            for (int j = 0; j < 32; j++) {
                int oldRight = lr[32 + j];
                lr[32 + j] = lr[j] ^ f[j];
                lr[j] = oldRight;
            }
        }
        // The last round does not swap: the output block is R16 L16.
        int[] preOutput = new int[64];
        System.arraycopy(lr, 32, preOutput, 0, 32);
        System.arraycopy(lr, 0, preOutput, 32, 32);
        for (int i = 0; i < 64; i++) {
            block[i] = preOutput[FP[i] - 1];
        }
    }

    /** The 16 round keys of 48 bits from a 64-bit key (parity bits ignored). */
    static int[][] schedule(int[] key) {
        int[] cd = new int[56];
        for (int i = 0; i < 56; i++) {
            cd[i] = key[PC1[i] - 1];
        }
        int[][] keys = new int[16][48];
        for (int round = 0; round < 16; round++) {
            for (int s = 0; s < SHIFTS[round]; s++) {
                rotateLeft(cd, 0);
                rotateLeft(cd, 28);
            }
            for (int j = 0; j < 48; j++) {
                keys[round][j] = cd[PC2[j] - 1];
            }
        }
        return keys;
    }

    private static void rotateLeft(int[] cd, int from) {
        int first = cd[from];
        System.arraycopy(cd, from + 1, cd, from, 27);
        cd[from + 27] = first;
    }

    /** The standard E table, for a plain DES (test vectors) without a salt. */
    static int[] standardE() {
        return E.clone();
    }
}
