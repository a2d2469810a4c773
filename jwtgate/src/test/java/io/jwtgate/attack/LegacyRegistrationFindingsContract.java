package io.jwtgate.attack;

import static io.jwtgate.attack.LegacyLoginFixtures.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.attack.LegacyLoginFixtures.Db;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * FINDING (round 1): with self-registration on, an outsider registers a look-alike of a realm user who has not
 * logged in yet ({@code rnarta} for {@code marta}, {@code 0liver} for {@code oliver}). Registration only refuses the
 * realm name in another case or normal form (decision 348), but the look-alike takes the realm name's
 * {@code name_key}, so the realm user's first login with the right password is refused as
 * {@code legacy_name_taken}, for good: the migration of that user is blocked by anyone. Each test asserts the
 * CORRECT behaviour (the realm user still gets in) and fails until the code is fixed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LegacyRegistrationFindingsContract {

    private static final String REALM_PW = "registration realm password 4";
    private static final String SQUAT_PW = "Squatter-Passphrase-9-long";

    static {
        Secrets.remember(REALM_PW);
        Secrets.remember(SQUAT_PW);
    }

    private Db db;
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-legacy-register");
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("store") + ";DB_CLOSE_ON_EXIT=FALSE";
        db = new Db(url, "");
        db.execute("CREATE TABLE users (user_name VARCHAR(40) PRIMARY KEY, user_pass VARCHAR(700))");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.url", url);
        params.put("jwtgate.register.enabled", "true");
        params.put("jwtgate.legacy.users-table", "users");
        params.put("jwtgate.legacy.user-column", "user_name");
        params.put("jwtgate.legacy.credential-column", "user_pass");
        server = container().start(params, dir);
        assertTrue(server.available(), server.startFailure());
        http = server.http();
        for (String name : new String[] {"marta", "oliver", "Wanda"}) {
            db.update("INSERT INTO users (user_name, user_pass) VALUES (?, ?)", name,
                    LegacyLoginFixtures.md5Hex(REALM_PW));
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Http.Response register(String name) {
        return http.postJson("/auth/register", StrictJson.mapper().createObjectNode().put("username", name)
                .put("password", SQUAT_PW).toString());
    }

    @Test
    void probeHarnessTheRealmNameItselfAndItsCaseVariantsCannotBeRegistered() {
        // Control: decision 348 holds for the name in another case.
        assertEquals(409, register("WANDA").status());
        assertEquals(409, register("wanda").status());
    }

    @Test
    void findingARegisteredLookAlikeRnForMDoesNotLockTheRealmUserOut() throws SQLException {
        Http.Response squat = register("rnarta");
        Http.Response r = login(http, "marta", REALM_PW);
        assertEquals(200, r.status(), "realm user marta after 'rnarta' registered (" + squat.status() + "): "
                + r.body());
    }

    @Test
    void findingARegisteredLookAlikeZeroForODoesNotLockTheRealmUserOut() throws SQLException {
        Http.Response squat = register("0liver");
        Http.Response r = login(http, "oliver", REALM_PW);
        assertEquals(200, r.status(), "realm user oliver after '0liver' registered (" + squat.status() + "): "
                + r.body());
    }
}
