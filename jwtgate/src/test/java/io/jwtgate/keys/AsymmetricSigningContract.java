package io.jwtgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestKeys;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JwtGate signs with every asymmetric algorithm end to end, over real HTTP: one application per
 * algorithm in one container, each configured with a key file only (PEM, or a PKCS#12 keystore);
 * a user logs in, the token's header carries the configured {@code alg} and {@code kid}, the
 * token opens a protected path, and the same token with a flipped signature bit does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AsymmetricSigningContract {

    private Path dir;
    private Container.Apps apps;
    private final Map<String, String> kids = new LinkedHashMap<>();

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-asym");
        List<Container.App> list = new ArrayList<>();
        list.add(app("/rs256", "RS256", TestKeys.privatePemOnly(dir, "rs.pem", TestKeys.rsa(2048)), null));
        list.add(app("/ps384", "PS384", TestKeys.privatePemOnly(dir, "ps.pem", TestKeys.rsa(3072)), "ps-key"));
        list.add(app("/es256", "ES256", TestKeys.privatePem(dir, "es256.pem", TestKeys.ec("secp256r1")), null));
        list.add(app("/es384", "ES384", TestKeys.privatePem(dir, "es384.pem", TestKeys.ec("secp384r1")), "es384-key"));
        list.add(app("/es512", "ES512", TestKeys.privatePem(dir, "es512.pem", TestKeys.ec("secp521r1")), null));
        list.add(app("/eddsa", "EdDSA", TestKeys.privatePemOnly(dir, "ed.pem", TestKeys.ed25519()), null));
        Path p12 = TestKeys.pkcs12(dir.resolve("signing.p12"), "p12-key", "keystore-pass-9Tq",
                "-keyalg", "EC", "-groupname", "secp256r1");
        Map<String, String> p12Params = params("/p12", "ES256", p12, "p12-key");
        p12Params.put("jwtgate.signing.key-password", "keystore-pass-9Tq");
        Seed.usersAt("/p12", p12Params);
        list.add(new Container.App("/p12", p12Params, Map.of()));
        apps = container().startApps(list, dir);
    }

    private Map<String, String> params(String contextPath, String algorithm, Path key, String kid) {
        Map<String, String> p = TestSettings.params(dir);
        p.remove("jwtgate.signing.secret");
        p.put("jwtgate.signing.algorithm", algorithm);
        p.put("jwtgate.signing.key", key.toString());
        if (kid != null) {
            p.put("jwtgate.signing.key-id", kid);
        }
        kids.put(contextPath, kid);
        return p;
    }

    private Container.App app(String contextPath, String algorithm, Path key, String kid) {
        Map<String, String> p = params(contextPath, algorithm, key, kid);
        Seed.usersAt(contextPath, p);
        return new Container.App(contextPath, p, Map.of());
    }

    @AfterAll
    void stop() {
        if (apps != null) {
            apps.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rs256:RS256", "/ps384:PS384", "/es256:ES256", "/es384:ES384", "/es512:ES512",
        "/eddsa:EdDSA", "/p12:ES256"})
    void issuedTokenCarriesTheConfiguredAlgorithmAndKidAndOpensAProtectedPath(String app) {
        String contextPath = app.substring(0, app.indexOf(':'));
        String algorithm = app.substring(app.indexOf(':') + 1);
        Http http = apps.http(contextPath);
        Http.Response login = http.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, login.status(), login.body());
        String token = StrictJson.parse(login.body().getBytes(StandardCharsets.UTF_8)).get("access_token").textValue();
        String[] parts = token.split("\\.");
        JsonNode header = StrictJson.parse(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals(algorithm, header.get("alg").textValue());
        String kid = header.get("kid").textValue();
        if (kids.get(contextPath) != null) {
            assertEquals(kids.get(contextPath), kid);
        } else {
            assertTrue(kid.matches("[A-Za-z0-9_-]{43}"), "default kid is a SHA-256 thumbprint: " + kid);
        }
        Http.Response ok = http.bearerGet("/api/hello", token);
        assertEquals(200, ok.status(), ok.body());

        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 1;
        String tampered = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        Http.Response refused = http.bearerGet("/api/hello", tampered);
        assertEquals(401, refused.status(), refused.body());
        assertTrue(refused.header("WWW-Authenticate").contains("invalid_token"), refused.header("WWW-Authenticate"));
    }
}
