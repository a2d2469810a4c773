package io.jwtgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestKeys;
import io.jwtgate.support.TestSettings;
import io.jwtgate.token.CompactJws;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwsSignatures;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /auth/jwks.json} over real HTTP: an HS-only application publishes an empty set; the
 * others publish their signing key and verification keys of every asymmetric type (RSA for RS and
 * PS, EC P-256/384/521, Ed25519) with public members only, the documented headers, no
 * authentication and no rate limit; and a token JwtGate issued verifies against the set it
 * published, read back the way an external verifier would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JwksEndpointContract {

    private Path dir;
    private Container.Apps apps;
    /** Per application: kid to the public key it must publish under it. */
    private final Map<String, Map<String, PublicKey>> expected = new HashMap<>();

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-jwks");
        KeyPair rsa = TestKeys.rsa(2048);
        KeyPair oldRsa = TestKeys.rsa(3072);
        KeyPair p256 = TestKeys.ec("secp256r1");
        KeyPair p384 = TestKeys.ec("secp384r1");
        KeyPair p521 = TestKeys.ec("secp521r1");
        KeyPair ed = TestKeys.ed25519();

        List<Container.App> list = new ArrayList<>();
        Map<String, String> hs = TestSettings.params(dir);
        hs.put("jwtgate.rate-limit.burst", "1");
        hs.put("jwtgate.rate-limit.per-minute", "1");
        Seed.usersAt("/hs", hs);
        list.add(new Container.App("/hs", hs, Map.of()));

        Map<String, String> rs = asymmetric("/rs", "RS256", TestKeys.privatePemOnly(dir, "rs.pem", rsa), "rs-now");
        rs.put("jwtgate.verification.keys", "ps-old=PS512:" + TestKeys.publicPem(dir, "ps-old.pem", oldRsa)
                + ",es384-old=ES384:" + TestKeys.publicPem(dir, "es384.pem", p384)
                + ",ed-old=EdDSA:" + TestKeys.publicPem(dir, "ed.pem", ed));
        rs.put("jwtgate.jwks.max-age", "PT5M");
        list.add(new Container.App("/rs", rs, Map.of()));
        expected.put("/rs", keys("rs-now", rsa, "ps-old", oldRsa, "es384-old", p384, "ed-old", ed));

        Map<String, String> es = asymmetric("/es", "ES256", TestKeys.privatePem(dir, "es.pem", p256), "es-now");
        es.put("jwtgate.verification.keys", "es512-old=ES512:" + TestKeys.publicPem(dir, "es512.pem", p521));
        list.add(new Container.App("/es", es, Map.of()));
        expected.put("/es", keys("es-now", p256, "es512-old", p521));

        Map<String, String> eddsa = asymmetric("/ed", "EdDSA", TestKeys.privatePemOnly(dir, "ed-sign.pem", ed), "ed-now");
        list.add(new Container.App("/ed", eddsa, Map.of()));
        expected.put("/ed", keys("ed-now", ed));

        apps = container().startApps(list, dir);
    }

    private Map<String, String> asymmetric(String contextPath, String algorithm, Path key, String kid) {
        Map<String, String> p = TestSettings.params(dir);
        p.remove("jwtgate.signing.secret");
        p.put("jwtgate.signing.algorithm", algorithm);
        p.put("jwtgate.signing.key", key.toString());
        p.put("jwtgate.signing.key-id", kid);
        Seed.usersAt(contextPath, p);
        return p;
    }

    private static Map<String, PublicKey> keys(Object... kidAndPair) {
        Map<String, PublicKey> m = new LinkedHashMap<>();
        for (int i = 0; i < kidAndPair.length; i += 2) {
            m.put((String) kidAndPair[i], ((KeyPair) kidAndPair[i + 1]).getPublic());
        }
        return m;
    }

    @AfterAll
    void stop() {
        if (apps != null) {
            apps.close();
        }
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anHmacOnlyApplicationPublishesAnEmptySetWithTheDefaultCaching() {
        Http.Response r = apps.http("/hs").get("/auth/jwks.json");
        assertEquals(200, r.status(), r.body());
        assertEquals("{\"keys\":[]}", r.body());
        assertEquals("application/jwk-set+json", r.header("Content-Type").split(";")[0].trim());
        assertEquals("public, max-age=900", r.header("Cache-Control"));
    }

    @Test
    void everyConfiguredPublicKeyIsPublishedOnceWithPublicMembersOnly() {
        for (Map.Entry<String, Map<String, PublicKey>> app : expected.entrySet()) {
            Http.Response r = apps.http(app.getKey()).get("/auth/jwks.json");
            assertEquals(200, r.status(), app.getKey() + ": " + r.body());
            assertEquals("application/jwk-set+json", r.header("Content-Type").split(";")[0].trim());
            JsonNode set = json(r);
            assertEquals(app.getValue().keySet().stream().toList(), kids(set), app.getKey() + ": signing key first");
            for (JsonNode jwk : set.get("keys")) {
                jwk.fieldNames().forEachRemaining(name ->
                        assertTrue(JwkTest.PUBLIC_MEMBERS.contains(name), app.getKey() + " publishes " + name));
                for (String secret : Jwk.PRIVATE_MEMBERS) {
                    assertFalse(jwk.has(secret), app.getKey() + " publishes " + secret);
                }
                assertEquals("sig", jwk.get("use").textValue());
                // Read back as a verifier would, it is the configured public key.
                List<JwtKey> back = Jwk.verificationKeys(jwk, JwkTest.ALL, Jwk.Source.REMOTE);
                assertEquals(1, back.size(), jwk.toString());
                assertEquals(app.getValue().get(jwk.get("kid").textValue()), back.get(0).publicKey().orElseThrow());
            }
        }
        assertEquals("public, max-age=300", apps.http("/rs").get("/auth/jwks.json").header("Cache-Control"));
        assertEquals("public, max-age=900", apps.http("/es").get("/auth/jwks.json").header("Cache-Control"));
    }

    @Test
    void everyAsymmetricKeyTypeAppearsAcrossTheApplications() {
        List<String> types = new ArrayList<>();
        for (String app : expected.keySet()) {
            for (JsonNode jwk : json(apps.http(app).get("/auth/jwks.json")).get("keys")) {
                types.add(jwk.get("alg").textValue() + " " + jwk.path("crv").asText(jwk.get("kty").textValue()));
            }
        }
        for (String t : List.of("RS256 RSA", "PS512 RSA", "ES256 P-256", "ES384 P-384", "ES512 P-521", "EdDSA Ed25519")) {
            assertTrue(types.contains(t), t + " in " + types);
        }
    }

    @Test
    void aTokenJwtGateIssuedVerifiesAgainstThePublishedSet() {
        for (String app : expected.keySet()) {
            Http http = apps.http(app);
            Http.Response login = http.postJson("/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
            assertEquals(200, login.status(), login.body());
            String token = json(login).get("access_token").textValue();
            List<JwtKey> published = Jwk.verificationKeySet(json(http.get("/auth/jwks.json")),
                    java.util.EnumSet.complementOf(java.util.EnumSet.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384,
                            JwsAlgorithm.HS512)), Jwk.Source.REMOTE);
            JwtKey used = JwsSignatures.verify(CompactJws.parse(token), byKid(published));
            assertEquals(expected.get(app).keySet().iterator().next(), used.kid().orElseThrow(), app);
        }
    }

    /** A verifier's ring over a fetched set: the header's kid and alg select exactly one key. */
    private static KeyRing byKid(List<JwtKey> keys) {
        return new KeyRing() {
            @Override
            public JwtKey signingKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<JwtKey> verificationKey(String alg, String kid) {
                return keys.stream().filter(k -> k.kid().orElse("").equals(kid) && k.algorithm().name().equals(alg))
                        .findFirst();
            }
        };
    }

    @Test
    void theSetNeedsNoCredentialsSpendsNoRateLimitAndAnswersGetOnly() {
        Http http = apps.http("/hs");
        // /hs allows one rate-limited request a minute; the key set is fetched far more often.
        for (int i = 0; i < 5; i++) {
            assertEquals(200, http.get("/auth/jwks.json").status());
        }
        Http.Response login = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"x\"}");
        Http.Response second = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"x\"}");
        assertEquals(429, second.status(), "the budget is real: " + login.status() + ", " + second.body());
        assertEquals(200, http.get("/auth/jwks.json").status(), "and the key set does not spend it");
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            Http.Response r = apps.http("/es").raw(method, "/es/auth/jwks.json", List.of("Content-Type: application/json"), "{}");
            assertEquals(405, r.status(), method);
            assertEquals("GET, HEAD", r.header("Allow"), method);
        }
    }

    @Test
    void headAnswersTheHeadOfGetWithoutTheBodyAndSpendsNoRateLimit() {
        // /hs allows one rate-limited request a minute: five HEADs would be refused if they spent it.
        for (String app : List.of("/hs", "/rs", "/hs", "/hs", "/hs")) {
            Http http = apps.http(app);
            Http.Response get = http.raw("GET", app + "/auth/jwks.json", List.of(), null);
            Http.Response head = http.raw("HEAD", app + "/auth/jwks.json", List.of(), null);
            assertEquals(200, get.status(), get.body());
            assertFalse(get.body().isEmpty(), app);
            assertEquals(200, head.status(), app);
            assertEquals("", head.body(), app + ": HEAD sent a body");
            assertEquals(Integer.toString(get.body().getBytes(StandardCharsets.UTF_8).length),
                    head.header("Content-Length"), app + ": the length GET sends");
            for (String name : List.of("Content-Type", "Cache-Control", "Content-Length", "Transfer-Encoding")) {
                assertEquals(get.headers(name), head.headers(name), app + " " + name);
            }
            Set<String> getNames = new TreeSet<>(get.headers().keySet());
            Set<String> headNames = new TreeSet<>(head.headers().keySet());
            assertEquals(getNames, headNames, app + ": the same header fields");
        }
    }

    @Test
    void thePublishedBodyNamesNoPrivateMemberEvenWhereTheRingHoldsAPrivateKey() {
        // /rs signs, so its ring holds the RSA private key (with its CRT values) beside three public keys.
        Http.Response r = apps.http("/rs").get("/auth/jwks.json");
        String body = r.body();
        assertNotNull(body);
        for (String member : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\"", "PRIVATE")) {
            assertFalse(body.contains(member), member);
        }
    }

    private static List<String> kids(JsonNode set) {
        List<String> kids = new ArrayList<>();
        set.get("keys").forEach(k -> kids.add(k.get("kid").textValue()));
        return kids;
    }
}
