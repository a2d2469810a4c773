package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 8: several web applications with JwtGate in one container, each on the default
 * store, start together, keep their users apart and survive each other's redeploy; a store that
 * cannot be opened stops its application with an error that names the file and the settings
 * (decisions 178 to 181).
 */
abstract class SeveralApplicationsContract {

    private static final String PASSWORD = "a fine password";

    abstract Container container();

    private static Map<String, String> params(Path dataDir) {
        Map<String, String> params = TestSettings.params(dataDir);
        params.put("jwtgate.register.enabled", "true");
        return params;
    }

    private static Container.App app(String contextPath, Path dataDir) {
        return new Container.App(contextPath, params(dataDir), Map.of());
    }

    private static Http.Response register(Http http, String username) {
        return http.postJson("/auth/register",
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}");
    }

    private static Http.Response login(Http http, String username) {
        return http.postJson("/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}");
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> modes(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toMap(f -> f.getFileName().toString(), f -> {
                try {
                    return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }

    @Test
    void applicationsOnTheDefaultStoreStartTogetherAndKeepTheirUsersApart() throws Exception {
        Path work = Files.createTempDirectory("jwtgate-apps");
        Path data = work.resolve("data");
        try (Container.Apps apps = container().startApps(
                List.of(app("", data), app("/shop", data), app("/shop/eu", data)), work)) {
            Http root = apps.http("");
            Http shop = apps.http("/shop");
            Http eu = apps.http("/shop/eu");
            assertEquals(201, register(shop, "carol").status());
            assertEquals(201, register(root, "dave").status());

            assertEquals(200, login(shop, "carol").status());
            assertEquals(401, login(root, "carol").status(), "the root application has users of its own");
            assertEquals(401, login(eu, "carol").status(), "a nested context is not its parent");
            assertEquals(200, login(root, "dave").status());
            assertEquals(401, login(shop, "dave").status());
            assertEquals(201, register(eu, "carol").status(), "the name is free in another application's store");
        }
        Map<String, String> modes = modes(data);
        assertTrue(modes.keySet().containsAll(List.of("jwtgate-ROOT.mv.db", "jwtgate-shop.mv.db",
                "jwtgate-shop#eu.mv.db")), modes.toString());
        assertFalse(modes.containsKey("jwtgate.mv.db"), "no application uses the single file of earlier versions");
        modes.forEach((name, mode) -> assertEquals("rw-------", mode, name));
    }

    @Test
    void restartingOneApplicationLeavesTheOtherServingWithItsUsersAndSessions() throws Exception {
        Path work = Files.createTempDirectory("jwtgate-apps");
        Path data = work.resolve("data");
        try (Container.Apps apps = container().startApps(List.of(app("/a", data), app("/b", data)), work)) {
            Http a = apps.http("/a");
            Http b = apps.http("/b");
            assertEquals(201, register(a, "erin").status());
            assertEquals(201, register(b, "frank").status());
            JsonNode tokens = json(login(b, "frank"));
            String access = tokens.get("access_token").textValue();

            apps.restart("/a");

            Http.Response hello = b.bearerGet("/api/hello", access);
            assertEquals(200, hello.status(), hello.body());
            Http.Response refreshed = b.postJson("/auth/refresh",
                    "{\"refresh_token\":\"" + tokens.get("refresh_token").textValue() + "\"}");
            assertEquals(200, refreshed.status(), "the other application's session lives on: " + refreshed.body());
            assertEquals(200, login(b, "frank").status());
            assertEquals(200, login(a, "erin").status(), "the restarted application reopened its own store");
            assertEquals(401, login(a, "frank").status());
        }
    }

    @Test
    void aStoreFileLockedByAnotherProcessStopsTheApplicationNamingTheFileAndTheSettings() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-locked");
        Path file = dir.resolve("jwtgate-app.mv.db");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileLock lock = channel.lock();
                Container.Running app = container().start(TestSettings.params(dir), dir)) {
            assertTrue(lock.isValid());
            assertFalse(app.available());
            String failure = app.startFailure();
            assertNotNull(failure, "the container reports why the application is unavailable");
            assertTrue(failure.contains("jwtgate.data-dir: the default store " + file.toRealPath()
                    + " cannot be opened"), failure);
            assertTrue(failure.contains("The file is locked"), failure);
            assertTrue(failure.contains("set jwtgate.jdbc.url to one database"), failure);
        }
    }

    @Test
    void aDirectoryWhereTheStoreFileBelongsStopsTheApplicationNamingItAndTheSetting() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-blocked");
        Path file = Files.createDirectory(dir.resolve("jwtgate-app.mv.db"));
        try (Container.Running app = container().start(TestSettings.params(dir), dir)) {
            assertFalse(app.available());
            String failure = app.startFailure();
            assertNotNull(failure, "the container reports why the application is unavailable");
            assertTrue(failure.contains("jwtgate.data-dir: " + file.toRealPath() + " is not a regular file"), failure);
        }
    }

    @Test
    void anApplicationWithoutItsOwnFileRefusesTheStoreOfAnEarlierVersionUntilItIsRenamed() throws Exception {
        Path work = Files.createTempDirectory("jwtgate-upgrade");
        Path data = work.resolve("data");
        Map<String, String> params = params(data);
        // What an earlier version left: every user in the single default file, whose application
        // JwtGate cannot know.
        Seed.usersOfAnEarlierVersion(params);
        Path legacy = data.toRealPath().resolve("jwtgate.mv.db");
        long size = Files.size(legacy);
        assertTrue(size > 0);
        try (Container.Running app = container().start(params, work)) {
            assertFalse(app.available(), "an application does not adopt a store that may be another's");
            String failure = app.startFailure();
            assertNotNull(failure, "the container reports why the application is unavailable");
            assertTrue(failure.contains("jwtgate.data-dir: " + legacy + " is the store of an earlier version of"
                    + " JwtGate and may belong to another application, so the application at /app does not use it"
                    + " by itself"), failure);
            assertTrue(failure.contains("rename it to jwtgate-app.mv.db (and jwtgate.trace.db to"
                    + " jwtgate-app.trace.db)"), failure);
            assertTrue(failure.contains("set jwtgate.jdbc.url to jdbc:h2:file:" + data.toRealPath().resolve("jwtgate")
                    + ";DB_CLOSE_ON_EXIT=FALSE"), failure);
        }
        assertEquals(size, Files.size(legacy), "the refused file is left as it was");
        assertFalse(Files.exists(data.resolve("jwtgate-app.mv.db")), "no store of its own was created either");

        for (String suffix : List.of(".mv.db", ".trace.db")) {
            if (Files.exists(data.resolve("jwtgate" + suffix))) {
                Files.move(data.resolve("jwtgate" + suffix), data.resolve("jwtgate-app" + suffix),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Container.Running app = container().start(params, work)) {
            assertTrue(app.available(), () -> "the renamed file is the application's own: " + app.startFailure());
            assertEquals(200, app.http().postJson("/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}").status());
        }
        assertFalse(Files.exists(data.resolve("jwtgate.mv.db")));
    }

    @Test
    void theStoreOfAnEarlierVersionAtTheExplicitUrlServesItsUsers() throws Exception {
        Path work = Files.createTempDirectory("jwtgate-upgrade-url");
        Path data = work.resolve("data");
        Map<String, String> params = params(data);
        Seed.usersOfAnEarlierVersion(params);
        params.put("jwtgate.jdbc.url", "jdbc:h2:file:" + data.toRealPath().resolve("jwtgate") + ";DB_CLOSE_ON_EXIT=FALSE");
        try (Container.Running app = container().start(params, work)) {
            assertTrue(app.available(), () -> "the URL the error names opens the file: " + app.startFailure());
            assertEquals(200, app.http().postJson("/auth/login",
                    "{\"username\":\"admin\",\"password\":\"" + Seed.PASSWORD + "\"}").status());
        }
    }

    @Test
    void anApplicationWithItsOwnFileIgnoresTheStoreOfAnEarlierVersion() throws Exception {
        Path work = Files.createTempDirectory("jwtgate-upgrade-own");
        Path data = work.resolve("data");
        Map<String, String> params = params(data);
        Seed.usersOfAnEarlierVersion(params);
        Seed.user(params, "zoe", PASSWORD);
        try (Container.Running app = container().start(params, work)) {
            assertTrue(app.available(), app::startFailure);
            assertEquals(200, login(app.http(), "zoe").status());
            assertEquals(401, app.http().postJson("/auth/login",
                    "{\"username\":\"admin\",\"password\":\"" + Seed.PASSWORD + "\"}").status(),
                    "the earlier version's admin is nobody here");
        }
    }

    /** Every application at a different context path, however alike, has a store of its own. */
    @Test
    void alikeContextPathsKeepTheirUsersApart() throws Exception {
        Path work = Files.createTempDirectory("jwtgate-alike");
        Path data = work.resolve("data");
        List<String> paths = List.of("", "/root", "/ROOT", "/Root", "/shop", "/shop/eu", "/shop.eu", "/shop-eu");
        try (Container.Apps apps = container().startApps(paths.stream().map(p -> app(p, data)).toList(), work)) {
            for (String p : paths) {
                Http.Response r = register(apps.http(p), "u");
                assertEquals(201, r.status(), "the name is free at '" + p + "': " + r.body());
            }
        }
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(paths.size(), files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).count());
        }
    }

    /** One JVM-wide secret: an application's tokens are nothing to another, nor to the root. */
    @Test
    void tokensOfOneApplicationAreRefusedByAnotherWithTheSameSecret() throws Exception {
        Path work = Files.createTempDirectory("jwtgate-tokens");
        Path data = work.resolve("data");
        try (Container.Apps apps = container().startApps(List.of(app("/a", data), app("/b", data), app("", data)),
                work)) {
            Http a = apps.http("/a");
            for (String path : List.of("/b", "", "/a")) {
                assertEquals(201, register(apps.http(path), "erin").status());
            }
            JsonNode tokens = json(login(a, "erin"));
            String access = tokens.get("access_token").textValue();
            String refresh = tokens.get("refresh_token").textValue();
            for (String path : List.of("/b", "")) {
                Http other = apps.http(path);
                Http.Response hello = other.bearerGet("/api/hello", access);
                Http.Response me = other.bearerGet("/auth/me", access);
                Http.Response refreshed = other.postJson("/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");
                Http.Response password = other.post("/auth/password", "application/json",
                        "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"another fine one\"}",
                        "Authorization", "Bearer " + access);
                assertEquals(401, hello.status(), path + ": " + hello.body());
                assertEquals(401, me.status(), path + ": " + me.body());
                assertEquals(401, refreshed.status(), path + ": " + refreshed.body());
                assertEquals(401, password.status(), path + ": " + password.body());
            }
            assertEquals(200, login(apps.http("/b"), "erin").status(), "erin's password at /b is unchanged");
        }
    }
}
