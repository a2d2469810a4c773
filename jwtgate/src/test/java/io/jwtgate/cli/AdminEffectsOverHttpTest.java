package io.jwtgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtGate;
import io.jwtgate.json.StrictJson;
import io.jwtgate.store.Database;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.TestSettings;
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
 * What the command line does to a running application that shares its PostgreSQL store, seen over
 * HTTP in Jetty and Tomcat. Logins and refreshes read the store, so they change at once; access
 * tokens are checked against the revocations in memory, which the application reloads every
 * {@code jwtgate.revocation.refresh-interval}: the test sets the interval to an hour and runs that
 * reload itself ({@code revocations().refresh()} of the application's instance), so nothing waits.
 */
class AdminEffectsOverHttpTest {

    private static final String PASSWORD = "alice's long passphrase";

    @TempDir
    Path dir;

    private RealDatabase.Schema schema;
    private Map<String, String> params;
    private JwtGate gate;

    @BeforeEach
    void store() {
        schema = RealDatabase.POSTGRESQL.create();
        params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.url", schema.url());
        params.put("jwtgate.jdbc.username", schema.user());
        params.put("jwtgate.revocation.refresh-interval", "PT1H");
        params.put("jwtgate.revocation.max-staleness", "PT2H");
        // Polling only: with push the application would refuse the token before its reload.
        params.put("jwtgate.revocation.push", "false");
        params.put("jwtgate.rules", "/admin/** -> role:admin; /** -> authenticated");
        gate = JwtGate.start(TestSettings.settings(params));
        gate.accounts().create("alice", null, PASSWORD, Set.of("user"));
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
        return container.start(params, dir, Map.of(JwtGate.class.getName(), gate));
    }

    private CliRun cli(String... args) {
        CliRun r = CliRun.run(params, args);
        assertEquals(0, r.exitCode, r.toString());
        return r;
    }

    /** The running application's revocation reload, which its maintenance thread runs every refresh-interval. */
    private void revocationRefreshTick() {
        gate.revocations().refresh();
    }

    private static Http.Response login(Http http) {
        return http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}");
    }

    private static JsonNode tokens(Http http) {
        Http.Response r = login(http);
        assertEquals(200, r.status(), r.body());
        return json(r.body());
    }

    private static Http.Response refresh(Http http, JsonNode tokens) {
        return http.postJson("/auth/refresh", "{\"refresh_token\":\"" + tokens.get("refresh_token").textValue() + "\"}");
    }

    private static String at(JsonNode tokens) {
        return tokens.get("access_token").textValue();
    }

    private static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode claims(String jwt) {
        return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void disableRefusesLoginAndRefreshAtOnceAndTheAccessTokenAtTheNextRevocationRefresh(Container container) {
        try (Container.Running app = start(container)) {
            Http http = app.http();
            JsonNode tokens = tokens(http);
            assertEquals(200, http.bearerGet("/api/hello", at(tokens)).status());
            cli("users", "disable", "alice");
            assertEquals(401, login(http).status());
            assertEquals(401, refresh(http, tokens).status());
            revocationRefreshTick();
            assertEquals(401, http.bearerGet("/api/hello", at(tokens)).status());
            cli("users", "enable", "alice");
            assertEquals(200, login(http).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void setRolesEndsTheOldSessionsAndTheNextLoginCarriesTheNewRoles(Container container) {
        try (Container.Running app = start(container)) {
            Http http = app.http();
            JsonNode before = tokens(http);
            assertEquals("[\"user\"]", claims(at(before)).get("roles").toString());
            assertEquals(403, http.bearerGet("/admin/x", at(before)).status());
            cli("users", "set-roles", "alice", "--role", "admin");
            assertEquals(401, refresh(http, before).status());
            revocationRefreshTick();
            assertEquals(401, http.bearerGet("/api/hello", at(before)).status());
            JsonNode after = tokens(http);
            assertEquals("[\"admin\"]", claims(at(after)).get("roles").toString());
            assertEquals(200, http.bearerGet("/admin/x", at(after)).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void sessionsRevokeEndsTheSessionsAndTheUserCanLogInAgain(Container container) {
        try (Container.Running app = start(container)) {
            Http http = app.http();
            JsonNode tokens = tokens(http);
            CliRun r = cli("sessions", "revoke", "--user", "alice");
            assertEquals("1 session of alice revoked\n", r.out);
            assertEquals(401, refresh(http, tokens).status());
            assertEquals(200, http.bearerGet("/api/hello", at(tokens)).status(), "until the application's next reload");
            revocationRefreshTick();
            assertEquals(401, http.bearerGet("/api/hello", at(tokens)).status());
            assertEquals(200, http.bearerGet("/api/hello", at(tokens(http))).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void tokensRevokeRefusesThatAccessTokenAndLeavesItsSession(Container container) {
        try (Container.Running app = start(container)) {
            Http http = app.http();
            JsonNode tokens = tokens(http);
            cli("tokens", "revoke", tokens.get("id").textValue());
            revocationRefreshTick();
            assertEquals(401, http.bearerGet("/api/hello", at(tokens)).status());
            Http.Response refreshed = refresh(http, tokens);
            assertEquals(200, refreshed.status(), refreshed.body());
            assertEquals(200, http.bearerGet("/api/hello", at(json(refreshed.body()))).status());
        }
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void schemaStatusAndMigrateReadTheVersionOfARealServer(RealDatabase engine) throws Exception {
        try (RealDatabase.Schema empty = engine.create()) {
            Map<String, String> fresh = TestSettings.params(dir);
            fresh.put("jwtgate.jdbc.url", empty.url());
            fresh.put("jwtgate.jdbc.username", empty.user());
            int latest = Database.latestSchemaVersion();
            assertTrue(CliRun.run(fresh, "schema", "status").out.startsWith("schema version 0 of " + latest + ": "));
            assertEquals("schema migrated from version 0 to " + latest + "\n", CliRun.run(fresh, "schema", "migrate").out);
            assertEquals("schema version " + latest + ": up to date\n", CliRun.run(fresh, "schema", "status").out);
            assertEquals("schema version " + latest + ": up to date\n", CliRun.run(params, "schema", "status").out,
                    "the application's store, migrated at its start");
        }
    }
}
