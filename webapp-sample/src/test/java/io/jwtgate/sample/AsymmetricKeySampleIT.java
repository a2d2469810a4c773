package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.keys.Jwk;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sample WAR signs with an ES256 key given by settings alone (the README's
 * {@code JWTGATE_SIGNING_ALGORITHM=ES256} and {@code JWTGATE_SIGNING_KEY}; context parameters here,
 * the same keys in another layer), and then creates no development secret: a secret beside a
 * signing key would be kept to verify HS256 tokens (decision 421).
 */
class AsymmetricKeySampleIT {

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void sampleSignsWithAnEs256KeyFileAndCreatesNoDevelopmentSecret(ContainerKind container, @TempDir Path temp)
            throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Path key = temp.resolve("signing.pem");
        Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Path data = temp.resolve("data");
        Map<String, String> params = Map.of("jwtgate.data-dir", data.toString(),
                "demo.password", AbstractSampleAppIT.PASSWORD, "jwtgate.bcrypt.cost", "10",
                "jwtgate.signing.algorithm", "ES256", "jwtgate.signing.key", key.toString());
        try (RunningApp app = container.deploy(SampleWar.path(), params, temp.resolve("work"))) {
            assertTrue(app.available(), app.startupFailure().map(Throwable::toString).orElse(container + " did not start"));
            Http http = new Http(app);
            HttpResponse<String> login = http.postJson("/auth/login", Http.object().put("username", "alice")
                    .put("password", AbstractSampleAppIT.PASSWORD), null);
            assertEquals(200, login.statusCode(), login.body());
            String token = Http.json(login).get("access_token").asText();
            JsonNode header = StrictJson.parse(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
            assertEquals("ES256", header.get("alg").asText());
            assertEquals(Jwk.thumbprint(pair.getPublic()), header.get("kid").asText());
            assertEquals("alice", Http.json(http.get("/api/hello", token)).get("user").asText());
        }
        assertFalse(Files.exists(data.resolve(DevSecret.FILE_NAME)), "no development secret beside a signing key");
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
