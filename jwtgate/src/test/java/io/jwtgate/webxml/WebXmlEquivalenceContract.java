package io.jwtgate.webxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.support.Container;
import io.jwtgate.support.EchoServlet;
import io.jwtgate.support.Http;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Security;
import io.jwtgate.token.AccessTokenIssuer;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The issue's acceptance test for {@code jwtgate rules from-web-xml}: one table of constraints is
 * deployed twice in one container, once as the container's own security (BASIC against its realm)
 * and once as JwtAuthFilter with the rules translated from the same table rendered as web.xml; every
 * row (method, path) is sent by every caller (anonymous, and realm users / token holders with the
 * same roles), and the answers must fall in the same class: passed, 401 or 403. Rows the translator
 * reports as approximate must differ only by JwtGate being the stricter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebXmlEquivalenceContract {

    private static final String LEGACY = "/legacy";
    private static final Set<String> DECLARED = Set.of("admin", "user", "manager", "editor");

    /** Callers: name to roles; the empty name is the anonymous caller. */
    private static final Map<String, Set<String>> CALLERS = callers();

    static final List<Security.Constraint> TABLE = List.of(
            c(List.of("/admin/*"), Set.of(), Set.of(), List.of("admin")),
            c(List.of("/admin/public/*"), Set.of(), Set.of(), null),
            c(List.of("/reports"), Set.of(), Set.of(), List.of("manager")),
            c(List.of("*.jsp"), Set.of(), Set.of(), List.of("user")),
            c(List.of("/api/*"), Set.of("GET", "POST"), Set.of(), List.of("user")),
            c(List.of("/write/*"), Set.of(), Set.of("GET"), List.of("editor")),
            c(List.of("/shared/*"), Set.of(), Set.of(), List.of("admin")),
            c(List.of("/shared/*"), Set.of(), Set.of(), List.of("user")),
            c(List.of("/mixed/*"), Set.of(), Set.of(), List.of("admin")),
            c(List.of("/mixed/*"), Set.of(), Set.of(), null),
            c(List.of("/closed/*"), Set.of(), Set.of(), List.of()),
            c(List.of("/closed/*"), Set.of(), Set.of(), List.of("admin")),
            c(List.of("/star/*"), Set.of(), Set.of(), List.of("*")),
            c(List.of("/any/*"), Set.of(), Set.of(), List.of("**")),
            c(List.of("/docs/*"), Set.of(), Set.of(), List.of("manager")),
            c(List.of("/head/*"), Set.of("GET"), Set.of(), List.of("admin")),
            c(List.of("/split/*"), Set.of("GET"), Set.of(), List.of()),
            c(List.of("/split/*"), Set.of(), Set.of(), List.of("user")),
            // Only noted in the translation: on plain HTTP the container redirects (Tomcat) or refuses (Jetty)
            // whatever the roles, which JwtGate leaves to the connector or proxy; so no row asks for it.
            c(List.of("/tls/*"), Set.of(), Set.of(), List.of("editor"), "CONFIDENTIAL"));

    /**
     * Method, path, and whether the translator must have reported the row as not reproducible:
     * everywhere ({@link Reported#ALWAYS}) or on Tomcat, which departs from the specification there.
     */
    record Row(String method, String path, Reported reported) {

        boolean approximateIn(Container container) {
            return reported == Reported.ALWAYS || reported == Reported.ON_TOMCAT && container == Container.TOMCAT;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Whether the translator reports a row as one its rules cannot reproduce. */
    enum Reported { NEVER, ALWAYS, ON_TOMCAT }

    static final List<Row> ROWS = List.of(
            row("GET /admin/x"), row("GET /admin"), row("GET /admin/"), row("GET /admin/x/"),
            row("GET /admin/public/x"), row("OPTIONS /admin/x"), row("PROPFIND /admin/x"), row("DELETE /admin/x"),
            row("GET /reports"), new Row("GET", "/reports/", Reported.ALWAYS),
            row("GET /page.jsp"), row("GET /free/dir/page.jsp"), row("GET /admin/page.jsp"), row("GET /docs/page.jsp"),
            row("GET /docs"), new Row("GET", "/page.jsp/", Reported.ALWAYS),
            row("GET /api/x"), row("POST /api/x"), row("PUT /api/x"), row("HEAD /api/x"), row("DELETE /api/x"),
            row("OPTIONS /api/x"), row("PROPFIND /api/x"),
            row("GET /write/x"), row("POST /write/x"), row("HEAD /write/x"), row("PUT /write/x"),
            row("GET /shared/x"), row("GET /mixed/x"), row("GET /closed/x"), row("POST /closed/x"),
            row("GET /star/x"), row("GET /any/x"),
            row("GET /head/x"), row("HEAD /head/x"),
            row("GET /split/x"), row("POST /split/x"), row("HEAD /split/x"),
            new Row("PUT", "/api/page.jsp", Reported.ON_TOMCAT),
            new Row("HEAD", "/head/page.jsp", Reported.ON_TOMCAT), row("DELETE /write/page.jsp"),
            row("GET /free/x"), row("GET /"), row("POST /adminx"));

    private Path dir;
    private EmbeddedServer server;
    private Http legacy;
    private Http gated;
    private Translation translation;
    private final Map<String, String> tokens = new LinkedHashMap<>();

    abstract Container container();

    static Security.Constraint c(List<String> patterns, Set<String> methods, Set<String> omitted, List<String> roles) {
        return c(patterns, methods, omitted, roles, null);
    }

    static Security.Constraint c(List<String> patterns, Set<String> methods, Set<String> omitted, List<String> roles,
            String guarantee) {
        return new Security.Constraint(patterns, methods, omitted, roles, guarantee);
    }

    static Row row(String text) {
        String[] parts = text.split(" ");
        return new Row(parts[0], parts[1], Reported.NEVER);
    }

    private static Map<String, Set<String>> callers() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("", Set.of());
        m.put("eve", Set.of());
        m.put("bob", Set.of("user"));
        m.put("ann", Set.of("admin"));
        m.put("cat", Set.of("manager"));
        m.put("dan", Set.of("editor"));
        m.put("max", Set.of("admin", "user", "manager", "editor"));
        return m;
    }

    static Security security() {
        Map<String, Security.RealmUser> users = new LinkedHashMap<>();
        CALLERS.forEach((name, roles) -> {
            if (!name.isEmpty()) {
                users.put(name, new Security.RealmUser(name + "-realm-pass", roles));
            }
        });
        return new Security("BASIC", "legacy", TABLE, DECLARED, users, false);
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-webxml-equivalence");
        Security security = security();
        String webXml = WebXmlText.render(security);
        translation = RulesTranslator.translate(WebXmlParser.parse(
                new ByteArrayInputStream(webXml.getBytes(StandardCharsets.UTF_8)), "web.xml"), "web.xml");
        Map<String, String> params = TestSettings.params(dir);
        // Roles straight from the token: no role-scopes narrowing, as the container's realm has none.
        params.remove("jwtgate.role-scopes");
        params.put("jwtgate.rules", translation.text());
        Deployment container = new Deployment(LEGACY, Map.of(), Map.of(), List.of(), List.of(),
                List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)), null, security);
        Deployment filter = new Deployment(Container.CONTEXT_PATH, params, Map.of(), List.of(),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")),
                List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)), null);
        server = container().engine().start(List.of(container, filter), dir.resolve("server"));
        assertTrue(server.available(LEGACY), "the legacy application started");
        assertTrue(server.available(Container.CONTEXT_PATH), server.startFailure(Container.CONTEXT_PATH));
        legacy = new Http(server.port(), LEGACY);
        gated = new Http(server.port(), Container.CONTEXT_PATH);
        AccessTokenIssuer issuer = new AccessTokenIssuer(
                KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes())),
                "jwtgate", "jwtgate" + Container.CONTEXT_PATH, Clock.systemUTC());
        CALLERS.forEach((name, roles) -> {
            if (!name.isEmpty()) {
                String token = issuer.issue("sub-" + name, name, roles, Set.of(), "sid-" + name,
                        Duration.ofMinutes(30)).token();
                Secrets.remember(token);
                tokens.put(name, token);
            }
        });
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** passed (any status the application gave), 401 or 403. */
    private static String outcome(Http.Response r) {
        return r.status() == 401 || r.status() == 403 ? String.valueOf(r.status()) : "passed";
    }

    private String containerAnswer(Row row, String caller) {
        List<String> headers = caller.isEmpty() ? List.of() : List.of("Authorization: Basic " + Base64.getEncoder()
                .encodeToString((caller + ":" + caller + "-realm-pass").getBytes(StandardCharsets.UTF_8)));
        return outcome(legacy.raw(row.method(), LEGACY + row.path(), headers, null));
    }

    private String filterAnswer(Row row, String caller) {
        List<String> headers = caller.isEmpty() ? List.of() : List.of("Authorization: Bearer " + tokens.get(caller));
        return outcome(gated.raw(row.method(), Container.CONTEXT_PATH + row.path(), headers, null));
    }

    @Test
    void translatedRulesGiveTheContainersDecisionForEveryRowAndCaller() {
        List<String> mismatches = new ArrayList<>();
        for (Row row : ROWS) {
            if (row.approximateIn(container())) {
                continue;
            }
            for (String caller : CALLERS.keySet()) {
                String expected = containerAnswer(row, caller);
                String actual = filterAnswer(row, caller);
                if (!expected.equals(actual)) {
                    mismatches.add(row + " as " + (caller.isEmpty() ? "anonymous" : caller) + ": container "
                            + expected + ", JwtGate " + actual);
                }
            }
        }
        assertEquals(List.of(), mismatches, "rules:\n" + translation.text());
    }

    @Test
    void theTableExercisesEveryOutcomeInTheContainer() {
        Set<String> seen = new java.util.HashSet<>();
        for (Row row : ROWS) {
            for (String caller : CALLERS.keySet()) {
                seen.add(containerAnswer(row, caller));
            }
        }
        assertEquals(Set.of("passed", "401", "403"), seen);
    }

    @Test
    void rowsReportedAsApproximateDifferInThisContainerAndAreNamedByTheTranslator() {
        assertFalse(translation.exact());
        List<String> d = translation.differences();
        assertTrue(d.stream().anyMatch(x -> x.startsWith("GET /reports/: ") && x.endsWith("JwtGate is the stricter here")),
                d.toString());
        assertTrue(d.stream().anyMatch(x -> x.contains(".jsp/: ") && x.endsWith("JwtGate is the stricter here")),
                d.toString());
        assertTrue(d.stream().anyMatch(x -> x.startsWith("on Tomcat only: PUT /api/") && x.contains(".jsp")
                && x.endsWith("JwtGate lets through callers Tomcat refuses")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.startsWith("on Tomcat only: HEAD /head/")), d.toString());
        for (Row row : ROWS.stream().filter(r -> r.approximateIn(container())).toList()) {
            boolean differs = false;
            for (String caller : CALLERS.keySet()) {
                differs |= !containerAnswer(row, caller).equals(filterAnswer(row, caller));
            }
            assertTrue(differs, row + " is marked approximate in " + container() + " but both answer alike: unmark it");
        }
    }

    @Test
    void transportGuaranteeIsNotedAsAComment() {
        assertTrue(translation.lines().contains("# <transport-guarantee> CONFIDENTIAL on /tls/*: JwtGate does not"
                + " enforce TLS, keep the redirect to HTTPS in the container or the proxy."), translation.text());
    }
}
