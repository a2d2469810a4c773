package io.jwtgate.webxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.support.Container;
import io.jwtgate.support.EchoServlet;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Engine;
import io.jwtgate.support.engine.Security;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * JwtAuthFilter's start-up warning (decision 238): an application whose {@code WEB-INF/web.xml}
 * keeps constraints that ask for a caller is authenticated by the container before the filter
 * runs. The application is deployed as an operator's WAR would be: the container enforces the
 * constraints (test support {@link Security}) and the same table sits in the document root as
 * {@code WEB-INF/web.xml}.
 */
abstract class ContainerSecurityWarningContract {

    private static final String MARK = "the container authenticates these paths before JwtAuthFilter runs";

    abstract Container container();

    private List<String> startAndLog(Security security, String webXml) throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-container-security-warning");
        Path work = dir.resolve("server");
        if (webXml != null) {
            Path descriptor = Engine.documentRoot(work, Container.CONTEXT_PATH).resolve("WEB-INF/web.xml");
            Files.createDirectories(descriptor.getParent());
            Files.writeString(descriptor, webXml);
        }
        Deployment app = new Deployment(Container.CONTEXT_PATH, TestSettings.params(dir), Map.of(), List.of(),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")),
                List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)), null, security);
        int before = LogCapture.lines().size();
        try (EmbeddedServer server = container().engine().start(List.of(app), work)) {
            assertTrue(server.available(Container.CONTEXT_PATH), server.startFailure(Container.CONTEXT_PATH));
        }
        List<String> lines = LogCapture.lines();
        return lines.subList(Math.min(before, lines.size()), lines.size()).stream()
                .filter(l -> l.contains(MARK) || l.contains("cannot check /WEB-INF/web.xml")).toList();
    }

    private static Security legacy() {
        return new Security("BASIC", "legacy", List.of(
                new Security.Constraint(List.of("/admin/*"), Set.of(), Set.of(), List.of("admin"), null),
                new Security.Constraint(List.of("/api/*"), Set.of("GET", "POST"), Set.of(), List.of("**"), null),
                new Security.Constraint(List.of("/public/*"), Set.of(), Set.of(), null, null)),
                Set.of("admin"), Map.of("ann", new Security.RealmUser("ann-pass", Set.of("admin"))), false);
    }

    @Test
    void constraintsAndABasicLoginConfigInWebXmlAreWarnedAboutOnceNamingTheElementsAndBothRoutes() throws Exception {
        List<String> warnings = startAndLog(legacy(), WebXmlText.render(legacy()));
        assertEquals(1, warnings.size(), String.join("\n", warnings));
        String w = warnings.get(0);
        assertTrue(w.contains("WARNING"), w);
        assertTrue(w.contains("/WEB-INF/web.xml declares <security-constraint> /admin/* (role admin),"
                + " <security-constraint> /api/* GET,POST (any authenticated user) and <login-config> BASIC"), w);
        assertTrue(w.contains("jwtgate.jaspic.enabled=true"), w);
        assertTrue(w.contains("jwtgate rules from-web-xml WEB-INF/web.xml"), w);
        assertTrue(!w.contains("/public/*"), "an unconstrained collection challenges nobody: " + w);
    }

    @Test
    void webXmlWithoutConstraintsThatAskForACallerIsNotWarnedAbout() throws Exception {
        Security open = new Security("BASIC", "legacy", List.of(
                new Security.Constraint(List.of("/public/*"), Set.of(), Set.of(), null, "CONFIDENTIAL"),
                new Security.Constraint(List.of("/closed/*"), Set.of(), Set.of(), List.of(), null)),
                Set.of(), Map.of(), false);
        assertEquals(List.of(), startAndLog(open, WebXmlText.render(open)));
    }

    @Test
    void anApplicationWithoutWebXmlIsNotWarnedAbout() throws Exception {
        assertEquals(List.of(), startAndLog(null, null));
    }

    @Test
    void anUnreadableWebXmlIsWarnedAboutWithoutStoppingTheStart() throws Exception {
        List<String> warnings = startAndLog(null, "<web-app><security-constraint></web-app>");
        assertEquals(1, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).contains("cannot check /WEB-INF/web.xml for container-managed security:"
                + " /WEB-INF/web.xml is not well-formed XML"), warnings.get(0));
    }
}
