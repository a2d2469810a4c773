package io.jwtgate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Settings;
import io.jwtgate.keys.Jwk;
import io.jwtgate.keys.JwkException;
import io.jwtgate.support.PublicVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The public Wycheproof JOSE vectors, read from {@code shared/testdata/wycheproof} beside the
 * checkout (never copied into the repository; missing vectors fail under {@code CI=true} and skip
 * elsewhere, see {@link PublicVectors}).
 *
 * <p>Every signature vector, for every algorithm, gets its ring from the group's JWK through
 * {@link Jwk} under the rules for an operator's file ({@link Jwk.Source#LOCAL_FILE}) and goes
 * through {@link CompactJws#parse} and {@link JwsSignatures#verify} exactly as a token does:
 * {@code valid} vectors are accepted, {@code invalid} ones refused, at key load or at
 * verification. Every key-file case is refused at key load or gives its expected verdict. The
 * vectors the folder's README calls debatable get the answer {@link #DEBATABLE} records, with the
 * reason (decision 416). Each vector is its own test, named by its tcId.
 */
class WycheproofTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<JwsAlgorithm> ALL = EnumSet.allOf(JwsAlgorithm.class);

    /**
     * The debatable vectors (README: 346, 350, 367-375) whose label JwtGate does not follow, with
     * its answer (true = accepted) and why. The others of that list (368, 369, 371, 374, 375) are
     * {@code invalid} and refused, as labelled.
     */
    static final Map<Integer, Debatable> DEBATABLE = Map.of(
            346, new Debatable(false, "labelled valid: a PS384 token for a key whose JWK says PS256; a key's algorithm"
                    + " is fixed by its configuration, never by the header, so there is no PS384 key to verify with"),
            350, new Debatable(false, "as 346, with key_ops [verify]"),
            367, new Debatable(true, "labelled invalidBase64Padding, but the string is the correctly signed token"
                    + " byte for byte: the padding the label speaks of is not in it"),
            370, new Debatable(true, "as 367, for the payload"),
            372, new Debatable(false, "labelled valid: a '?' inserted into the header; JwtGate accepts canonical"
                    + " base64url only, the stricter answer"),
            373, new Debatable(false, "as 372, in the payload"));

    /** JwtGate's answer to a debatable vector and the reason. */
    record Debatable(boolean accepted, String reason) {
    }

    private static JsonNode load(String file) throws IOException {
        Path dir = PublicVectors.require("wycheproof");
        return JSON.readTree(dir.resolve(file).toFile());
    }

    @Test
    void missingVectorsFailUnderCiAndSkipOtherwise() {
        Path nowhere = Path.of("target", "no-such-wycheproof-folder");
        AssertionFailedError underCi = assertThrows(AssertionFailedError.class, () -> PublicVectors.require(nowhere, true));
        assertTrue(underCi.getMessage().contains("required under CI"), underCi.getMessage());
        TestAbortedException elsewhere = assertThrows(TestAbortedException.class, () -> PublicVectors.require(nowhere, false));
        assertTrue(elsewhere.getMessage().contains("test vectors not found"), elsewhere.getMessage());
    }

    /**
     * A ring over configured keys as the start-up code builds it: the header's {@code alg} must be
     * a configured key's algorithm; its {@code kid}, when present, selects among those keys, and
     * without it only a single candidate is taken.
     */
    static KeyRing ring(List<JwtKey> keys) {
        return new KeyRing() {
            @Override
            public JwtKey signingKey() {
                throw new UnsupportedOperationException("these rings only verify");
            }

            @Override
            public Optional<JwtKey> verificationKey(String alg, String kid) {
                List<JwtKey> candidates = keys.stream().filter(k -> k.algorithm().name().equals(alg)).toList();
                if (kid != null) {
                    List<JwtKey> named = candidates.stream()
                            .filter(k -> k.kid().map(kid::equals).orElse(candidates.size() == 1)).toList();
                    return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
                }
                return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
            }
        };
    }

    /** "accepted", or "refused: " and the signature layer's reason. */
    static String outcome(String jws, KeyRing ring) {
        try {
            JwsSignatures.verify(CompactJws.parse(jws), ring);
            return "accepted";
        } catch (BadTokenException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static String jws(JsonNode test) {
        JsonNode jws = test.get("jws");
        // The JsonSerialization vectors hold an object: a compact-only verifier sees its text.
        return jws.isTextual() ? jws.asText() : jws.toString();
    }

    private static String display(JsonNode test, String group) {
        return "tcId " + test.get("tcId").asInt() + " " + test.get("comment").asText() + " (" + group + ", "
                + test.get("result").asText() + ")";
    }

    /** The verdict one vector must get: its label, or for a debatable one JwtGate's recorded answer. */
    private static void assertVerdict(JsonNode test, String outcome) {
        int tcId = test.get("tcId").asInt();
        Debatable special = DEBATABLE.get(tcId);
        boolean expected = special != null ? special.accepted() : "valid".equals(test.get("result").asText());
        assertEquals(expected, outcome.equals("accepted"),
                "tcId " + tcId + ": " + outcome + (special == null ? "" : " (debatable: " + special.reason() + ")"));
    }

    @TestFactory
    List<DynamicTest> everySignatureVectorGetsItsVerdictForEveryAlgorithm() throws IOException {
        JsonNode root = load("json_web_signature_test.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            // A verifier holds the public key; a secret's group has only the private (secret) JWK.
            JsonNode jwk = group.has("public") ? group.get("public") : group.get("private");
            List<JwtKey> keys;
            String loadRefusal;
            try {
                keys = Jwk.verificationKeys(jwk, ALL, Jwk.Source.LOCAL_FILE);
                loadRefusal = null;
            } catch (JwkException e) {
                keys = List.of();
                loadRefusal = "refused at key load: " + e.getMessage();
            }
            KeyRing ring = ring(keys);
            String refusedAtLoad = loadRefusal;
            for (JsonNode test : group.get("tests")) {
                tests.add(dynamicTest(display(test, group.get("comment").asText()), () ->
                        assertVerdict(test, refusedAtLoad != null ? refusedAtLoad : outcome(jws(test), ring))));
            }
        }
        assertEquals(root.get("numberOfTests").asInt(), tests.size(), "every vector of the file");
        return tests;
    }

    /**
     * Where the signature file's vectors are refused, counted per group algorithm and reason: the
     * asymmetric vectors reach the signature check (the test could fail there) rather than being
     * refused for want of a key, and nothing is refused at key load except the encryption keys.
     */
    @Test
    void asymmetricVectorsAreDecidedByTheSignatureCheckNotByAMissingKey() throws IOException {
        JsonNode root = load("json_web_signature_test.json");
        Map<String, Integer> noKey = new TreeMap<>();
        Map<String, Integer> signatureChecked = new TreeMap<>();
        List<String> refusedAtLoad = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            JsonNode jwk = group.has("public") ? group.get("public") : group.get("private");
            List<JwtKey> keys;
            try {
                keys = Jwk.verificationKeys(jwk, ALL, Jwk.Source.LOCAL_FILE);
            } catch (JwkException e) {
                group.get("tests").forEach(t -> refusedAtLoad.add(t.get("tcId").asText()));
                continue;
            }
            String alg = jwk.path("alg").asText(jwk.path("kty").asText());
            for (JsonNode test : group.get("tests")) {
                String outcome = outcome(jws(test), ring(keys));
                if (outcome.equals("refused: no key for the header's alg and kid")) {
                    noKey.merge(alg, 1, Integer::sum);
                } else if (outcome.equals("accepted") || outcome.equals("refused: signature not valid")) {
                    signatureChecked.merge(alg, 1, Integer::sum);
                }
            }
        }
        // rsa_encryption / ec_key_for_encryption (use enc, key_ops encrypt): not signature keys.
        assertEquals(List.of("353", "354", "355", "356"), refusedAtLoad);
        // Refused for want of a key: alg none, HS256 under an RSA or EC key (key confusion), the
        // PS384 token under the PS256 key (346, 350), and tokens naming a kid the ring does not hold.
        assertTrue(noKey.values().stream().mapToInt(Integer::intValue).sum() < 40, noKey.toString());
        for (String alg : List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES521")) {
            assertTrue(signatureChecked.getOrDefault(alg, 0) >= 2, alg + ": " + signatureChecked);
        }
        assertTrue(signatureChecked.get("RS256") > 200 && signatureChecked.get("PS256") > 40, signatureChecked.toString());
    }

    @TestFactory
    List<DynamicTest> everyKeyFileCaseIsRefusedAtLoadOrGetsItsVerdict() throws IOException {
        JsonNode root = load("json_web_key_test.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            JsonNode set = group.has("public") ? group.get("public") : group.get("private");
            List<JwtKey> keys;
            String loadRefusal;
            try {
                keys = Jwk.verificationKeySet(set, ALL, Jwk.Source.LOCAL_FILE);
                loadRefusal = null;
            } catch (JwkException e) {
                keys = List.of();
                loadRefusal = "refused at key load: " + e.getMessage();
            }
            KeyRing ring = ring(keys);
            String refusedAtLoad = loadRefusal;
            for (JsonNode test : group.get("tests")) {
                tests.add(dynamicTest(display(test, group.get("comment").asText()), () -> {
                    String outcome = refusedAtLoad != null ? refusedAtLoad : outcome(jws(test), ring);
                    assertVerdict(test, outcome);
                    if ("invalid".equals(test.get("result").asText()) && !test.get("comment").asText().contains("Modified")
                            || test.get("comment").asText().equals("rejectsModifiedKey")) {
                        // A bad key is refused where it is configured, not token by token.
                        assertTrue(outcome.startsWith("refused at key load"), outcome);
                    }
                }));
            }
        }
        assertEquals(root.get("numberOfTests").asInt(), tests.size(), "every case of the file");
        return tests;
    }

    @Test
    void debatableVectorsBehaveAsRecordedAndTheSignatureOf346VerifiesUnderPs384() throws IOException {
        JsonNode root = load("json_web_signature_test.json");
        int seen = 0;
        for (JsonNode group : root.get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                if (test.get("tcId").asInt() != 346) {
                    continue;
                }
                seen++;
                // The same key configured for PS384 takes the token: 346 is refused for its key's
                // algorithm, not because JwtGate cannot check a PS384 signature.
                JsonNode jwk = group.get("public").deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) jwk).put("alg", "PS384");
                KeyRing ps384 = ring(Jwk.verificationKeys(jwk, ALL, Jwk.Source.LOCAL_FILE));
                assertEquals("accepted", outcome(jws(test), ps384));
            }
        }
        assertEquals(1, seen);
        assertEquals(Set.of(346, 350, 367, 370, 372, 373), DEBATABLE.keySet());
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
            boolean knownAlg = JwsAlgorithm.byName(jwk.path("alg").asText("HS256")).isPresent();
            if (k.length < needed || !knownAlg) {
                ConfigurationException e = assertThrows(ConfigurationException.class,
                        () -> Settings.from(List.of(ConfigSource.of("wycheproof", params))), group.toString());
                // The refusal names the key at fault: an unknown algorithm, else the too-short secret.
                String key = knownAlg ? "jwtgate.signing.secret" : "jwtgate.signing.algorithm";
                assertEquals(key, e.key(), e.getMessage());
                assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
            } else {
                // These vectors' keys count bytes (00 01 02 ...): long enough, but refused at start as a
                // typed secret (decision 70). The signature layer below still takes them.
                ConfigurationException weak = assertThrows(ConfigurationException.class,
                        () -> Settings.from(List.of(ConfigSource.of("wycheproof", params))), group.toString());
                assertTrue(weak.getMessage().contains("repeated or sequential runs"), weak.getMessage());
                KeyRing ring = ring(Jwk.verificationKeySet(set, ALL, Jwk.Source.LOCAL_FILE));
                for (JsonNode test : group.get("tests")) {
                    if ("valid".equals(test.get("result").asText())) {
                        assertEquals("accepted", outcome(test.get("jws").asText(), ring), "tcId " + test.get("tcId"));
                    }
                }
            }
            checked++;
        }
        assertTrue(checked >= 6, "expected the oct key cases, checked " + checked);
    }
}
