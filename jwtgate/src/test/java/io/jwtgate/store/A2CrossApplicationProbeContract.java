package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reviewer a2 (issue 9): several applications in one container. Each test asserts the secure
 * outcome; a failure is a finding (its message carries the evidence).
 */
abstract class A2CrossApplicationProbeContract {

    abstract Container container();

    private static Map<String, String> params(Path dataDir) {
        Map<String, String> p = TestSettings.params(dataDir);
        p.put("jwtgate.register.enabled", "true");
        return p;
    }

    private static Http.Response login(Http http, String user, String password) {
        return http.postJson("/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Upgrade rule (decision 179): the single jwtgate.mv.db of an earlier version held the users of
     * application /a. A second application /b deployed next to it has no file of its own either,
     * so the rule hands it the same file: /b gets /a's users.
     */
    @Test
    void legacyStoreOfOneApplicationIsNotHandedToASecondApplication() throws Exception {
        Path work = Files.createTempDirectory("a2-legacy");
        Path data = work.resolve("data");
        Map<String, String> params = params(data);
        Seed.users(params); // alice, admin, bob of the earlier single application
        try (Container.Apps apps = container().startApps(
                List.of(new Container.App("/a", params, Map.of()), new Container.App("/b", params, Map.of())), work)) {
            Http a = apps.http("/a");
            Http b = apps.http("/b");
            Http.Response atA = login(a, "admin", Seed.PASSWORD);
            Http.Response atB = login(b, "admin", Seed.PASSWORD);
            System.out.println("[a2] legacy: login admin at /a -> " + atA.status() + ", at /b -> " + atB.status()
                    + " " + atB.body());
            Http.Response reg = b.postJson("/auth/register",
                    "{\"username\":\"mallory\",\"password\":\"a fine password\"}");
            Http.Response malloryAtA = login(a, "mallory", "a fine password");
            System.out.println("[a2] legacy: register mallory at /b -> " + reg.status() + "; login mallory at /a -> "
                    + malloryAtA.status());
            try (var files = Files.list(data)) {
                System.out.println("[a2] legacy: files " + files.map(f -> f.getFileName().toString()).sorted().toList());
            }
            assertEquals(200, atA.status(), atA.body());
            assertNotEquals(200, atB.status(), "/b logs in /a's admin from the legacy store: " + atB.body());
            assertNotEquals(200, malloryAtA.status(), "a user registered at /b logs in at /a");
        }
    }

    /**
     * The same context path in two servers of one JVM (two virtual hosts / two connectors / a Tomcat
     * and a Jetty) with one data directory: both derive jwtgate-shop.mv.db and audience jwtgate/shop.
     */
    @Test
    void sameContextPathInTwoServersOfOneJvmDoesNotShareUsersOrTokens() throws Exception {
        Path work = Files.createTempDirectory("a2-vhost");
        Path data = work.resolve("data");
        Map<String, String> params = params(data);
        try (Container.Apps one = container().startApps(List.of(new Container.App("/shop", params, Map.of())),
                work.resolve("one"));
                Container.Apps two = container().startApps(List.of(new Container.App("/shop", params, Map.of())),
                        work.resolve("two"))) {
            Http h1 = one.http("/shop");
            Http h2 = two.http("/shop");
            Http.Response reg = h1.postJson("/auth/register",
                    "{\"username\":\"carol\",\"password\":\"a fine password\"}");
            Http.Response at2 = login(h2, "carol", "a fine password");
            System.out.println("[a2] vhost: register carol at server one -> " + reg.status()
                    + "; login carol at server two -> " + at2.status());
            Http.Response at1 = login(h1, "carol", "a fine password");
            String access = json(at1).get("access_token").textValue();
            Http.Response hello2 = h2.bearerGet("/api/hello", access);
            System.out.println("[a2] vhost: server one's access token at server two -> " + hello2.status());
            Http.Response refresh2 = h2.postJson("/auth/refresh",
                    "{\"refresh_token\":\"" + json(at1).get("refresh_token").textValue() + "\"}");
            System.out.println("[a2] vhost: server one's refresh token at server two -> " + refresh2.status());
            try (var files = Files.list(data)) {
                System.out.println("[a2] vhost: files " + files.map(f -> f.getFileName().toString()).sorted().toList());
            }
            assertNotEquals(200, at2.status(), "server two logs in server one's user");
            assertNotEquals(200, hello2.status(), "server two accepts server one's access token");
        }
    }

    /** Odd context paths: root, /root, /ROOT, /Root, /shop/eu, /shop#eu, /a b, /..: all kept apart. */
    @Test
    void oddContextPathsKeepTheirUsersApart() throws Exception {
        Path work = Files.createTempDirectory("a2-odd");
        Path data = work.resolve("data");
        Map<String, String> params = params(data);
        List<String> paths = List.of("", "/root", "/ROOT", "/Root", "/shop", "/shop/eu", "/shop.eu", "/shop-eu");
        try (Container.Apps apps = container().startApps(paths.stream()
                .map(p -> new Container.App(p, params, Map.of())).toList(), work)) {
            for (String p : paths) {
                Http.Response r = apps.http(p).postJson("/auth/register",
                        "{\"username\":\"u\",\"password\":\"a fine password\"}");
                System.out.println("[a2] odd: register u at '" + p + "' -> " + r.status() + " " + r.body());
                assertEquals(201, r.status(), p + ": " + r.body());
            }
            try (var files = Files.list(data)) {
                System.out.println("[a2] odd: files " + files.map(f -> f.getFileName().toString()).sorted().toList());
            }
        }
    }

    /**
     * The upgrade rule alone: a new application /b deployed while /a (whose users the earlier
     * version's jwtgate.mv.db holds) is stopped or being redeployed opens that file and serves
     * /a's accounts, whatever the class loaders. No second application needs to run.
     */
    @Test
    void aNewApplicationDoesNotInheritTheLegacyStoreOfAnother() throws Exception {
        Path work = Files.createTempDirectory("a2-legacy-new");
        Path data = work.resolve("data");
        Map<String, String> params = params(data);
        Seed.users(params);
        try (Container.Apps apps = container().startApps(List.of(new Container.App("/b", params, Map.of())), work)) {
            Http.Response atB = login(apps.http("/b"), "admin", Seed.PASSWORD);
            System.out.println("[a2] legacy-new: login earlier admin at new /b -> " + atB.status());
            assertNotEquals(200, atB.status(), "a newly deployed /b serves the earlier application's admin");
        }
    }

    /** Same context path in two servers, each with its own secret: the users are still one set. */
    @Test
    void sameContextPathWithDifferentSecretsDoesNotShareUsers() throws Exception {
        Path work = Files.createTempDirectory("a2-vhost2");
        Path data = work.resolve("data");
        Map<String, String> p1 = params(data);
        Map<String, String> p2 = params(data);
        p2.put("jwtgate.signing.secret", "other-signing-key-Q8wJ3nR5yMx7Uz2Cp4Kd9Zt6");
        p2.put("jwtgate.issuer", "host-two");
        try (Container.Apps one = container().startApps(List.of(new Container.App("/shop", p1, Map.of())),
                work.resolve("one"));
                Container.Apps two = container().startApps(List.of(new Container.App("/shop", p2, Map.of())),
                        work.resolve("two"))) {
            Http.Response reg = one.http("/shop").postJson("/auth/register",
                    "{\"username\":\"dave\",\"password\":\"a fine password\"}");
            Http.Response at2 = login(two.http("/shop"), "dave", "a fine password");
            System.out.println("[a2] vhost2: register dave at one -> " + reg.status() + "; login at two (own secret) -> "
                    + at2.status());
            assertNotEquals(200, at2.status(), "server two (own secret and issuer) logs in server one's user");
        }
    }

    /** Same secret everywhere (one JVM-wide value): /a's tokens are nothing at /b, nor at the root. */
    @Test
    void tokensOfOneApplicationAreRefusedByAnotherWithTheSameSecret() throws Exception {
        Path work = Files.createTempDirectory("a2-tokens");
        Path data = work.resolve("data");
        Map<String, String> params = params(data);
        try (Container.Apps apps = container().startApps(List.of(new Container.App("/a", params, Map.of()),
                new Container.App("/b", params, Map.of()), new Container.App("", params, Map.of())), work)) {
            Http a = apps.http("/a");
            for (Http other : List.of(apps.http("/b"), apps.http(""))) {
                other.postJson("/auth/register", "{\"username\":\"erin\",\"password\":\"a fine password\"}");
            }
            a.postJson("/auth/register", "{\"username\":\"erin\",\"password\":\"a fine password\"}");
            JsonNode tokens = json(login(a, "erin", "a fine password"));
            String access = tokens.get("access_token").textValue();
            String refresh = tokens.get("refresh_token").textValue();
            for (String path : List.of("/b", "")) {
                Http other = apps.http(path);
                Http.Response hello = other.bearerGet("/api/hello", access);
                Http.Response me = other.bearerGet("/auth/me", access);
                Http.Response ref = other.postJson("/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");
                Http.Response pw = other.post("/auth/password", "application/json",
                        "{\"current_password\":\"a fine password\",\"new_password\":\"another fine one\"}",
                        "Authorization", "Bearer " + access);
                System.out.println("[a2] tokens: /a's token at '" + path + "': hello " + hello.status() + " "
                        + hello.body() + " | me " + me.status() + " | refresh " + ref.status() + " " + ref.body()
                        + " | password " + pw.status() + " " + pw.body() + " | www " + hello.header("WWW-Authenticate"));
                assertEquals(401, hello.status(), hello.body());
                assertEquals(401, me.status(), me.body());
                assertNotEquals(200, ref.status(), ref.body());
                assertNotEquals(204, pw.status(), pw.body());
                assertNotEquals(200, pw.status(), pw.body());
            }
        }
    }

    /** Encoded-looking and non-ASCII context paths: the file names each container derives. */
    @Test
    void encodedAndNonAsciiContextPathsGetTheirOwnFiles() throws Exception {
        Path work = Files.createTempDirectory("a2-enc");
        Path data = work.resolve("data");
        Map<String, String> params = params(data);
        List<String> paths = List.of("/a b", "/a%20b", "/\u00e4", "/a;b", "/a..", "/~72oot");
        try (Container.Apps apps = container().startApps(paths.stream()
                .map(p -> new Container.App(p, params, Map.of())).toList(), work)) {
            System.out.println("[a2] enc: started " + paths + " " + apps.http(paths.get(0)).origin());
        } catch (RuntimeException e) {
            System.out.println("[a2] enc: " + e);
        }
        if (Files.isDirectory(data)) {
            try (var files = Files.list(data)) {
                System.out.println("[a2] enc: files " + files.map(f -> f.getFileName().toString()).sorted().toList());
            }
        }
        String longPath = "/" + "x".repeat(153);
        try (Container.Apps apps = container().startApps(List.of(new Container.App(longPath, params, Map.of())),
                work.resolve("long"))) {
            System.out.println("[a2] enc: 153-char path started " + apps.http(longPath).origin());
        } catch (RuntimeException e) {
            System.out.println("[a2] enc: 153-char path: " + e);
        }
    }
}
