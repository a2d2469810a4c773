package io.jwtgate.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * Derives the public half of an Ed25519 private key (RFC 8032 §5.1.5) without any curve code of
 * our own: the JDK's key-pair generator draws the 32-byte seed from its {@code SecureRandom}, so a
 * random that yields exactly the loaded seed makes it compute the matching public key. The caller
 * proves the pair by a sign/verify probe, so a provider that drew its seed differently fails there
 * instead of yielding a wrong key.
 */
final class Ed25519PublicKey {

    private Ed25519PublicKey() {
    }

    static PublicKey of(EdECPrivateKey privateKey) {
        byte[] seed = privateKey.getBytes().orElseThrow(
                () -> new IllegalArgumentException("the Ed25519 private key does not expose its seed"));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot derive an Ed25519 public key", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** Hands out the seed once, then refuses: never a source of randomness for anything else. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (seed == null || bytes.length != seed.length) {
                throw new IllegalStateException("the seed random serves exactly one seed");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            Arrays.fill(seed, (byte) 0);
            seed = null;
        }
    }
}
