package io.jwtgate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for what the fuzz targets in {@code io.jwtgate.fuzz} found (docs/fuzzing.md,
 * "Findings"), in the forms {@code AccessTokenVerifierTest} does not already cover.
 */
class FuzzingFindingsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final TokenForge FORGE = new TokenForge(TestSettings.secretBytes());
    private static final AccessTokenVerifier VERIFIER = new AccessTokenVerifier(
            KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes())), "jwtgate", null,
            Duration.ofSeconds(30), Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC), RevocationCheck.NONE);

    /** F1, minimal form: the header is the bare number 1e2147483648; no key needed to send it. */
    @Test
    void f1HeaderThatIsAnOverflowingNumberIsABadToken() {
        assertEquals("MWUyMTQ3NDgzNjQ4", TokenForge.b64("1e2147483648"));
        BadTokenException e = assertThrows(BadTokenException.class, () -> VERIFIER.verify("MWUyMTQ3NDgzNjQ4.e30.c2ln"));
        assertEquals(BadTokenException.Reason.INVALID, e.reason());
    }

    /** F2, the slow form: rescaling 1E-10000000 took about 3 s of CPU per token before the fix. */
    @Test
    void f2TinyNumericDatesAreRefusedQuickly() {
        for (String exp : List.of("1E-10000000", "1E-20000000", "1e-999999999")) {
            String token = FORGE.hs256(TokenForge.HEADER,
                    TokenForge.claims(T).replace("\"exp\":" + (T + 600), "\"exp\":" + exp));
            assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> assertThrows(BadTokenException.class, () -> VERIFIER.verify(token)), exp);
        }
    }
}
