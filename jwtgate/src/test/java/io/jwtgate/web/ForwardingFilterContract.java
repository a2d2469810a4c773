package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.support.Container;
import io.jwtgate.support.ForwardingFilter;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.token.AccessTokenIssuer;
import jakarta.servlet.DispatcherType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * JwtGate behind an application filter that forwards (a URL-rewrite filter ordered before it, as
 * a web.xml filter is before the jar's web-fragment.xml one), with JwtAuthFilter on the
 * dispatcher types the jar's {@code META-INF/web-fragment.xml} maps it for (decision 198): the
 * forward target of a request JwtGate never saw is judged in full.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ForwardingFilterContract {

    private Path dir;
    private Container.Running server;
    private Http http;
    private AccessTokenIssuer issuer;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-forward");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.rules", String.join("\n",
                "/admin/** -> role:admin",
                "/public/** -> permit",
                "/** -> authenticated"));
        Seed.users(params);
        server = container().startWithFilters(params, dir, List.of(
                new Deployment.FilterMapping("rewrite", ForwardingFilter.class, "/*"),
                new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*", fragmentDispatchers())));
        assertTrue(server.available(), () -> "did not start: " + server.startFailure());
        http = server.http();
        issuer = FilterContract.issuerAt(Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** The {@code <dispatcher>}s of the filter mapping in the jar's web-fragment.xml. */
    static EnumSet<DispatcherType> fragmentDispatchers() throws Exception {
        Document fragment;
        try (InputStream in = JwtAuthFilter.class.getResourceAsStream("/META-INF/web-fragment.xml")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            fragment = factory.newDocumentBuilder().parse(in);
        }
        NodeList dispatchers = fragment.getElementsByTagName("dispatcher");
        EnumSet<DispatcherType> types = EnumSet.noneOf(DispatcherType.class);
        for (int i = 0; i < dispatchers.getLength(); i++) {
            types.add(DispatcherType.valueOf(dispatchers.item(i).getTextContent().trim()));
        }
        assertFalse(types.isEmpty(), "the fragment names no dispatcher");
        return types;
    }

    private String token(String role) {
        String token = issuer.issue("sub-" + role, role, Set.of(role), Set.of(), "sid-" + role,
                Duration.ofMinutes(5)).token();
        io.jwtgate.support.Secrets.remember(token);
        return token;
    }

    @Test
    void anonymousRequestForwardedByAnEarlierApplicationFilterGets401() {
        Http.Response direct = http.get("/api/hello");
        Http.Response forwarded = http.get("/old/api/hello");
        assertEquals(401, direct.status(), direct.toString());
        assertEquals(401, forwarded.status(), forwarded.toString());
        assertEquals(FilterContract.UNAUTHORIZED_BODY, forwarded.body());
        FilterContract.assertNotReachedApp(forwarded);
    }

    @Test
    void validTokenReachesTheForwardTargetAsTheCaller() {
        Http.Response r = http.bearerGet("/old/api/hello", token("user"));
        assertEquals(200, r.status(), r.toString());
        assertEquals("user", FilterContract.json(r).get("principal").textValue());
        assertEquals("/api/hello", FilterContract.json(r).get("path").textValue());
    }

    @Test
    void roleRuleHoldsOnTheForwardTargetsPath() {
        Http.Response user = http.bearerGet("/old/admin/reports", token("user"));
        assertEquals(403, user.status(), user.toString());
        FilterContract.assertNotReachedApp(user);
        Http.Response admin = http.bearerGet("/old/admin/reports", token("admin"));
        assertEquals(200, admin.status(), admin.toString());
        assertEquals("admin", FilterContract.json(admin).get("principal").textValue());
    }

    @Test
    void permitRuleOnTheForwardTargetLetsAnonymousThrough() {
        Http.Response r = http.get("/old/public/hello");
        assertEquals(200, r.status(), r.toString());
        assertEquals("/public/hello", FilterContract.json(r).get("path").textValue());
    }

    @Test
    void loginForwardedToTheLoginServletIsLeftToIt() {
        Http.Response login = http.postJson("/old/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, login.status(), login.toString());
        String token = FilterContract.json(login).get("access_token").textValue();
        Http.Response r = http.bearerGet("/old/api/hello", token);
        assertEquals(200, r.status(), r.toString());
        assertFalse(r.body().isEmpty());
    }

    @Test
    void forwardOfARequestJwtGateAlreadyJudgedIsLeftToTheApplication() throws Exception {
        // JwtGate first, the rewrite filter after it: the application forwards what JwtGate let through.
        Path own = Files.createTempDirectory("jwtgate-forward-after");
        Map<String, String> params = TestSettings.params(own);
        params.put("jwtgate.rules", "/old/** -> permit\n/** -> authenticated");
        try (Container.Running after = container().startWithFilters(params, own, List.of(
                new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*", fragmentDispatchers()),
                new Deployment.FilterMapping("rewrite", ForwardingFilter.class, "/*")))) {
            assertTrue(after.available(), () -> "did not start: " + after.startFailure());
            assertEquals(401, after.http().get("/api/hello").status());
            // Judged once, on the path the caller asked for; the forward is the application's own.
            Http.Response forwarded = after.http().get("/old/api/hello");
            assertEquals(200, forwarded.status(), forwarded.toString());
            assertEquals("/api/hello", FilterContract.json(forwarded).get("path").textValue());
        }
    }
}
