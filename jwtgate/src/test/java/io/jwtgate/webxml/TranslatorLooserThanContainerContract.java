package io.jwtgate.webxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Outside review of {@code jwtgate rules from-web-xml} against the real container: descriptors at
 * the edges of url-pattern matching (an exact page beside a prefix, a dotted extension under a
 * protected default pattern, extensions that share a beginning), each deployed once as the
 * container's own security and once as JwtAuthFilter with the translated rules. The property
 * checked is the one that matters for a migration: the translated rules never let a caller through
 * where the container refuses them; and where they would, the translator must at least have said so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TranslatorLooserThanContainerContract {

    private static final Set<String> DECLARED = Set.of("admin", "user");
    private static final Map<String, Set<String>> CALLERS = Map.of("", Set.of(), "bob", Set.of("user"),
            "ann", Set.of("admin"));

    /** A public exact page beside an admin prefix, and a dotted extension under a protected default. */
    static final List<Security.Constraint> EDGES = List.of(
            c(List.of("/"), Set.of(), List.of("user")),
            c(List.of("*.tar.gz"), Set.of("POST"), List.of("user")),
            c(List.of("/admin/*"), Set.of(), List.of("admin")),
            c(List.of("/admin"), Set.of("POST"), List.of("admin")));

    static final List<String> EDGE_ROWS = List.of("GET /admin/", "GET /admin", "GET /admin/x", "GET /backup.tar.gz",
            "POST /backup.tar.gz", "GET /x");

    /** Extensions only: what the container does with a path whose extension begins like a constrained one. */
    static final List<Security.Constraint> EXTENSIONS = List.of(
            c(List.of("*.jsp"), Set.of(), List.of("user")),
            c(List.of("*.do"), Set.of(), List.of("admin")));

    static final List<String> EXTENSION_ROWS = List.of("GET /page.jsp", "GET /page.js", "GET /page.j", "GET /a.do",
            "GET /a.d", "GET /page.jspx", "GET /dir/page.js");

    private Path dir;
    private EmbeddedServer server;
    private final Map<String, Http> legacy = new LinkedHashMap<>();
    private final Map<String, Http> gated = new LinkedHashMap<>();
    private final Map<String, Translation> translations = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();

    abstract Container container();

    static Security.Constraint c(List<String> patterns, Set<String> methods, List<String> roles) {
        return new Security.Constraint(patterns, methods, Set.of(), roles, null);
    }

    private static Security security(List<Security.Constraint> table) {
        Map<String, Security.RealmUser> users = new LinkedHashMap<>();
        CALLERS.forEach((name, roles) -> {
            if (!name.isEmpty()) {
                users.put(name, new Security.RealmUser(name + "-realm-pass", roles));
            }
        });
        return new Security("BASIC", "legacy", table, DECLARED, users, false);
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-translator-attack");
        List<Deployment> apps = new ArrayList<>();
        for (Map.Entry<String, List<Security.Constraint>> table : Map.of("edges", EDGES, "ext", EXTENSIONS).entrySet()) {
            Security security = security(table.getValue());
            Translation translation = RulesTranslator.translate(WebXmlParser.parse(new ByteArrayInputStream(
                    WebXmlText.render(security).getBytes(StandardCharsets.UTF_8)), "web.xml"), "web.xml");
            translations.put(table.getKey(), translation);
            Map<String, String> params = TestSettings.params(dir.resolve(table.getKey()));
            params.remove("jwtgate.role-scopes");
            params.put("jwtgate.rules", translation.text());
            apps.add(new Deployment("/legacy-" + table.getKey(), Map.of(), Map.of(), List.of(), List.of(),
                    List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)), null, security));
            apps.add(new Deployment("/gated-" + table.getKey(), params, Map.of(), List.of(),
                    List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")),
                    List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)), null));
        }
        server = container().engine().start(apps, dir.resolve("server"));
        for (String table : translations.keySet()) {
            assertTrue(server.available("/legacy-" + table), server.startFailure("/legacy-" + table));
            assertTrue(server.available("/gated-" + table), server.startFailure("/gated-" + table));
            legacy.put(table, new Http(server.port(), "/legacy-" + table));
            gated.put(table, new Http(server.port(), "/gated-" + table));
        }
        for (String table : translations.keySet()) {
            AccessTokenIssuer issuer = new AccessTokenIssuer(
                    KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes())),
                    "jwtgate", "jwtgate/gated-" + table, Clock.systemUTC());
            CALLERS.forEach((name, roles) -> {
                if (!name.isEmpty()) {
                    String token = issuer.issue("sub-" + name, name, roles, Set.of(), "sid-" + name,
                            Duration.ofMinutes(30)).token();
                    Secrets.remember(token);
                    tokens.put(table + "|" + name, token);
                }
            });
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String outcome(Http.Response r) {
        return r.status() == 401 || r.status() == 403 ? String.valueOf(r.status()) : "passed";
    }

    private String containerAnswer(String table, String method, String path, String caller) {
        List<String> headers = caller.isEmpty() ? List.of() : List.of("Authorization: Basic " + Base64.getEncoder()
                .encodeToString((caller + ":" + caller + "-realm-pass").getBytes(StandardCharsets.UTF_8)));
        return outcome(legacy.get(table).raw(method, "/legacy-" + table + path, headers, null));
    }

    private String filterAnswer(String table, String method, String path, String caller) {
        List<String> headers = caller.isEmpty() ? List.of()
                : List.of("Authorization: Bearer " + tokens.get(table + "|" + caller));
        return outcome(gated.get(table).raw(method, "/gated-" + table + path, headers, null));
    }

    /** Every row where JwtGate lets a caller through that the container refuses. */
    private List<String> looser(String table, List<String> rows) {
        List<String> found = new ArrayList<>();
        for (String row : rows) {
            String[] parts = row.split(" ");
            for (String caller : CALLERS.keySet()) {
                String expected = containerAnswer(table, parts[0], parts[1], caller);
                String actual = filterAnswer(table, parts[0], parts[1], caller);
                if (!expected.equals("passed") && actual.equals("passed")) {
                    found.add(row + " as " + (caller.isEmpty() ? "anonymous" : caller) + ": container " + expected
                            + ", JwtGate passed");
                }
            }
        }
        return found;
    }

    /** The filter is on and working: the rows do reach rules that refuse (or the test proves nothing). */
    @Test
    void theTablesRefuseSomeCallersInTheContainer() {
        assertEquals("401", containerAnswer("edges", "GET", "/admin/x", ""));
        assertEquals("401", filterAnswer("edges", "GET", "/admin/x", ""));
        assertEquals("401", containerAnswer("ext", "GET", "/page.jsp", ""));
        assertEquals("401", filterAnswer("ext", "GET", "/page.jsp", ""));
    }

    @Test
    void translatedRulesForAnExactPageBesideAPrefixAndADottedExtensionLetNoRefusedCallerThrough() {
        assertEquals(List.of(), looser("edges", EDGE_ROWS), "rules:\n" + translations.get("edges").text()
                + "\nreported differences: " + translations.get("edges").differences());
    }

    @Test
    void translatedRulesForExtensionsLetNoRefusedCallerThrough() {
        assertEquals(List.of(), looser("ext", EXTENSION_ROWS), "rules:\n" + translations.get("ext").text()
                + "\nreported differences: " + translations.get("ext").differences());
    }
}
