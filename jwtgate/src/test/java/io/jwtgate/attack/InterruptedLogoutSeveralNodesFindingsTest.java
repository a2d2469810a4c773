package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding of the issue-13 review; it failed before its fix (decision 471): a logout by refresh token ({@code POST /auth/logout {"refresh_token": …}}, the RFC 7009
 * path) that fails half-way, after the refresh tokens were revoked but before the session's row
 * reached the revocation log (a store fault between the two statements; simulated here by a
 * trigger that refuses the log INSERT once), cannot be retried: the retry finds the refresh token
 * revoked, ends nothing ({@code SessionService.endSessionOf} returns false) and answers 204, while
 * the session's access tokens stay accepted on every node until they expire. The client was told
 * the logout succeeded. The test asserts the correct behaviour: after the successful retry the
 * access token is refused.
 */
class InterruptedLogoutSeveralNodesFindingsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aRetriedRefreshTokenLogoutAfterAStoreFaultEndsTheAccessTokensToo(Container container, RealDatabase server)
            throws Exception {
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> params = TestSettings.params(Files.createTempDirectory(dir, "n"));
            params.put("jwtgate.jdbc.url", url);
            params.put("jwtgate.rules", "/** -> authenticated");
            Seed.users(params);
            try (Container.Running app = container.start(params, Files.createTempDirectory(dir, "w"))) {
                Http http = app.http();
                JsonNode tokens = login(http);
                String access = tokens.get("access_token").textValue();
                String logout = "{\"refresh_token\":\"" + tokens.get("refresh_token").textValue() + "\"}";
                assertEquals(200, http.bearerGet("/api/hello", access).status());

                refuseLogInserts(url, server, true);
                Http.Response failed;
                try {
                    failed = http.postJson("/auth/logout", logout);
                } finally {
                    refuseLogInserts(url, server, false);
                }
                assertNotEquals(204, failed.status(), "the first logout could not store the revocation");
                Http.Response retried = http.postJson("/auth/logout", logout);
                assertEquals(204, retried.status(), retried.body());
                assertEquals(401, http.bearerGet("/api/hello", access).status(),
                        "the retried logout answered 204, yet the session's access token is still accepted");
            }
        }
    }

    /** A store fault between revoking the refresh tokens and writing the log row. */
    private static void refuseLogInserts(String url, RealDatabase server, boolean refuse) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            if (server == RealDatabase.POSTGRESQL) {
                if (refuse) {
                    s.execute("CREATE FUNCTION attack_refuse() RETURNS trigger LANGUAGE plpgsql AS"
                            + " $$BEGIN RAISE EXCEPTION 'simulated store fault'; END$$");
                    s.execute("CREATE TRIGGER attack_refuse BEFORE INSERT ON jwtgate_revocation_log"
                            + " FOR EACH ROW EXECUTE FUNCTION attack_refuse()");
                } else {
                    s.execute("DROP TRIGGER attack_refuse ON jwtgate_revocation_log");
                    s.execute("DROP FUNCTION attack_refuse()");
                }
            } else if (refuse) {
                s.execute("CREATE TRIGGER attack_refuse BEFORE INSERT ON jwtgate_revocation_log FOR EACH ROW"
                        + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'simulated store fault'");
            } else {
                s.execute("DROP TRIGGER attack_refuse");
            }
        }
    }

    private static JsonNode login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }
}
