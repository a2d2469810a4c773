package io.jwtgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwksDocumentTest {

    @Test
    void hmacOnlyRingPublishesAnEmptySet() {
        JwksDocument doc = JwksDocument.of(List.of(JwtKey.hmac(JwsAlgorithm.HS256, "h", new byte[32])),
                Duration.ofMinutes(15));
        assertEquals("{\"keys\":[]}", new String(doc.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("public, max-age=900", doc.cacheControl());
    }

    @Test
    void everyAsymmetricKeyIsPublishedWithPublicMembersOnly() throws GeneralSecurityException {
        Map<JwsAlgorithm, JwtKey> keys = JwkKeyPairs.signingKeys();
        List<JwtKey> ring = new ArrayList<>(keys.values());
        ring.add(JwtKey.hmac(JwsAlgorithm.HS512, "secret", new byte[64]));
        JwksDocument doc = JwksDocument.of(ring, Duration.ofSeconds(60));
        JsonNode set = StrictJson.parse(doc.body());
        assertEquals(keys.size(), set.get("keys").size(), "every asymmetric key once, the HMAC one never");
        for (JsonNode jwk : set.get("keys")) {
            jwk.fieldNames().forEachRemaining(name -> assertTrue(JwkTest.PUBLIC_MEMBERS.contains(name), name));
            assertFalse(jwk.has("k") || jwk.has("d"));
            // What is published reads back as the key it came from.
            JwsAlgorithm alg = JwsAlgorithm.byName(jwk.get("alg").asText()).orElseThrow();
            assertEquals(keys.get(alg).publicKey().orElseThrow(),
                    Jwk.verificationKeys(jwk, JwkTest.ALL, Jwk.Source.REMOTE).get(0).publicKey().orElseThrow());
        }
        assertEquals("public, max-age=60", doc.cacheControl());
    }

    @Test
    void theBodyCannotBeChangedFromOutside() {
        JwksDocument doc = JwksDocument.of(List.of(), Duration.ZERO);
        doc.body()[0] = 'x';
        assertEquals('{', doc.body()[0]);
        assertEquals("public, max-age=0", doc.cacheControl());
        assertThrows(IllegalArgumentException.class, () -> JwksDocument.of(List.of(), Duration.ofSeconds(-1)));
    }
}
