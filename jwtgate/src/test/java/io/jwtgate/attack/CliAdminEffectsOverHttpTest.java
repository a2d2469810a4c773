package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtGate;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.RealDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an administrator's command really takes away from a running application (Jetty and Tomcat,
 * shared PostgreSQL store, Basic allowed): after {@code users reset-password}, {@code users disable}
 * and {@code users set-roles}, no refresh token, access token or cached Basic check keeps the old
 * rights beyond the application's next revocation reload (run here by hand, the interval is an hour).
 */
class CliAdminEffectsOverHttpTest {

    private static final String OLD = "alice's old long passphrase";
    private static final String NEW = "a brand new passphrase for alice 7";

    @TempDir
    Path dir;

    private RealDatabase.Schema schema;
    private CliHarness cli;
    private JwtGate gate;

    @BeforeEach
    void store() {
        schema = RealDatabase.POSTGRESQL.create();
        cli = new CliHarness(dir);
        cli.settings.put("jwtgate.jdbc.url", schema.url());
        cli.settings.put("jwtgate.jdbc.username", schema.user());
        cli.settings.put("jwtgate.revocation.refresh-interval", "PT1H");
        cli.settings.put("jwtgate.revocation.max-staleness", "PT2H");
        cli.settings.put("jwtgate.basic-auth", "allow");
        cli.settings.put("jwtgate.rules", "/admin/** -> role:admin; /** -> authenticated");
        gate = JwtGate.start(io.jwtgate.support.TestSettings.settings(cli.settings));
        gate.accounts().create("alice", null, OLD, Set.of("admin"));
    }

    @AfterEach
    void drop() throws Exception {
        if (gate != null) {
            gate.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    private Container.Running start(Container container) {
        return container.start(cli.settings, dir, Map.of(JwtGate.class.getName(), gate));
    }

    private void admin(byte[] stdin, String... argv) {
        CliHarness.Run r = cli.run(stdin, argv);
        assertEquals(0, r.exitCode(), r.toString());
    }

    private static Http.Response basic(Http http, String path, String password) {
        String token = Base64.getEncoder().encodeToString(("alice:" + password).getBytes(StandardCharsets.UTF_8));
        return http.get(path, "Authorization", "Basic " + token);
    }

    private static JsonNode login(Http http, String password) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + password + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static int refresh(Http http, JsonNode tokens) {
        return http.postJson("/auth/refresh", "{\"refresh_token\":\"" + tokens.get("refresh_token").textValue()
                + "\"}").status();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void resetPasswordLeavesNoOldTokenOrCachedBasicCheckAliveAfterTheReload(Container container) {
        try (Container.Running app = start(container)) {
            Http http = app.http();
            JsonNode tokens = login(http, OLD);
            assertEquals(200, basic(http, "/admin/x", OLD).status(), "Basic with the old password, now cached");
            admin((NEW + "\n").getBytes(StandardCharsets.UTF_8), "users", "reset-password", "alice");
            assertEquals(401, refresh(http, tokens), "the old refresh token");
            gate.revocations().refresh();
            assertEquals(401, basic(http, "/admin/x", OLD).status(), "the cached Basic check of the old password");
            assertEquals(401, http.bearerGet("/admin/x", tokens.get("access_token").textValue()).status());
            assertEquals(200, basic(http, "/admin/x", NEW).status());
            login(http, NEW);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void disableAndSetRolesEndTheCachedBasicRightsAfterTheReload(Container container) {
        try (Container.Running app = start(container)) {
            Http http = app.http();
            assertEquals(200, basic(http, "/admin/x", OLD).status());
            admin(new byte[0], "users", "set-roles", "alice", "--role", "user");
            gate.revocations().refresh();
            assertEquals(403, basic(http, "/admin/x", OLD).status(), "the cached Basic check kept the admin role");
            assertEquals(200, basic(http, "/api/hello", OLD).status());
            admin(new byte[0], "users", "disable", "alice");
            gate.revocations().refresh();
            assertEquals(401, basic(http, "/api/hello", OLD).status(), "the cached Basic check of a disabled user");
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void reEnablingGivesBackNoTokenAndAResetPasswordDoesNotReEnable(Container container) {
        try (Container.Running app = start(container)) {
            Http http = app.http();
            JsonNode tokens = login(http, OLD);
            admin(new byte[0], "users", "disable", "alice");
            admin((NEW + "\n").getBytes(StandardCharsets.UTF_8), "users", "reset-password", "alice");
            Http.Response refused = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + NEW
                    + "\"}");
            assertEquals(401, refused.status(), "a password reset must not enable a disabled account");
            assertEquals(401, basic(http, "/api/hello", NEW).status());
            admin(new byte[0], "users", "enable", "alice");
            gate.revocations().refresh();
            assertEquals(401, refresh(http, tokens), "a refresh token from before the disable");
            assertEquals(401, http.bearerGet("/api/hello", tokens.get("access_token").textValue()).status(),
                    "an access token from before the disable");
            assertEquals(200, basic(http, "/api/hello", NEW).status());
        }
    }
}
