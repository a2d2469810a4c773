package io.jwtgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.Http;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.TomcatEngine;
import io.jwtgate.support.engine.TomcatVersion;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tomcat a test run starts is the one its surefire execution names in the system property
 * {@code expected.tomcat.version}: Tomcat 11 in jwtgate's default execution, 10.1 in its
 * {@code tomcat-10.1} execution, 9 in jwtgate-javax. Without this, a class-path mistake (the Tomcat 11
 * jar not excluded, or listed first) would let the 10.1 execution run Tomcat 11 again and still pass.
 */
class TomcatVersionTest {

    private static final String EXPECTED = "expected.tomcat.version";

    @TempDir
    Path temp;

    @Test
    void theRunningTomcatIsTheVersionThisExecutionNames() throws Exception {
        String expected = System.getProperty(EXPECTED);
        assertNotNull(expected, "the surefire execution must set " + EXPECTED);

        assertTrue(TomcatVersion.serverNumber().startsWith(expected + "."),
                "Tomcat on the class path is " + TomcatVersion.serverNumber() + ", not " + expected);
        Deployment app = new Deployment("/v", Map.of(), Map.of(), List.of(), List.of(),
                List.of(new Deployment.ServletMapping("info", ServerInfoServlet.class, "/", -1)), null);
        try (EmbeddedServer server = new TomcatEngine().start(List.of(app), temp.resolve("tomcat"))) {
            Http.Response answer = new Http(server.port(), "/v").get("/");

            assertEquals(200, answer.status());
            assertEquals("Apache Tomcat/" + expected, answer.body());
        }
    }

    /** Answers with what the serving container says it is. */
    public static final class ServerInfoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write(req.getServletContext().getServerInfo());
        }
    }
}
