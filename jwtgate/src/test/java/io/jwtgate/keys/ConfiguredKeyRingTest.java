package io.jwtgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.TestKeys;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the configured ring selects a key for a token's {@code alg} and {@code kid}. */
class ConfiguredKeyRingTest {

    private static final KeyPair A = TestKeys.ec("secp256r1");
    private static final KeyPair B = TestKeys.ec("secp256r1");
    private static final KeyPair R = TestKeys.rsa(2048);

    private final JwtKey a = JwtKey.signing(JwsAlgorithm.ES256, "a", A.getPrivate(), A.getPublic());
    private final JwtKey b = JwtKey.verifying(JwsAlgorithm.ES256, "b", B.getPublic());
    private final JwtKey r = JwtKey.verifying(JwsAlgorithm.RS256, "r", R.getPublic());
    private final ConfiguredKeyRing ring = new ConfiguredKeyRing(a, List.of(b, r));

    @Test
    void kidSelectsAmongConfiguredKeysOnlyAndOnlyForItsOwnAlgorithm() {
        assertSame(a, ring.verificationKey("ES256", "a").orElseThrow());
        assertSame(b, ring.verificationKey("ES256", "b").orElseThrow());
        assertSame(r, ring.verificationKey("RS256", "r").orElseThrow());
        assertTrue(ring.verificationKey("ES256", "unknown").isEmpty());
        assertTrue(ring.verificationKey("ES256", "r").isEmpty(), "the header never changes a key's algorithm");
        assertTrue(ring.verificationKey("HS256", "r").isEmpty());
        assertTrue(ring.verificationKey("none", "a").isEmpty());
    }

    @Test
    void tokenWithoutKidIsVerifiedOnlyWhenOneKeyHasItsAlgorithm() {
        assertSame(r, ring.verificationKey("RS256", null).orElseThrow());
        assertTrue(ring.verificationKey("ES256", null).isEmpty(), "two ES256 keys: the token must say which");
        assertTrue(ring.verificationKey("PS256", null).isEmpty());
    }

    @Test
    void publishedKeysAreTheSigningKeyThenTheVerificationKeys() {
        assertEquals(List.of(a, b, r), ring.publishedKeys());
        assertEquals(List.of(b, r), ring.verificationKeys());
        assertSame(a, ring.signingKey());
    }

    @Test
    void duplicateKidsAndAVerificationOnlySigningKeyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConfiguredKeyRing(a, List.of(b.withKid("a"))));
        assertThrows(IllegalArgumentException.class, () -> new ConfiguredKeyRing(a, List.of(b, r.withKid("b"))));
        assertThrows(IllegalArgumentException.class, () -> new ConfiguredKeyRing(b, List.of()));
    }

    @Test
    void hmacKeyWithoutKidStaysSelectableBesideKeyedAsymmetricKeys() {
        JwtKey hs = JwtKey.hmac(JwsAlgorithm.HS256, null,
                "kept-secret-of-the-switch-Xq81mZ0pLw3RtV".getBytes(StandardCharsets.UTF_8));
        ConfiguredKeyRing mixed = new ConfiguredKeyRing(a, List.of(hs));
        assertSame(hs, mixed.verificationKey("HS256", null).orElseThrow());
        assertTrue(mixed.verificationKey("HS256", "a").isEmpty(), "an HS256 header cannot borrow the ES256 key's kid");
    }
}
