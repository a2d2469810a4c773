package io.jwtgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jwtgate.support.TestKeys;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings of the second attack round (attack2, issue 12) on {@code jwtgate.verification.keys}.
 * Each test asserts the correct behaviour; each failed before its fix (decisions 445-447).
 */
class KeySettingsFindingsTest {

    @TempDir
    Path dir;

    /**
     * <b>A guessable HMAC secret is accepted as a verification key from a JWKS file.</b> The signing
     * secret is refused at start when it is typed by a person ({@code SecretQuality}: fewer than 16
     * distinct bytes, placeholder words such as {@code changeme}/{@code secret}, repeated runs), because a
     * guessable secret lets anyone forge tokens whatever its length. {@code jwtgate.verification.keys}
     * accepts a JWKS file holding {@code oct} keys (decision 413, {@code Jwk.Source.LOCAL_FILE}) and
     * checks only their length ({@code JwsAlgorithm.minimumKeyBytes()}). Observed: an ES256 application
     * with {@code {"kty":"oct","kid":"old","alg":"HS256","k":<base64url of 32 × 'a'>}} (or of
     * {@code "changeme-changeme-changeme-chang"}) in its verification JWKS file starts, and every HS256
     * token with {@code kid: old} signed with that secret is verified: a forged-token door the same
     * secret as {@code jwtgate.signing.secret} could never open. Correct: refused at start naming
     * {@code jwtgate.verification.keys}, without quoting the secret.
     */
    @Test
    void aGuessableOctSecretInAVerificationJwksFileIsRefusedAtStart() throws Exception {
        for (String weak : List.of("a".repeat(32), "changeme-changeme-changeme-chang", "secretsecretsecretsecretsecret12")) {
            String k = Base64.getUrlEncoder().withoutPadding().encodeToString(weak.getBytes(StandardCharsets.US_ASCII));
            Path jwks = Files.writeString(dir.resolve("old-" + weak.length() + weak.charAt(0) + ".json"),
                    "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"old\",\"alg\":\"HS256\",\"k\":\"" + k + "\"}]}");
            Map<String, String> p = TestSettings.params(dir);
            p.remove("jwtgate.signing.secret");
            p.put("jwtgate.signing.algorithm", "ES256");
            p.put("jwtgate.signing.key", TestKeys.privatePem(dir, "k.pem", TestKeys.ec("secp256r1")).toString());
            p.put(Keys.VERIFICATION_KEYS, jwks.toString());
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> Settings.from(List.of(ConfigSource.of("test", p))),
                    "a guessable oct secret must not become a verification key");
            assertEquals(Keys.VERIFICATION_KEYS, e.key(), e.getMessage());
            assertFalse(e.getMessage().contains(weak) || e.getMessage().contains(k), "the secret is never quoted");
        }
    }
}
