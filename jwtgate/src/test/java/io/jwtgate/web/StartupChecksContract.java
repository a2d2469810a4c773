package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.support.Container;
import io.jwtgate.support.ForwardingFilter;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What LoginServlet checks at start (decisions 200, 201): a filter of the application's named
 * {@code JwtAuthFilter} fails the start, a missing or narrowly mapped JwtAuthFilter and rules on
 * LoginServlet paths are warned about. One application per test, over real HTTP.
 */
abstract class StartupChecksContract {

    abstract Container container();

    /** Starts an application with {@code filters}, runs {@code probe} and returns the log lines written meanwhile. */
    private List<String> startAndLog(Map<String, String> extra, List<Deployment.FilterMapping> filters,
            Function<Container.Running, Void> probe) throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-startup");
        Map<String, String> params = TestSettings.params(dir);
        params.putAll(extra);
        Seed.users(params);
        int before = LogCapture.lines().size();
        try (Container.Running server = container().startWithFilters(params, dir, filters)) {
            probe.apply(server);
        }
        List<String> lines = LogCapture.lines();
        return lines.subList(Math.min(before, lines.size()), lines.size());
    }

    private static Void loginIssuesNoToken(Container.Running server) {
        if (server.available()) {
            Http.Response login = server.http().postJson("/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
            assertNotEquals(200, login.status(), login.toString());
            assertFalse(login.body().contains("access_token"), login.toString());
        }
        return null;
    }

    @Test
    void applicationFilterNamedJwtAuthFilterFailsTheStartNamingTheClashAndTheFix() throws Exception {
        List<String> log = startAndLog(Map.of(), List.of(
                new Deployment.FilterMapping("JwtAuthFilter", ForwardingFilter.class, "/*")),
                StartupChecksContract::loginIssuesNoToken);
        List<String> refusals = log.stream().filter(l -> l.contains("JwtGate refuses to start")
                && l.contains(ForwardingFilter.class.getName())).toList();
        assertFalse(refusals.isEmpty(), String.join("\n", log));
        assertTrue(refusals.get(0).contains("rename the application's filter, or declare io.jwtgate.JwtAuthFilter"
                + " in web.xml under another name"), refusals.get(0));
    }

    @Test
    void jwtAuthFilterUnderAnotherNameBesideAnApplicationFilterIsFine() throws Exception {
        List<String> log = startAndLog(Map.of(), List.of(
                new Deployment.FilterMapping("gate", JwtAuthFilter.class, "/*")), server -> {
                    assertTrue(server.available(), () -> "did not start: " + server.startFailure());
                    assertEquals(401, server.http().get("/api/hello").status());
                    return null;
                });
        assertTrue(log.stream().noneMatch(l -> l.contains("LoginServlet issues tokens")), String.join("\n", log));
    }

    @Test
    void loginServletWithoutJwtAuthFilterStartsWithOneWarning() throws Exception {
        List<String> log = startAndLog(Map.of(), List.of(), server -> {
            assertTrue(server.available(), () -> "did not start: " + server.startFailure());
            return null;
        });
        List<String> warnings = log.stream().filter(l -> l.contains("LoginServlet issues tokens but no "
                + JwtAuthFilter.class.getName() + " is registered")).toList();
        assertEquals(1, warnings.size(), String.join("\n", log));
        assertTrue(warnings.get(0).contains("WARNING") && warnings.get(0).contains("declare it in web.xml on /*"),
                warnings.get(0));
    }

    @Test
    void jwtAuthFilterNotOnSlashStarIsWarnedAbout() throws Exception {
        List<String> log = startAndLog(Map.of(), List.of(
                new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/api/*")), server -> {
                    assertTrue(server.available(), () -> "did not start: " + server.startFailure());
                    return null;
                });
        assertEquals(1, log.stream().filter(l -> l.contains("is not mapped to /*")).count(), String.join("\n", log));
    }

    @Test
    void rulesUnderTheLoginServletMappingAreWarnedAboutOnceEachButNotCatchAlls() throws Exception {
        String register = "/auth/register-" + container().name().toLowerCase(java.util.Locale.ROOT);
        List<String> log = startAndLog(Map.of("jwtgate.rules", String.join("\n",
                register + " -> deny",
                "/auth/** -> role:admin",
                "/authority/** -> role:admin",
                "/** -> authenticated")), List.of(
                new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")), server -> {
                    assertTrue(server.available(), () -> "did not start: " + server.startFailure());
                    return null;
                });
        List<String> warnings = log.stream().filter(l -> l.contains("LoginServlet paths are never judged")).toList();
        assertEquals(2, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).contains("\"" + register + " -> deny\" lies under LoginServlet's mapping /auth/**"),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("jwtgate.register.enabled=false"), warnings.get(0));
        assertTrue(warnings.get(1).contains("\"/auth/** -> role:admin\""), warnings.get(1));
    }
}
