package io.jwtgate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * RFC 7515 allows an empty payload, and Wycheproof's {@code emptyPayload} vectors are valid
 * signatures: the signature layer takes them, and the JWT layer refuses them as claims.
 */
class CompactJwsEmptyPayloadTest {

    private static final KeyRing KEYS = KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes()));

    @Test
    void signatureLayerTakesAnEmptyPayloadButTheClaimsLayerRefusesIt() {
        String token = new TokenForge(TestSettings.secretBytes()).hs256("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", "");
        CompactJws jws = CompactJws.parse(token);
        assertEquals(0, jws.payload().length);
        JwsSignatures.verify(jws, KEYS);
        AccessTokenVerifier verifier = new AccessTokenVerifier(KEYS, "jwtgate", null, Duration.ofSeconds(30),
                Duration.ofHours(24), Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC),
                RevocationCheck.NONE);
        BadTokenException e = assertThrows(BadTokenException.class, () -> verifier.verify(token));
        assertEquals("payload is empty", e.getMessage());
    }

    @Test
    void anEmptyHeaderOrSignatureIsStillRefused() {
        for (String t : new String[] {".e30.c2ln", "e30.e30.", "e30..", "..", "e30.e30"}) {
            assertThrows(BadTokenException.class, () -> CompactJws.parse(t), t);
        }
    }
}
