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
 * Attack probes of the second round (attack2, issue 12) that hold: a file that is not a key (an
 * environment file, a properties file, a PEM block holding text, a JWKS file whose JSON or members
 * hold a secret) named as the signing key or in {@code jwtgate.verification.keys} is refused at start
 * naming the setting, and the message never quotes the file's content; special files
 * ({@code /dev/zero}, {@code /proc/self/environ}) are refused without reading them unbounded; entry syntax
 * abuse ({@code kid=} empty, {@code =path}, a comma inside a path, a kid with a slash) is refused.
 */
class KeyFileErrorAttackTest {

    private static final String MARK = "HUNTER2-Zq9";

    @TempDir
    Path dir;

    private Map<String, String> es256() {
        Map<String, String> p = TestSettings.params(dir);
        p.remove("jwtgate.signing.secret");
        p.put("jwtgate.signing.algorithm", "ES256");
        p.put("jwtgate.signing.key", TestKeys.privatePem(dir, "k.pem", TestKeys.ec("secp256r1")).toString());
        return p;
    }

    private static void refusedWithout(Map<String, String> p, String key, String... secrets) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Settings.from(List.of(ConfigSource.of("test", p))), String.valueOf(p.get(key)));
        assertEquals(key, e.key(), e.getMessage());
        for (String s : secrets) {
            assertFalse(e.getMessage().contains(s), "quoted '" + s + "': " + e.getMessage());
        }
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void filesThatAreNoKeysAreRefusedWithoutQuotingThem() throws Exception {
        String b64 = Base64.getEncoder().encodeToString((MARK + MARK + MARK).getBytes(StandardCharsets.US_ASCII));
        List<Path> files = List.of(
                file("app.env", "DB_PASSWORD=" + MARK + "\nAPI_KEY=" + MARK + "\n"),
                file("pem-text.pem", "-----BEGIN PRIVATE KEY-----\n" + MARK + "\n-----END PRIVATE KEY-----\n"),
                file("pem-b64.pem", "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n"),
                file("pub-b64.pem", "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n"),
                file("other.pem", "-----BEGIN " + MARK + "-----\n" + b64 + "\n-----END " + MARK + "-----\n"));
        for (Path f : files) {
            Map<String, String> p = es256();
            p.put("jwtgate.signing.key", f.toString());
            refusedWithout(p, Keys.SIGNING_KEY, MARK, b64);
            Map<String, String> v = es256();
            v.put(Keys.VERIFICATION_KEYS, "old=" + f);
            refusedWithout(v, Keys.VERIFICATION_KEYS, MARK, b64);
        }
        String k = Base64.getUrlEncoder().withoutPadding().encodeToString((MARK + "x").getBytes(StandardCharsets.US_ASCII));
        for (String json : List.of("{\"keys\":[" + MARK + "]}", "{\"" + MARK + "\":1}",
                "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"a\",\"alg\":\"HS256\",\"k\":\"" + k + "\"}]}",
                "{\"keys\":[{\"kty\":\"EC\",\"kid\":\"a\",\"alg\":\"ES256\",\"crv\":\"P-256\",\"x\":\"" + k + "\",\"y\":\""
                        + k + "\",\"d\":\"" + k + "\"}]}")) {
            Map<String, String> v = es256();
            v.put(Keys.VERIFICATION_KEYS, file("set" + json.hashCode() + ".json", json).toString());
            refusedWithout(v, Keys.VERIFICATION_KEYS, MARK, k);
        }
    }

    @Test
    void specialFilesAreRefusedWithoutReadingThemUnbounded() throws Exception {
        for (String special : List.of("/dev/zero", "/dev/urandom", "/proc/self/environ")) {
            if (!Files.exists(Path.of(special))) {
                continue;
            }
            Path link = Files.createSymbolicLink(dir.resolve("link" + special.replace('/', '_') + ".pem"), Path.of(special));
            Map<String, String> p = es256();
            p.put("jwtgate.signing.key", link.toString());
            refusedWithout(p, Keys.SIGNING_KEY);
            Map<String, String> v = es256();
            v.put(Keys.VERIFICATION_KEYS, "old=" + link);
            refusedWithout(v, Keys.VERIFICATION_KEYS);
            Path json = Files.createSymbolicLink(dir.resolve("link" + special.replace('/', '_') + ".json"), Path.of(special));
            Map<String, String> j = es256();
            j.put(Keys.VERIFICATION_KEYS, json.toString());
            refusedWithout(j, Keys.VERIFICATION_KEYS);
        }
    }

    @Test
    void entrySyntaxAbuseIsRefused() throws Exception {
        Path pub = TestKeys.publicPem(dir, "o.pem", TestKeys.ec("secp256r1"));
        Path comma = Files.copy(pub, dir.resolve("a,b.pem"));
        for (String entry : List.of("old=", "=" + pub, " = " + pub, "old==" + pub, "o/ld=" + pub, "old=" + comma,
                "old=ES256:", "old=HS256:" + pub, "old=none:" + pub, "," + "old=" + pub,
                "old=es256:" + pub, "old=" + dir)) {
            Map<String, String> v = es256();
            v.put(Keys.VERIFICATION_KEYS, entry);
            refusedWithout(v, Keys.VERIFICATION_KEYS);
        }
    }
}
