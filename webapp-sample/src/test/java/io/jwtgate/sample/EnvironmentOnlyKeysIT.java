package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.jwtgate.config.Keys;
import io.jwtgate.json.StrictJson;
import io.jwtgate.keys.Jwk;
import io.jwtgate.support.LogAudit;
import io.jwtgate.support.Secrets;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's set-up by environment variables alone: the sample WAR in a standalone Tomcat 10.1
 * process whose only JwtGate configuration is {@code JWTGATE_SIGNING_ALGORITHM=ES256},
 * {@code JWTGATE_SIGNING_KEY} and one external issuer's {@code JWTGATE_TRUSTED_ISSUER_DEMO_*}
 * variables, the issuer's key set served by this test on loopback as an identity provider would.
 * JwtGate's own tokens are ES256 and verify against {@code /auth/jwks.json} with the JDK alone; the
 * provider's RS256 token reaches the prefix-mapped admin area with its mapped role.
 */
class EnvironmentOnlyKeysIT {

    private static final String DEMO_PASSWORD = "environment-only-demo-password";
    private static final String APP = "/sample";
    private static final String IDP_ISSUER = "https://idp.example.test/realms/demo";
    private static final String IDP_AUDIENCE = "sample-api";
    private static final String IDP_KID = "idp-key-1";

    @TempDir
    static Path temp;

    private static StandaloneTomcat tomcat;
    private static Http http;
    private static HttpServer idp;
    private static KeyPair signing;
    private static KeyPair idpKeys;
    private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();

    @BeforeAll
    static void startWithEnvironmentOnly() throws Exception {
        Secrets.remember(DEMO_PASSWORD);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        signing = ec.generateKeyPair();
        Path key = temp.resolve("signing.pem");
        Files.writeString(key, pem("PRIVATE KEY", signing.getPrivate().getEncoded())
                + pem("PUBLIC KEY", signing.getPublic().getEncoded()));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        idpKeys = rsa.generateKeyPair();
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = StrictJson.mapper().writeValueAsBytes(idpKeySet());
        idp.createContext("/realms/demo/certs", exchange -> {
            JWKS_FETCHES.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        idp.start();

        // A log of its own beside StandaloneTomcatIT's, kept after the run for failures.
        Path log = Path.of(StandaloneTomcatIT.property("standalone.tomcat.log")).resolveSibling("environment-only-tomcat.log");
        Files.deleteIfExists(log);
        tomcat = StandaloneTomcat.create(Path.of(StandaloneTomcatIT.property("standalone.tomcat.home")),
                temp.resolve("catalina-base"), Map.of(), log);
        // Context parameters only for what every test deployment sets: where the data lives, the demo password.
        tomcat.deploy(APP.substring(1), SampleWar.path(), Map.of(Keys.DATA_DIR, temp.resolve("data").toString(),
                "demo.password", DEMO_PASSWORD, Keys.BCRYPT_COST, "10"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JWTGATE_SIGNING_ALGORITHM", "ES256");
        env.put("JWTGATE_SIGNING_KEY", key.toString());
        env.put("JWTGATE_TRUSTED_ISSUER_DEMO_ISSUER", IDP_ISSUER);
        env.put("JWTGATE_TRUSTED_ISSUER_DEMO_AUDIENCE", IDP_AUDIENCE);
        env.put("JWTGATE_TRUSTED_ISSUER_DEMO_JWKS_URI",
                "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/demo/certs");
        env.put("JWTGATE_TRUSTED_ISSUER_DEMO_ROLES_CLAIM", "realm_access.roles");
        http = new Http(tomcat);
        try {
            tomcat.start(env, Map.of(APP + "/public/health", 200));
        } catch (RuntimeException | IOException | InterruptedException e) {
            tomcat.close();
            idp.stop(0);
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (tomcat != null) {
            tomcat.close();
        }
        if (idp != null) {
            idp.stop(0);
        }
    }

    @Test
    void publishedKeySetHoldsTheEs256PublicKeyOnly() {
        HttpResponse<String> response = http.get(APP + "/auth/jwks.json");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode keys = Http.json(response).get("keys");
        assertEquals(1, keys.size(), response.body());
        JsonNode jwk = keys.get(0);
        assertEquals("EC", jwk.get("kty").asText());
        assertEquals("P-256", jwk.get("crv").asText());
        assertEquals("ES256", jwk.get("alg").asText());
        assertEquals(Jwk.thumbprint(signing.getPublic()), jwk.get("kid").asText());
        assertFalse(jwk.has("d"), response.body());
    }

    @Test
    void ownTokenIsEs256AndVerifiesWithThePublishedKeyUsingTheJdkAlone() throws Exception {
        String token = login("alice");
        String[] parts = token.split("\\.");
        JsonNode header = StrictJson.parse(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("ES256", header.get("alg").asText());
        JsonNode jwk = Http.json(http.get(APP + "/auth/jwks.json")).get("keys").get(0);
        ECPublicKey published = (ECPublicKey) signing.getPublic();
        assertEquals(published.getW().getAffineX(), unsigned(jwk.get("x").asText()));
        assertEquals(published.getW().getAffineY(), unsigned(jwk.get("y").asText()));

        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(published);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])));
        assertEquals("alice", Http.json(http.get(APP + "/api/hello", token)).get("user").asText());
    }

    @Test
    void providerTokenReachesThePrefixMappedAdminAreaWithItsMappedRole() throws Exception {
        String token = idpToken("carol", List.of("admin"));

        HttpResponse<String> area = http.get(APP + "/admin/reports", token);

        assertEquals(200, area.statusCode(), area.body());
        assertEquals("carol", Http.json(area).get("admin").asText(), area.body());
        assertTrue(JWKS_FETCHES.get() >= 1, "the key set is fetched on first need");
    }

    @Test
    void providerTokenWithoutTheRoleIsForbiddenAndATamperedOneIsRefused() throws Exception {
        String user = idpToken("dave", List.of("user"));
        assertEquals(403, http.get(APP + "/admin/reports", user).statusCode());
        String admin = idpToken("erin", List.of("admin"));
        String tampered = admin.substring(0, admin.lastIndexOf('.') - 2) + "xx" + admin.substring(admin.lastIndexOf('.'));
        Secrets.remember(tampered);
        assertEquals(401, http.get(APP + "/admin/reports", tampered).statusCode());
    }

    @Test
    void noDevelopmentSecretIsCreatedAndTheLogHoldsNoSecret() throws IOException {
        assertFalse(Files.exists(temp.resolve("data").resolve(DevSecret.FILE_NAME)));
        List<String> log = tomcat.logLines();
        assertTrue(log.stream().anyMatch(l -> l.contains("JwtGate started for " + APP)), "see " + tomcat.log());
        assertEquals(List.of(), LogAudit.leaks(log, Secrets.all()), "see " + tomcat.log());
    }

    private static String login(String username) {
        HttpResponse<String> login = http.postJson(APP + "/auth/login",
                Http.object().put("username", username).put("password", DEMO_PASSWORD), null);
        assertEquals(200, login.statusCode(), login.body());
        return Http.json(login).get("access_token").asText();
    }

    /** A Keycloak-shaped access token of the test's provider, signed RS256 with the JDK. */
    private static String idpToken(String username, List<String> roles) throws GeneralSecurityException, IOException {
        ObjectNode header = StrictJson.mapper().createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", IDP_KID);
        long now = Instant.now().getEpochSecond();
        ObjectNode payload = StrictJson.mapper().createObjectNode().put("iss", IDP_ISSUER).put("aud", IDP_AUDIENCE)
                .put("sub", "f1d2c3b4-" + username).put("typ", "Bearer").put("preferred_username", username)
                .put("iat", now).put("exp", now + 300).put("jti", "idp-" + username + "-" + now);
        roles.forEach(payload.putObject("realm_access").putArray("roles")::add);
        String input = b64(StrictJson.mapper().writeValueAsBytes(header)) + "."
                + b64(StrictJson.mapper().writeValueAsBytes(payload));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(idpKeys.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        String token = input + "." + b64(signer.sign());
        Secrets.remember(token);
        return token;
    }

    private static ObjectNode idpKeySet() {
        RSAPublicKey key = (RSAPublicKey) idpKeys.getPublic();
        ObjectNode set = StrictJson.mapper().createObjectNode();
        set.putArray("keys").addObject().put("kty", "RSA").put("kid", IDP_KID).put("use", "sig").put("alg", "RS256")
                .put("n", b64(magnitude(key.getModulus()))).put("e", b64(magnitude(key.getPublicExponent())));
        return set;
    }

    private static byte[] magnitude(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
