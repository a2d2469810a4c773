package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwtgate.jdbc.datasource}: the store is a container DataSource found in JNDI. */
class JndiDataSourceTest {

    @TempDir
    Path dir;

    @Test
    void containerDataSourceFromJndiHoldsTheStore() throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("jndi-db") + ";DB_CLOSE_ON_EXIT=FALSE";
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.datasource", "jdbc/jwtgate");
        try (Container.Running app = Container.tomcatWithDataSource(params, dir, "jdbc/jwtgate", url)) {
            assertTrue(app.available());
            Http.Response login = app.http().postJson("/auth/login",
                    "{\"username\":\"nobody\",\"password\":\"wrong password\"}");
            assertEquals(401, login.status());
        }
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM jwtgate_audit_events WHERE event = 'login_failure'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1), "the failure was stored through the container's DataSource");
        }
    }

    @Test
    void unknownJndiNameRefusesToStart() {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.datasource", "jdbc/missing");
        try (Container.Running app = Container.tomcatWithDataSource(params, dir, "jdbc/jwtgate",
                "jdbc:h2:mem:unused")) {
            assertFalse(app.available());
            assertNotNull(app.startFailure(), "Tomcat must report why the application did not start");
            assertTrue(app.startFailure().contains("jwtgate.jdbc.datasource: the JNDI name 'jdbc/missing'"),
                    app.startFailure());
        }
    }
}
