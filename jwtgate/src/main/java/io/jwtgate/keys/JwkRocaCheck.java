package io.jwtgate.keys;

import java.math.BigInteger;

/**
 * The published fingerprint of RSA moduli from the Infineon library behind ROCA (CVE-2017-15361,
 * Nemec et al., CCS 2017): such a modulus is, modulo every small prime below, a power of 65537.
 * A random modulus passes all 38 tests with negligible probability, so meeting them all marks
 * the key as factorable. Written from the paper's description, not from the authors' tool.
 */
final class JwkRocaCheck {

    private static final int[] PRIMES = {3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67,
        71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167};

    /** For each prime, which residues lie in the subgroup 65537 generates modulo it. */
    private static final boolean[][] SUBGROUPS = subgroups();

    private JwkRocaCheck() {
    }

    private static boolean[][] subgroups() {
        boolean[][] s = new boolean[PRIMES.length][];
        for (int i = 0; i < PRIMES.length; i++) {
            int p = PRIMES[i];
            s[i] = new boolean[p];
            int g = 65537 % p;
            int x = 1;
            do {
                s[i][x] = true;
                x = x * g % p;
            } while (x != 1);
        }
        return s;
    }

    /** Whether {@code modulus} carries the ROCA fingerprint. */
    static boolean vulnerable(BigInteger modulus) {
        for (int i = 0; i < PRIMES.length; i++) {
            int residue = modulus.mod(BigInteger.valueOf(PRIMES[i])).intValue();
            if (!SUBGROUPS[i][residue]) {
                return false;
            }
        }
        return true;
    }
}
