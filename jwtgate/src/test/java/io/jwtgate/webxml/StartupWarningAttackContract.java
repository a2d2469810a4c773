package io.jwtgate.webxml;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.support.Container;
import io.jwtgate.support.EchoServlet;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Outside review of JwtAuthFilter's start-up check of {@code WEB-INF/web.xml} (decision 238): the
 * descriptor's text must not forge log lines, neither in the warning (which masks control
 * characters) nor in the "cannot check" warning that quotes the parser's complaint.
 */
abstract class StartupWarningAttackContract {

    private static final String FORGED = "SEVERE: forged-by-attack2";

    abstract Container container();

    private List<String> startAndLog(String webXml) throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-startup-warning-attack");
        Path work = dir.resolve("server");
        Path descriptor = Engine.documentRoot(work, Container.CONTEXT_PATH).resolve("WEB-INF/web.xml");
        Files.createDirectories(descriptor.getParent());
        Files.writeString(descriptor, webXml);
        Deployment app = new Deployment(Container.CONTEXT_PATH, TestSettings.params(dir), Map.of(), List.of(),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")),
                List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)), null);
        int before = LogCapture.lines().size();
        try (EmbeddedServer server = container().engine().start(List.of(app), work)) {
            assertTrue(server.available(Container.CONTEXT_PATH), server.startFailure(Container.CONTEXT_PATH));
        }
        List<String> lines = LogCapture.lines();
        return List.copyOf(lines.subList(Math.min(before, lines.size()), lines.size()));
    }

    private static void assertNoForgedLine(List<String> lines) {
        assertTrue(lines.stream().anyMatch(l -> l.contains("forged-by-attack2")),
                "the descriptor was looked at: " + String.join("", lines));
        for (String line : lines) {
            assertFalse(line.contains("\n" + FORGED) || line.contains("\r" + FORGED),
                    "a line of web.xml became a log line of its own: " + line);
        }
    }

    /** A method name with a line break is refused by the parser, whose message the warning quotes. */
    @Test
    void lineBreakInAnHttpMethodCannotForgeALogLine() throws Exception {
        assertNoForgedLine(startAndLog("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <security-constraint>
                    <web-resource-collection><web-resource-name>r</web-resource-name>
                      <url-pattern>/admin/*</url-pattern><http-method>GET&#13;&#10;SEVERE: forged-by-attack2</http-method>
                    </web-resource-collection>
                    <auth-constraint><role-name>admin</role-name></auth-constraint>
                  </security-constraint>
                  <login-config><auth-method>BASIC</auth-method></login-config>
                </web-app>
                """));
    }

    /** The url-pattern and role are named in the warning itself. */
    @Test
    void lineBreakInAUrlPatternCannotForgeALogLine() throws Exception {
        assertNoForgedLine(startAndLog("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <security-constraint>
                    <web-resource-collection><web-resource-name>r</web-resource-name>
                      <url-pattern>/admin/*&#10;SEVERE: forged-by-attack2</url-pattern>
                    </web-resource-collection>
                    <auth-constraint><role-name>admin&#13;&#10;SEVERE: forged-by-attack2</role-name></auth-constraint>
                  </security-constraint>
                  <login-config><auth-method>BASIC&#10;SEVERE: forged-by-attack2</auth-method></login-config>
                </web-app>
                """));
    }
}
