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
    void anApplicationWithoutItsOwnFileKeepsTheStoreOfAnEarlierVersionUntilItIsRenamed() throws Exception {
        Path work = Files.createTempDirectory("jwtgate-upgrade");
        Path data = work.resolve("data");
        Map<String, String> params = params(data);
        // What an earlier version left: every user in the single default file.
        Seed.users(params);
        assertTrue(Files.size(data.resolve("jwtgate.mv.db")) > 0);
        int before = LogCapture.lines().size();
        try (Container.Apps apps = container().startApps(List.of(new Container.App("/a", params, Map.of())), work)) {
            assertEquals(200, apps.http("/a").postJson("/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}").status());
        }
        String log = String.join("\n", LogCapture.lines().subList(before, LogCapture.lines().size()));
        assertTrue(log.contains("WARNING: JwtGate for /a: keeps using " + data.toRealPath().resolve("jwtgate.mv.db")
                + ", the store of an earlier version, so that its users stay"), log);
        assertTrue(log.contains("rename jwtgate.mv.db to jwtgate-a.mv.db"), log);

        for (String suffix : List.of(".mv.db", ".trace.db")) {
            if (Files.exists(data.resolve("jwtgate" + suffix))) {
                Files.move(data.resolve("jwtgate" + suffix), data.resolve("jwtgate-a" + suffix),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        int renamed = LogCapture.lines().size();
        try (Container.Apps apps = container().startApps(List.of(new Container.App("/a", params, Map.of())), work)) {
            assertEquals(200, apps.http("/a").postJson("/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}").status());
        }
        assertTrue(LogCapture.lines().subList(renamed, LogCapture.lines().size()).stream()
                .noneMatch(l -> l.contains("store of an earlier version")), "the renamed file is the application's own");
        assertFalse(Files.exists(data.resolve("jwtgate.mv.db")));
    }
}
