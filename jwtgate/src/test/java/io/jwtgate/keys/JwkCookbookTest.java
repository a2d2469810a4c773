package io.jwtgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.keys.Jwk.Source;
import io.jwtgate.support.PublicVectors;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.CompactJws;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwsSignatures;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7520 (the JOSE cookbook) and RFC 8037's Ed25519 example, read from
 * {@code shared/testdata/jose-cookbook}: the keys parse and publish back member for member, and
 * the signatures verify through the same path tokens take ({@link CompactJws} and
 * {@link JwsSignatures}), and stop verifying when anything changes.
 */
class JwkCookbookTest {

    static JsonNode read(String file) throws IOException {
        Path dir = PublicVectors.require("jose-cookbook");
        return StrictJson.parse(Files.readAllBytes(dir.resolve(file)));
    }

    /** The JWK with the members a verifier holds: all of a secret, the public ones of a key pair. */
    static ObjectNode verifierView(JsonNode key) {
        ObjectNode copy = key.deepCopy();
        if (!"oct".equals(copy.path("kty").asText())) {
            copy.remove(List.of("d", "p", "q", "dp", "dq", "qi"));
        }
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"jwk/3_1.ec_public_key.json", "jwk/3_3.rsa_public_key.json"})
    void publicKeysParseAndPublishBackMemberForMember(String file) throws IOException {
        JsonNode jwk = read(file);
        List<JwtKey> keys = Jwk.verificationKeys(jwk, JwkTest.ALL, Source.REMOTE);
        assertTrue(!keys.isEmpty(), file);
        for (JwtKey key : keys) {
            ObjectNode published = Jwk.publicJwk(key);
            jwk.fieldNames().forEachRemaining(name -> assertEquals(jwk.get(name), published.get(name), file + " " + name));
            assertEquals(key.algorithm().name(), published.get("alg").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jwk/3_2.ec_private_key.json", "jwk/3_4.rsa_private_key.json"})
    void privateKeysAreRefusedAsVerificationKeysAndTheirPublicPartIsThePublishedKey(String file) throws IOException {
        JsonNode jwk = read(file);
        for (Source source : Source.values()) {
            JwkException e = assertThrows(JwkException.class, () -> Jwk.verificationKeys(jwk, JwkTest.ALL, source));
            assertTrue(e.getMessage().contains("d"), e.getMessage());
        }
        String publicFile = file.replace("3_2.ec_private", "3_1.ec_public").replace("3_4.rsa_private", "3_3.rsa_public");
        assertEquals(read(publicFile), verifierView(jwk));
    }

    @Test
    void theSymmetricKeyParsesFromALocalFileOnly() throws IOException {
        JsonNode jwk = read("jwk/3_5.symmetric_key_mac_computation.json");
        List<JwtKey> keys = Jwk.verificationKeys(jwk, JwkTest.ALL, Source.LOCAL_FILE);
        assertEquals(List.of(JwsAlgorithm.HS256), keys.stream().map(JwtKey::algorithm).toList());
        assertEquals("018c0ae5-4d9b-471b-bfd6-eef314bc7037", keys.get(0).kid().orElseThrow());
        assertThrows(JwkException.class, () -> Jwk.verificationKeys(jwk, JwkTest.ALL, Source.REMOTE));
        assertThrows(IllegalArgumentException.class, () -> Jwk.publicJwk(keys.get(0)));
    }

    static Stream<String> examples() {
        return Stream.of("jws/4_1.rsa_v15_signature.json", "jws/4_2.rsa-pss_signature.json",
                "jws/4_3.ecdsa_signature.json", "jws/4_4.hmac-sha2_integrity_protection.json",
                "curve25519/jws.json");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("examples")
    void cookbookSignatureVerifiesWithItsKeyAndAlgorithmAndNothingElse(String file) throws IOException {
        JsonNode example = read(file);
        JwsAlgorithm alg = JwsAlgorithm.byName(example.at("/input/alg").asText()).orElseThrow();
        ObjectNode key = verifierView(example.at("/input/key"));
        String compact = example.at("/output/compact").asText();

        List<JwtKey> keys = Jwk.verificationKeys(key, EnumSet.of(alg), Source.LOCAL_FILE);
        assertEquals(1, keys.size(), file);
        KeyRing ring = KeyRing.single(keys.get(0));
        assertEquals(keys.get(0), JwsSignatures.verify(CompactJws.parse(compact), ring));

        String[] parts = compact.split("\\.");
        String otherSignature = parts[0] + "." + parts[1] + "." + flip(parts[2]);
        String otherPayload = parts[0] + "." + flip(parts[1]) + "." + parts[2];
        for (String tampered : List.of(otherSignature, otherPayload)) {
            assertThrows(BadTokenException.class, () -> JwsSignatures.verify(CompactJws.parse(tampered), ring), tampered);
        }
        // The same key bound to any other algorithm it could serve does not take the token.
        Set<JwsAlgorithm> others = EnumSet.complementOf(EnumSet.of(alg));
        for (JwtKey other : Jwk.verificationKeys(key, others, Source.LOCAL_FILE)) {
            assertThrows(BadTokenException.class,
                    () -> JwsSignatures.verify(CompactJws.parse(compact), KeyRing.single(other)), other.toString());
        }
    }

    /** The part with its middle character changed to another base64url letter (still canonical). */
    private static String flip(String part) {
        int i = part.length() / 2;
        char c = part.charAt(i);
        char other = c == 'A' ? 'B' : 'A';
        return part.substring(0, i) + other + part.substring(i + 1);
    }
}
