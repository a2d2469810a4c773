package io.jwtgate.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.cli.ExitCode;
import io.jwtgate.cli.Main;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.json.StrictJson;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.store.Database;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.support.Container;
import io.jwtgate.support.Htpasswd;
import io.jwtgate.support.Http;
import io.jwtgate.support.TestSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole migration in both containers: {@code jwtgate users import} fills the application's store
 * from a file of each format (the application stopped), the application starts on the same store, each
 * imported user logs in over HTTP with the old password, and the stored digest has become bcrypt at
 * the configured cost, while a wrong password gets the same 401 as an unknown name.
 */
class ImportedUsersLoginTest {

    private static final String PASSWORD = "migrated-password-7";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Container.class)
    void eachFormatsUserLogsInWithTheOldPasswordAndTheDigestBecomesBcrypt(Container container) throws IOException {
        Map<String, String> params = TestSettings.params(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("tomcat", Files.writeString(dir.resolve("tomcat-users.xml"), "<tomcat-users><user username=\"tom\""
                + " password=\"" + RealToolHashes.tomcatDigest("SHA-256", 0, 1, PASSWORD) + "\" roles=\"user\"/>"
                + "</tomcat-users>\n"));
        files.put("htpasswd", Files.writeString(dir.resolve("site.htpasswd"),
                "harry:" + Htpasswd.hash(Htpasswd.Algorithm.APR1, PASSWORD) + "\n"));
        files.put("jetty", Files.writeString(dir.resolve("realm.properties"),
                "jess: " + RealToolHashes.jettyCrypt("jess", PASSWORD) + ",user\n"));
        files.put("csv", Files.writeString(dir.resolve("users.csv"),
                "cass,cass@example.org,user," + Htpasswd.hash(Htpasswd.Algorithm.SHA, PASSWORD) + "\n"));
        Properties system = new Properties();
        system.putAll(params);
        for (Path file : files.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"users", "import", file.toString(), "--context", Container.CONTEXT_PATH,
                    "--role", "user"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8), Map.of(), system);
            assertEquals(ExitCode.OK, code, out.toString(StandardCharsets.UTF_8));
        }
        List<String> names = List.of("tom", "harry", "jess", "cass");
        for (String name : names) {
            assertFalse(storedHash(params, name).startsWith("$2"), name + " keeps the old digest until the first login");
        }
        try (Container.Running app = container.start(params, dir)) {
            assertTrue(app.available(), app.startFailure());
            Http http = app.http();
            Http.Response unknown = login(http, "nobody", PASSWORD);
            for (String name : names) {
                Http.Response wrong = login(http, name, "not-the-password");
                assertEquals(401, wrong.status());
                assertEquals(unknown.body(), wrong.body(), "a wrong password answers as an unknown name does");
                assertEquals(200, login(http, name, PASSWORD).status(), name + " logs in with the old password");
            }
        }
        for (String name : names) {
            assertTrue(storedHash(params, name).startsWith("$2a$10$"), name + "'s digest became bcrypt at cost 10");
        }
    }

    private static Http.Response login(Http http, String name, String password) {
        return http.postJson("/auth/login", StrictJson.mapper().createObjectNode().put("username", name)
                .put("password", password).toString());
    }

    private static String storedHash(Map<String, String> params, String name) {
        Settings settings = Settings.from(List.of(ConfigSource.of("test", params)), Container.CONTEXT_PATH);
        try (Database db = Database.open(settings, Clock.systemUTC())) {
            User user = new UserStore(db, Clock.systemUTC(), UsernameKey::of).findByUsername(name).orElseThrow();
            return user.passwordHash();
        }
    }
}
