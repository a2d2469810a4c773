package io.jwtgate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Settings;
import io.jwtgate.support.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public Wycheproof JOSE vectors, read from {@code ../shared/testdata/wycheproof} (never copied
 * into the repository). Every {@code invalid} signature vector must be refused by the signature
 * layer; every {@code valid} HS256 vector must pass it (so the test can fail); HMAC keys from the
 * key file are refused as configuration when too short or empty, and long ones verify. JwtGate
 * supports only HS*, so RS/PS/ES vectors are refused for want of a key bound to their algorithm.
 */
class WycheproofTest {

    static final Path DIR = Path.of("..", "shared", "testdata", "wycheproof");

    /**
     * Labels the vectors' README calls debatable, with what JwtGate does and why. 367 and 370 are
     * byte-for-byte correctly signed tokens (the padding the label speaks of is not in the string),
     * so accepting them is right. 372 and 373 insert '?' into a part; JwtGate accepts canonical
     * base64url only and refuses them, which is the stricter answer.
     */
    static final Map<Integer, Boolean> DEBATABLE_ACCEPTED = Map.of(367, true, 370, true, 372, false, 373, false);
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void vectorsPresent() {
        assumeTrue(Files.isDirectory(DIR), "Wycheproof vectors not found at " + DIR.toAbsolutePath()
                + "; they live beside the checkout in shared/testdata/wycheproof");
    }

    private static JsonNode load(String file) throws IOException {
        return JSON.readTree(DIR.resolve(file).toFile());
    }

    /** The ring a JwtGate configured with this JWK would have; RSA/EC keys are not configurable. */
    private static KeyRing ringFor(JsonNode jwk) {
        if (jwk != null && "oct".equals(jwk.path("kty").asText())) {
            java.util.Optional<JwsAlgorithm> alg = JwsAlgorithm.byName(jwk.path("alg").asText("HS256"));
            if (alg.isPresent()) {
                byte[] secret = Base64.getUrlDecoder().decode(jwk.path("k").asText());
                return KeyRing.single(JwtKey.hmac(alg.get(), jwk.path("kid").asText(null), secret));
            }
        }
        return KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes()));
    }

    private static boolean acceptedBySignatureLayer(String jws, KeyRing ring) {
        try {
            JwsSignatures.verify(CompactJws.parse(jws), ring);
            return true;
        } catch (BadTokenException e) {
            return false;
        }
    }

    @Test
    void everyInvalidSignatureVectorIsRefusedAndValidHs256VectorsPass() throws IOException {
        JsonNode root = load("json_web_signature_test.json");
        List<String> wrong = new ArrayList<>();
        int invalid = 0;
        int validHmac = 0;
        for (JsonNode group : root.get("testGroups")) {
            JsonNode jwk = group.has("private") ? group.get("private") : group.get("public");
            KeyRing ring = ringFor(jwk);
            boolean hmacGroup = jwk != null && "oct".equals(jwk.path("kty").asText());
            for (JsonNode test : group.get("tests")) {
                String jws = test.get("jws").isTextual() ? test.get("jws").asText() : test.get("jws").toString();
                boolean accepted = acceptedBySignatureLayer(jws, ring);
                String result = test.get("result").asText();
                Boolean special = DEBATABLE_ACCEPTED.get(test.get("tcId").asInt());
                if (special != null) {
                    if (special != accepted) {
                        wrong.add("tcId " + test.get("tcId") + " changed: accepted=" + accepted);
                    }
                } else if ("invalid".equals(result)) {
                    invalid++;
                    if (accepted) {
                        wrong.add("tcId " + test.get("tcId") + " (" + test.get("comment").asText() + ") accepted");
                    }
                } else if ("valid".equals(result) && hmacGroup) {
                    validHmac++;
                    if (!accepted) {
                        wrong.add("tcId " + test.get("tcId") + " (" + test.get("comment").asText()
                                + ") valid HS256 vector refused");
                    }
                }
            }
        }
        assertTrue(invalid > 100, "expected the invalid vectors, found " + invalid);
        assertTrue(validHmac > 0, "expected valid HS256 vectors");
        assertEquals(List.of(), wrong);
    }

    @Test
    void hmacKeysTooShortOrEmptyAreRefusedAsConfiguration() throws IOException {
        JsonNode root = load("json_web_key_test.json");
        int checked = 0;
        for (JsonNode group : root.get("testGroups")) {
            JsonNode set = group.has("private") ? group.get("private") : group.get("public");
            // JwtGate configures exactly one HMAC secret: only single-key oct sets map onto its configuration.
            if (set == null || !set.has("keys") || set.get("keys").size() != 1) {
                continue;
            }
            JsonNode jwk = set.get("keys").get(0);
            if (!"oct".equals(jwk.path("kty").asText()) || !jwk.has("k")) {
                continue;
            }
            byte[] k = Base64.getUrlDecoder().decode(jwk.get("k").asText());
            Map<String, String> params = Map.of("jwtgate.signing.secret", "base64:" + jwk.get("k").asText(),
                    "jwtgate.signing.algorithm", jwk.path("alg").asText("HS256"));
            int needed = JwsAlgorithm.byName(jwk.path("alg").asText("HS256")).map(JwsAlgorithm::minimumKeyBytes)
                    .orElse(Integer.MAX_VALUE);
            if (k.length < needed || !JwsAlgorithm.byName(jwk.path("alg").asText("HS256")).isPresent()) {
                assertThrows(ConfigurationException.class,
                        () -> Settings.from(List.of(ConfigSource.of("wycheproof", params))), group.toString());
            } else {
                // These vectors' keys count bytes (00 01 02 ...): long enough, but refused at start as a
                // typed secret (decision 70). The signature layer below still takes them.
                ConfigurationException weak = assertThrows(ConfigurationException.class,
                        () -> Settings.from(List.of(ConfigSource.of("wycheproof", params))), group.toString());
                assertTrue(weak.getMessage().contains("repeated or sequential runs"), weak.getMessage());
                for (JsonNode test : group.get("tests")) {
                    if ("valid".equals(test.get("result").asText())) {
                        assertTrue(acceptedBySignatureLayer(test.get("jws").asText(), ringFor(jwk)),
                                "tcId " + test.get("tcId"));
                    }
                }
            }
            checked++;
        }
        assertTrue(checked >= 6, "expected the oct key cases, checked " + checked);
    }
}
