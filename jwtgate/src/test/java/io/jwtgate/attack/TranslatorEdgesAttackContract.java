package io.jwtgate.attack;

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
import io.jwtgate.webxml.RulesTranslator;
import io.jwtgate.webxml.Translation;
import io.jwtgate.webxml.WebXmlParser;
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
 * Second-round review of {@code jwtgate rules from-web-xml} (decisions 298-305): descriptors the first
 * round did not deploy (the empty-string pattern beside {@code /*}, nested prefixes with an exact page
 * and extensions, one pattern with and without a method list, omissions, {@code *} and {@code **},
 * an auth-constraint beside a constraint without one, upper-case extensions), each deployed as the
 * container's own security and as JwtAuthFilter with the translated rules. No caller may pass through
 * JwtGate where the container refuses it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TranslatorEdgesAttackContract {

    private static final Set<String> DECLARED = Set.of("admin", "user");
    // eve: authenticated with no role at all, the difference between "*" and "**".
    private static final Map<String, Set<String>> CALLERS = Map.of("", Set.of(), "bob", Set.of("user"),
            "ann", Set.of("admin"), "eve", Set.of());

    static final Map<String, List<Security.Constraint>> TABLES = Map.of(
            "slash", List.of(
                    c(List.of("/"), Set.of(), Set.of(), List.of("admin")),
                    c(List.of("/*"), Set.of(), Set.of(), List.of("user")),
                    c(List.of(""), Set.of(), Set.of(), List.of()),
                    c(List.of("*.html"), Set.of(), Set.of(), List.of("admin")),
                    c(List.of("/a/*"), Set.of(), Set.of(), List.of("admin")),
                    c(List.of("*.do"), Set.of(), Set.of(), List.of("admin"))),
            "order", List.of(
                    c(List.of("/p/*"), Set.of(), Set.of(), List.of("user")),
                    c(List.of("/p/*"), Set.of("GET"), Set.of(), List.of("admin")),
                    c(List.of("/w/*"), Set.of("GET"), Set.of(), List.of("admin")),
                    c(List.of("/w/*"), Set.of(), Set.of("GET"), List.of("user")),
                    c(List.of("/y/*"), Set.of(), Set.of(), List.of("user")),
                    c(List.of("/y/*"), Set.of(), Set.of("POST"), List.of("admin")),
                    c(List.of("/z/*"), Set.of("GET"), Set.of(), List.of("user")),
                    c(List.of("/z/*"), Set.of("GET"), Set.of(), List.of("admin")),
                    c(List.of("/e/x"), Set.of("GET"), Set.of(), List.of("admin")),
                    c(List.of("/e/*"), Set.of(), Set.of(), List.of("user"))),
            "root", List.of(
                    c(List.of(""), Set.of(), Set.of(), List.of("admin")),
                    c(List.of("/*"), Set.of(), Set.of(), List.of("user"))),
            "nest", List.of(
                    c(List.of("/a/*"), Set.of(), Set.of(), List.of("admin")),
                    c(List.of("/a/b/*"), Set.of(), Set.of(), List.of("user")),
                    c(List.of("/a/b/c"), Set.of(), Set.of(), List.of()),
                    c(List.of("*.do"), Set.of(), Set.of(), List.of("admin")),
                    c(List.of("*.JSP"), Set.of(), Set.of(), List.of("admin"))),
            "methods", List.of(
                    c(List.of("/p/*"), Set.of("GET"), Set.of(), List.of("admin")),
                    c(List.of("/p/*"), Set.of(), Set.of(), List.of("user")),
                    c(List.of("/q/*"), Set.of(), Set.of("GET"), List.of("admin")),
                    c(List.of("/q/open"), Set.of("PUT"), Set.of(), null),
                    c(List.of("/r/*"), Set.of("POST"), Set.of(), List.of()),
                    c(List.of("/r/*"), Set.of(), Set.of("GET"), List.of("user"))),
            "roles", List.of(
                    c(List.of("/s/*"), Set.of(), Set.of(), List.of("*")),
                    c(List.of("/t/*"), Set.of(), Set.of(), List.of("**")),
                    c(List.of("/u/*"), Set.of(), Set.of(), List.of("admin")),
                    c(List.of("/u/*"), Set.of(), Set.of(), null),
                    c(List.of("/v/*"), Set.of(), Set.of(), List.of("admin")),
                    c(List.of("/v/*"), Set.of(), Set.of(), List.of("user"))));

    static final Map<String, List<String>> ROWS = Map.of(
            "slash", List.of("GET /", "GET /x", "GET /i.html", "GET /a/x", "GET /a/x;p=1", "GET /a;p=1/x",
                    "GET //a/x", "GET /./a/x", "GET /b/../a/x", "GET /%61/x", "GET /A/x", "GET /a%2Fx",
                    "GET /x.do;jsessionid=1", "GET /x.do/", "GET /x.DO", "GET /x.do%20", "GET /x.do.",
                    "GET /b/x.do", "GET /a"),
            "order", List.of("GET /p/x", "POST /p/x", "GET /w/x", "POST /w/x", "GET /y/x", "POST /y/x",
                    "GET /z/x", "POST /z/x", "GET /e/x", "POST /e/x", "GET /e/y"),
            "root", List.of("GET /", "GET /x", "GET /index.html", "POST /"),
            "nest", List.of("GET /a", "GET /a/", "GET /a/b", "GET /a/b/", "GET /a/b/x.do", "GET /x.do", "GET /a/b/c",
                    "GET /a/b/c/", "GET /a/b/c.do", "GET /p.jsp", "GET /p.JSP", "GET /a/b/c/d", "GET /a/bc"),
            "methods", List.of("GET /p/x", "POST /p/x", "HEAD /p/x", "FOO /p/x", "get /p/x", "GET /q/x", "POST /q/x",
                    "FOO /q/x", "PUT /q/open", "GET /q/open", "POST /q/open", "POST /r/x", "GET /r/x", "PUT /r/x",
                    "HEAD /r/x"),
            "roles", List.of("GET /s/x", "GET /t/x", "GET /u/x", "GET /v/x", "GET /s", "GET /t"));

    private EmbeddedServer server;
    private final Map<String, Http> legacy = new LinkedHashMap<>();
    private final Map<String, Http> gated = new LinkedHashMap<>();
    private final Map<String, Translation> translations = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();

    abstract Container container();

    static Security.Constraint c(List<String> patterns, Set<String> methods, Set<String> omitted, List<String> roles) {
        return new Security.Constraint(patterns, methods, omitted, roles, null);
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

    /** The web.xml text of a table, written here so the translator's parser decides nothing about it. */
    private static String webXml(Security security) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n");
        for (Security.Constraint c : security.constraints()) {
            x.append("<security-constraint><web-resource-collection><web-resource-name>r</web-resource-name>\n");
            c.urlPatterns().forEach(p -> x.append("<url-pattern>").append(p).append("</url-pattern>\n"));
            c.httpMethods().stream().sorted().forEach(m -> x.append("<http-method>").append(m).append("</http-method>"));
            c.omittedMethods().stream().sorted().forEach(m -> x.append("<http-method-omission>").append(m)
                    .append("</http-method-omission>"));
            x.append("</web-resource-collection>\n");
            if (c.roles() != null) {
                x.append("<auth-constraint>");
                c.roles().forEach(r -> x.append("<role-name>").append(r).append("</role-name>"));
                x.append("</auth-constraint>\n");
            }
            x.append("</security-constraint>\n");
        }
        x.append("<login-config><auth-method>BASIC</auth-method><realm-name>legacy</realm-name></login-config>\n");
        security.declaredRoles().stream().sorted().forEach(r -> x.append("<security-role><role-name>").append(r)
                .append("</role-name></security-role>\n"));
        return x.append("</web-app>\n").toString();
    }

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-translator-edges");
        List<Deployment> apps = new ArrayList<>();
        for (Map.Entry<String, List<Security.Constraint>> table : TABLES.entrySet()) {
            Security security = security(table.getValue());
            Translation translation = RulesTranslator.translate(WebXmlParser.parse(new ByteArrayInputStream(
                    webXml(security).getBytes(StandardCharsets.UTF_8)), "web.xml"), "web.xml");
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

    /** Refused (401/403), passed (reached the application), or any other status, named. */
    private static String outcome(Http.Response r) {
        if (r.status() == 401 || r.status() == 403) {
            return String.valueOf(r.status());
        }
        return r.status() == 200 ? "passed(200)" : "other(" + r.status() + ")";
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

    private List<String> looser(String table) {
        List<String> found = new ArrayList<>();
        for (String row : ROWS.get(table)) {
            String[] parts = row.split(" ");
            for (String caller : CALLERS.keySet()) {
                String expected = containerAnswer(table, parts[0], parts[1], caller);
                String actual = filterAnswer(table, parts[0], parts[1], caller);
                if (!expected.startsWith("passed") && actual.startsWith("passed")) {
                    found.add(row + " as " + (caller.isEmpty() ? "anonymous" : caller) + ": container " + expected
                            + ", JwtGate " + actual);
                }
            }
        }
        return found;
    }

    private void assertNotLooser(String table) {
        assertEquals(List.of(), looser(table), "rules:\n" + translations.get(table).text()
                + "\nreported differences: " + translations.get(table).differences());
    }

    @Test
    void theTablesDoRefuseAnonymousCallersInTheContainerAndInJwtGate() {
        assertEquals("401", containerAnswer("nest", "GET", "/a/x", ""));
        assertEquals("401", filterAnswer("nest", "GET", "/a/x", ""));
        assertEquals("401", containerAnswer("roles", "GET", "/t/x", ""));
        assertEquals("401", filterAnswer("roles", "GET", "/t/x", ""));
    }

    @Test
    void translatedRulesForTheEmptyStringPatternBesideSlashStarLetNoRefusedCallerThrough() {
        assertNotLooser("root");
    }

    @Test
    void translatedRulesForNestedPrefixesExactPagesAndExtensionsLetNoRefusedCallerThrough() {
        assertNotLooser("nest");
    }

    @Test
    void translatedRulesForMethodListsAndOmissionsOnOnePatternLetNoRefusedCallerThrough() {
        assertNotLooser("methods");
    }

    @Test
    void translatedRulesForOnePatternUnderConstraintsWithAndWithoutMethodsInEitherOrderLetNoRefusedCallerThrough() {
        assertNotLooser("order");
    }

    @Test
    void translatedRulesForDefaultSlashStarEmptyStringAndPathTricksLetNoRefusedCallerThrough() {
        assertNotLooser("slash");
    }

    @Test
    void translatedRulesForStarDoubleStarAndCombinedAuthConstraintsLetNoRefusedCallerThrough() {
        assertNotLooser("roles");
    }
}
