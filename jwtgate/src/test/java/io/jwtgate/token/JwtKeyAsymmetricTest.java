package io.jwtgate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwtKeyAsymmetricTest {

    private static final String HEADER = "eyJhbGciOiJFUzI1NiJ9";
    private static final String PAYLOAD = "eyJzdWIiOiJ4In0";

    static KeyPair pairFor(JwsAlgorithm algorithm) throws GeneralSecurityException {
        switch (algorithm.family()) {
            case RSA:
            case RSA_PSS: {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair();
            }
            case EC: {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(algorithm.curve().orElseThrow()));
                return g.generateKeyPair();
            }
            case EDDSA:
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            default:
                throw new IllegalArgumentException(algorithm.name());
        }
    }

    private static byte[] sign(JwtKey key) {
        return key.jwtAlgorithm().sign((HEADER + "." + PAYLOAD).getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = "HS.*", mode = EnumSource.Mode.MATCH_NONE)
    void signatureOfTheKeyPairVerifiesAndAFlippedBitDoesNot(JwsAlgorithm algorithm) throws Exception {
        KeyPair pair = pairFor(algorithm);
        JwtKey signing = JwtKey.signing(algorithm, "k1", pair.getPrivate(), pair.getPublic());
        byte[] signature = sign(signing);
        JwtKey verifying = JwtKey.verifying(algorithm, "k1", pair.getPublic());
        assertTrue(verifying.verifies(HEADER, PAYLOAD, signature));
        byte[] flipped = signature.clone();
        flipped[flipped.length / 3] ^= 1;
        assertFalse(verifying.verifies(HEADER, PAYLOAD, flipped));
        assertFalse(verifying.verifies(HEADER, PAYLOAD + "x", signature));
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = "ES.*", mode = EnumSource.Mode.MATCH_ANY)
    void ecdsaSignatureOfZerosOrTheWrongLengthIsRefused(JwsAlgorithm algorithm) throws Exception {
        KeyPair pair = pairFor(algorithm);
        JwtKey key = JwtKey.verifying(algorithm, null, pair.getPublic());
        int size = 2 * algorithm.ecCoordinateBytes();
        assertFalse(key.verifies(HEADER, PAYLOAD, new byte[size]), "r = s = 0 (CVE-2022-21449)");
        byte[] valid = sign(JwtKey.signing(algorithm, null, pair.getPrivate(), pair.getPublic()));
        assertFalse(key.verifies(HEADER, PAYLOAD, Arrays.copyOf(valid, size + 1)));
        assertFalse(key.verifies(HEADER, PAYLOAD, Arrays.copyOf(valid, size - 1)));
        byte[] rOnly = valid.clone();
        Arrays.fill(rOnly, size / 2, size, (byte) 0);
        assertFalse(key.verifies(HEADER, PAYLOAD, rOnly), "s = 0");
        byte[] allOnes = new byte[size];
        Arrays.fill(allOnes, (byte) 0xff);
        assertFalse(key.verifies(HEADER, PAYLOAD, allOnes), "r, s >= n");
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = "HS.*", mode = EnumSource.Mode.MATCH_NONE)
    void verificationOnlyKeyCannotSign(JwsAlgorithm algorithm) throws Exception {
        JwtKey key = JwtKey.verifying(algorithm, "old", pairFor(algorithm).getPublic());
        assertFalse(key.canSign());
        assertThrows(IllegalStateException.class, key::jwtAlgorithm);
        assertEquals("JwtKey[" + algorithm + ", kid=old]", key.toString());
    }
}
