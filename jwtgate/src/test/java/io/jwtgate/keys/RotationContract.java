package io.jwtgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestKeys;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Key rotation over real HTTP with an injected clock (issue 12 item 2): key A signs; B is
 * introduced as a verification key; signing switches to B with A kept to verify; A is retired.
 * Each step is a restart with the new configuration over the same store, the way an operator
 * rolls it out, and tokens issued at one step are presented at the next within their lifetime.
 * Also the selection rules: an unknown {@code kid}, a {@code kid} naming a key of another
 * algorithm, a key the token offers itself ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}), and an
 * HS256 token keyed with the RSA public key (PEM text and DER bytes) are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RotationContract {

    static final String INVALID = "Bearer realm=\"jwtgate\", error=\"invalid_token\","
            + " error_description=\"The access token is invalid\"";

    private Path dir;
    private final MutableClock clock = new MutableClock(Instant.now());
    private final KeyPair a = TestKeys.ec("secp256r1");
    private final KeyPair b = TestKeys.ec("secp256r1");
    private final KeyPair rsa = TestKeys.rsa(2048);
    private Path aPrivate;
    private Path aPublic;
    private Path bPrivate;
    private Path bPublic;
    private Path rsaPublic;

    abstract Container container();

    @BeforeAll
    void keys() throws Exception {
        dir = Files.createTempDirectory("jwtgate-rotation");
        aPrivate = TestKeys.privatePem(dir, "a.pem", a);
        aPublic = TestKeys.publicPem(dir, "a-public.pem", a);
        bPrivate = TestKeys.privatePem(dir, "b.pem", b);
        bPublic = TestKeys.publicPem(dir, "b-public.pem", b);
        rsaPublic = TestKeys.publicPem(dir, "rsa-public.pem", rsa);
        Seed.users(params(aPrivate, "key-a", null));
    }

    private Map<String, String> params(Path signing, String kid, String verification) {
        Map<String, String> p = TestSettings.params(dir);
        p.remove("jwtgate.signing.secret");
        p.put("jwtgate.signing.algorithm", "ES256");
        p.put("jwtgate.signing.key", signing.toString());
        p.put("jwtgate.signing.key-id", kid);
        if (verification != null) {
            p.put("jwtgate.verification.keys", verification);
        }
        return p;
    }

    private Container.Running start(Map<String, String> params) {
        return container().start(params, dir, Map.of("io.jwtgate.clock", clock));
    }

    private static String login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8)).get("access_token").textValue();
    }

    private static JsonNode header(String token) {
        return StrictJson.parse(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
    }

    private static void accepted(Http http, String token) {
        Http.Response r = http.bearerGet("/api/hello", token);
        assertEquals(200, r.status(), r.body());
    }

    private static void refused(Http http, String token) {
        Http.Response r = http.bearerGet("/api/hello", token);
        assertEquals(401, r.status(), r.body());
        assertEquals(INVALID, r.header("WWW-Authenticate"));
    }

    @Test
    void tokensWithinTheirLifetimeKeepWorkingAtEveryStepUntilTheirKeyIsRetired() {
        String tokenA;
        // Step 0: A signs.
        try (Container.Running server = start(params(aPrivate, "key-a", null))) {
            tokenA = login(server.http());
            assertEquals("key-a", header(tokenA).get("kid").textValue());
            accepted(server.http(), tokenA);
        }
        clock.advance(Duration.ofMinutes(3));
        // Step 1: B is introduced as a verification key; A still signs.
        String tokenA2;
        try (Container.Running server = start(params(aPrivate, "key-a", "key-b=" + bPublic))) {
            accepted(server.http(), tokenA);
            tokenA2 = login(server.http());
            assertEquals("key-a", header(tokenA2).get("kid").textValue());
            accepted(server.http(), tokenA2);
        }
        clock.advance(Duration.ofMinutes(3));
        // Step 2: B signs; A is kept to verify the tokens it signed.
        String tokenB;
        try (Container.Running server = start(params(bPrivate, "key-b", "key-a=" + aPublic))) {
            accepted(server.http(), tokenA);
            accepted(server.http(), tokenA2);
            tokenB = login(server.http());
            assertEquals("key-b", header(tokenB).get("kid").textValue());
            accepted(server.http(), tokenB);
        }
        clock.advance(Duration.ofMinutes(3));
        // Step 3: A is retired: its tokens (still within their lifetime) are refused, B's work.
        try (Container.Running server = start(params(bPrivate, "key-b", null))) {
            refused(server.http(), tokenA);
            refused(server.http(), tokenA2);
            accepted(server.http(), tokenB);
        }
    }

    @Test
    void headerSelectsAmongConfiguredKeysOnlyAndNeverChangesTheirAlgorithm() throws Exception {
        try (Container.Running server = start(params(bPrivate, "key-b", "key-r=RS256:" + rsaPublic))) {
            Http http = server.http();
            String token = login(http);
            accepted(http, token);
            String payloadPart = token.split("\\.")[1];

            // Correctly signed by B, but the kid names no configured key.
            refused(http, es256(headerWith(token, "ES256", "key-unknown"), payloadPart, b.getPrivate()));
            // Correctly signed by B under its own kid: the forge itself is sound.
            accepted(http, es256(headerWith(token, "ES256", "key-b"), payloadPart, b.getPrivate()));
            // The header says ES256 but its kid names the RS256 key.
            refused(http, es256(headerWith(token, "ES256", "key-r"), payloadPart, b.getPrivate()));

            // Keys offered by the token itself are never used: an attacker's key embedded (jwk), linked
            // (jku, x5u) or as a certificate chain (x5c), with the attacker's signature.
            KeyPair attacker = TestKeys.ec("secp256r1");
            ObjectNode jwk = Jwk.publicJwk(JwtKey.verifying(JwsAlgorithm.ES256, "key-b", attacker.getPublic()));
            for (String member : new String[] {"jwk", "jku", "x5u", "x5c", null}) {
                ObjectNode header = (ObjectNode) StrictJson.parse(headerWith(token, "ES256", "key-b")
                        .getBytes(StandardCharsets.UTF_8));
                if ("jwk".equals(member)) {
                    header.set("jwk", jwk);
                } else if ("x5c".equals(member)) {
                    header.putArray("x5c").add(Base64.getEncoder().encodeToString(attacker.getPublic().getEncoded()));
                } else if (member != null) {
                    header.put(member, "http://127.0.0.1:1/keys.json");
                }
                refused(http, es256(header.toString(), payloadPart, attacker.getPrivate()));
            }

            // HS256 keyed with the RSA public key, as PEM text and as DER bytes, with and without its kid.
            byte[] pem = Files.readAllBytes(rsaPublic);
            byte[] der = rsa.getPublic().getEncoded();
            for (byte[] secret : new byte[][] {pem, der}) {
                TokenForge forge = new TokenForge(secret);
                for (String kid : new String[] {"key-r", "key-b", null}) {
                    String header = headerWith(token, "HS256", kid);
                    refused(http, forge.signParts(TokenForge.b64(header), payloadPart, "HmacSHA256"));
                }
            }
        }
    }

    @Test
    void secretKeptBesideAnAsymmetricKeyVerifiesTheHs256TokensOfBeforeTheSwitch() {
        Map<String, String> hs = TestSettings.params(dir);
        String tokenHs;
        try (Container.Running server = start(hs)) {
            tokenHs = login(server.http());
            assertEquals("HS256", header(tokenHs).get("alg").textValue());
        }
        Map<String, String> switched = params(aPrivate, "key-a", null);
        switched.put("jwtgate.signing.secret", TestSettings.SECRET);
        try (Container.Running server = start(switched)) {
            accepted(server.http(), tokenHs);
            String tokenEs = login(server.http());
            assertEquals("ES256", header(tokenEs).get("alg").textValue());
            accepted(server.http(), tokenEs);
        }
        try (Container.Running server = start(params(aPrivate, "key-a", null))) {
            refused(server.http(), tokenHs);
        }
    }

    /** The token's own header with {@code alg} and {@code kid} replaced ({@code kid} removed when null). */
    private static String headerWith(String token, String alg, String kid) {
        ObjectNode header = (ObjectNode) header(token);
        header.put("alg", alg);
        if (kid == null) {
            header.remove("kid");
        } else {
            header.put("kid", kid);
        }
        return header.toString();
    }

    private static String es256(String headerJson, String payloadPart, PrivateKey key) throws GeneralSecurityException {
        String signingInput = TokenForge.b64(headerJson) + "." + payloadPart;
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(key);
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + TokenForge.b64(signer.sign());
    }
}
