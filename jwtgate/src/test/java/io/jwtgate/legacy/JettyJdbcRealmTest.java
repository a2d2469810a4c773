package io.jwtgate.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.legacy.RealmDatabase.Engine;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.Password;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables of Jetty's {@code JDBCLoginService} read in place (decision 313): the users table as it is, the
 * roles through a view joining {@code user_roles} and {@code roles}, credentials as Jetty's {@code Credential}
 * writes them; over HTTP.
 */
class JettyJdbcRealmTest {

    private static final String MD5_PW = "jetty md5 password 1";
    private static final String CRYPT_PW = "Dz7#qv!w";
    private static final String OBF_PW = "jetty obfuscated password 3";
    private static final String BCRYPT = "^\\$2[aby]\\$10\\$.{53}$";

    static {
        for (String s : List.of(MD5_PW, CRYPT_PW, OBF_PW)) {
            Secrets.remember(s);
        }
    }

    @TempDir
    Path dir;

    static Stream<Arguments> enginesAndContainers() {
        return Stream.of(Arguments.of(Engine.H2, Container.JETTY), Arguments.of(Engine.H2, Container.TOMCAT),
                Arguments.of(Engine.POSTGRESQL, Container.TOMCAT), Arguments.of(Engine.MARIADB, Container.JETTY));
    }

    /** Jetty's default schema in place of the Tomcat tables RealmDatabase creates, and the roles view. */
    private static void jettySchema(RealmDatabase realm) throws Exception {
        realm.execute("DROP TABLE user_roles");
        realm.execute("DROP TABLE users");
        realm.execute("CREATE TABLE users (id INT NOT NULL PRIMARY KEY, username VARCHAR(100) NOT NULL UNIQUE,"
                + " pwd VARCHAR(255) NOT NULL)");
        realm.execute("CREATE TABLE roles (id INT NOT NULL PRIMARY KEY, role VARCHAR(100) NOT NULL UNIQUE)");
        realm.execute("CREATE TABLE user_roles (user_id INT NOT NULL, role_id INT NOT NULL,"
                + " PRIMARY KEY (user_id, role_id))");
        realm.execute("CREATE VIEW jetty_user_role_names AS SELECT u.username, r.role FROM users u"
                + " JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id");
        realm.update("INSERT INTO roles (id, role) VALUES (?, ?)", 1, "user");
        realm.update("INSERT INTO roles (id, role) VALUES (?, ?)", 2, "admin");
        String md5 = Credential.MD5.digest(MD5_PW);
        String crypt = Credential.Crypt.crypt("carol", CRYPT_PW);
        String obf = Password.obfuscate(OBF_PW);
        Secrets.remember(md5);
        Secrets.remember(crypt);
        user(realm, 1, "alice", md5, 1, 2);
        user(realm, 2, "carol", crypt, 1);
        user(realm, 3, "obie", obf);
    }

    private static void user(RealmDatabase realm, int id, String name, String pwd, int... roles) throws Exception {
        realm.update("INSERT INTO users (id, username, pwd) VALUES (?, ?, ?)", id, name, pwd);
        for (int role : roles) {
            realm.update("INSERT INTO user_roles (user_id, role_id) VALUES (?, ?)", id, role);
        }
    }

    private Map<String, String> params(RealmDatabase realm) {
        Map<String, String> p = TestSettings.params(dir);
        realm.configure(p);
        p.put("jwtgate.legacy.user-column", "username");
        p.put("jwtgate.legacy.credential-column", "pwd");
        p.put("jwtgate.legacy.roles-table", "jetty_user_role_names");
        p.put("jwtgate.legacy.role-column", "role");
        p.remove("jwtgate.legacy.digest");
        return p;
    }

    private static Http.Response login(Http http, String name, String password) {
        return http.postJson("/auth/login",
                StrictJson.mapper().createObjectNode().put("username", name).put("password", password).toString());
    }

    private static Set<String> roles(Http http, Http.Response login) throws Exception {
        JsonNode token = StrictJson.mapper().readTree(login.body());
        Http.Response me = http.bearerGet("/auth/me", token.get("access_token").textValue());
        assertEquals(200, me.status(), me.body());
        Set<String> roles = new TreeSet<>();
        StrictJson.mapper().readTree(me.body()).get("roles").forEach(r -> roles.add(r.textValue()));
        return roles;
    }

    @ParameterizedTest
    @MethodSource("enginesAndContainers")
    void jettyRealmUsersLogInWithTheirJettyCredentialsAndRolesAndBecomeBcryptAccounts(Engine engine,
            Container container) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(engine, dir)) {
            jettySchema(realm);
            try (Container.Running app = container.start(params(realm), dir)) {
                assertTrue(app.available(), app.startFailure());
                Http http = app.http();

                assertEquals(401, login(http, "alice", "not her password").status());
                Http.Response alice = login(http, "alice", MD5_PW);
                assertEquals(200, alice.status(), alice.body());
                assertEquals(Set.of("admin", "user"), roles(http, alice));
                Http.Response carol = login(http, "carol", CRYPT_PW);
                assertEquals(200, carol.status(), carol.body());
                assertEquals(Set.of("user"), roles(http, carol));
                // OBF: is Jetty's reversible obfuscation of the password itself: allowed as Jetty allows it.
                assertEquals(200, login(http, "obie", OBF_PW).status());

                for (String name : List.of("alice", "carol", "obie")) {
                    String hash = realm.accounts(name).get(0).split("\\|")[1];
                    assertTrue(hash.matches(BCRYPT), name + " is a bcrypt account now");
                }
                // The Jetty digest itself is not a password.
                String md5 = realm.rows("SELECT pwd FROM users WHERE username = ?", "alice").get(0);
                assertEquals(401, login(http, "alice", md5).status());
            }
        }
    }
}
