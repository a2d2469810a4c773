package io.jwtgate.attack;

import static io.jwtgate.attack.LegacyLoginFixtures.basic;
import static io.jwtgate.attack.LegacyLoginFixtures.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.attack.LegacyLoginFixtures.Db;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Password guessing against realm users who have no JwtGate account yet: the lockout of a name that names no
 * account must cover them, whichever door (login, Basic) and however the guesses are interleaved with other names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LegacyRealmLockoutAttackContract {

    private static final String REALM_PW = "lockout realm password 5";
    private static final String GUESS = "lockout wrong guess 6";

    static {
        Secrets.remember(REALM_PW);
        Secrets.remember(GUESS);
    }

    private Db db;
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-legacy-lockout");
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("store") + ";DB_CLOSE_ON_EXIT=FALSE";
        db = new Db(url, "");
        db.execute("CREATE TABLE users (user_name VARCHAR(40) PRIMARY KEY, user_pass VARCHAR(700))");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.url", url);
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.login.max-failures", "3");
        params.put("jwtgate.login.address-max-failures", "100000");
        params.put("jwtgate.legacy.users-table", "users");
        params.put("jwtgate.legacy.user-column", "user_name");
        params.put("jwtgate.legacy.credential-column", "user_pass");
        server = container().start(params, dir);
        assertTrue(server.available(), server.startFailure());
        http = server.http();
        for (String name : new String[] {"lucy", "lena"}) {
            db.update("INSERT INTO users (user_name, user_pass) VALUES (?, ?)", name,
                    LegacyLoginFixtures.md5Hex(REALM_PW));
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void guessesAtARealmUserInterleavedWithOtherNamesAndDoorsLockItBeforeTheRightPasswordIsTried()
            throws java.sql.SQLException {
        // Guesses spread over the login endpoint, Basic and spellings that name nothing.
        assertEquals(401, login(http, "lucy", GUESS).status());
        assertEquals(401, login(http, "LUCY", GUESS).status());
        assertEquals(401, http.get("/api/hello", "Authorization", basic("lucy", GUESS)).status());
        assertEquals(401, login(http, "lucy\u200b", GUESS).status());
        assertEquals(401, login(http, "lucy", GUESS + "x").status());
        Http.Response locked = login(http, "lucy", REALM_PW);
        assertEquals(429, locked.status(), "the right password after 3 guesses: " + locked.body());
        assertEquals(429, http.get("/api/hello", "Authorization", basic("lucy", REALM_PW)).status());
        assertTrue(db.rows("SELECT username FROM jwtgate_users WHERE username = ?", "lucy").isEmpty(),
                "a locked realm user is not adopted");
    }

    @Test
    void aLockedRealmNameLocksNoOtherRealmUser() {
        for (int i = 0; i < 4; i++) {
            login(http, "lucy", GUESS);
        }
        Http.Response r = login(http, "lena", REALM_PW);
        assertEquals(200, r.status(), r.body());
    }
}
