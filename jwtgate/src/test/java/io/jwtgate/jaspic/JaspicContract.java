package io.jwtgate.jaspic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.JwtGate;
import io.jwtgate.LoginServlet;
import io.jwtgate.config.Keys;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.EchoServlet;
import io.jwtgate.support.Http;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.ProviderStyles;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Security;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A legacy application that keeps its web.xml security (BASIC login-config against the container's
 * realm, {@code /admin/*} for role admin, GET/POST {@code /api/*} for role user) and turns on
 * {@code jwtgate.jaspic.enabled}: the container asks JwtGate who the caller is, and its own
 * constraints decide with the roles of JwtGate's tokens. Run once per container.
 *
 * <p>One server holds seven copies of the application: {@code /app} (JASPIC on), {@code /off} (the
 * setting off), {@code /noswitch} (the setting on, the container's JASPIC support not installed),
 * {@code /down} (JASPIC on, its store on an H2 server the outage test stops), {@code /setup} (JASPIC on,
 * its signing secret handed over only by a set-up listener, decision 151) and {@code /bare} (JASPIC on
 * without JwtGate's filter and login servlet, and without a signing secret anywhere) and
 * {@code /contradict} (JASPIC on in its context-params, off in what its set-up code hands over).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaspicContract {

    static final String BEARER_CHALLENGE = "Bearer realm=\"jwtgate\"";
    static final String BASIC_CHALLENGE = "Basic realm=\"jwtgate\", charset=\"UTF-8\"";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private Path dir;
    /** Keycloak-style tokens for /app (trusted issuer "keycloak"); "gone" is a provider that never answers. */
    private final com.nimbusds.jose.jwk.RSAKey providerKey = IdentityProvider.rsaKey("kc-1");
    private IdentityProvider provider;
    private IdentityProvider gone;
    private Server h2;
    private EmbeddedServer server;
    private Http app;
    private Http off;
    private Http noSwitch;
    private Http down;
    private Http setUp;
    private Http bare;
    private Http contradict;

    abstract Container container();

    /**
     * Whether the container asks a registered module only after a server-side switch (Jetty's
     * ee10-jaspi module); Tomcat's authenticators always do.
     */
    abstract boolean needsServerSideSwitch();


    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-jaspic");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        h2 = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists",
                "-baseDir", dir.resolve("h2").toString()).start();
        Map<String, String> outage = params("down", true);
        outage.put("jwtgate.jdbc.url", "jdbc:h2:tcp://127.0.0.1:" + port + "/jwtgate");
        server = container().engine().start(List.of(
                legacyApp("/app", withTrustedIssuers(params("app", true)), true),
                legacyApp("/off", params("off", false), true),
                legacyApp("/noswitch", params("noswitch", true), false),
                legacyApp("/down", outage, true),
                setUpApp(),
                bareApp(),
                setUpApp("/contradict", Map.of(Keys.JASPIC_ENABLED, "false"))), dir.resolve("server"));
        for (String path : List.of("/app", "/off", "/noswitch", "/down", "/setup", "/bare", "/contradict")) {
            assertTrue(server.available(path), path + ": " + server.startFailure(path));
        }
        app = new Http(server.port(), "/app");
        off = new Http(server.port(), "/off");
        noSwitch = new Http(server.port(), "/noswitch");
        down = new Http(server.port(), "/down");
        setUp = new Http(server.port(), "/setup");
        bare = new Http(server.port(), "/bare");
        contradict = new Http(server.port(), "/contradict");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (h2 != null) {
            h2.stop();
        }
        if (provider != null) {
            provider.close();
            gone.close();
        }
    }

    private Map<String, String> withTrustedIssuers(Map<String, String> p) {
        provider = IdentityProvider.start();
        provider.publish(providerKey);
        gone = IdentityProvider.down();
        p.putAll(ProviderStyles.settings(provider.jwksUri()));
        p.put("jwtgate.trusted-issuer.gone.issuer", "https://gone.example.com/realms/main");
        p.put("jwtgate.trusted-issuer.gone.audience", ProviderStyles.KEYCLOAK_CLIENT);
        p.put("jwtgate.trusted-issuer.gone.jwks-uri", gone.jwksUri().toString());
        return p;
    }

    private Map<String, String> params(String name, boolean jaspic) throws Exception {
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve(name)));
        p.put("jwtgate.jdbc.url", "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath().resolve("store")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("jwtgate.basic-auth", "allow");
        p.put("jwtgate.jaspic.enabled", Boolean.toString(jaspic));
        Seed.users(p);
        return p;
    }

    /**
     * The legacy WAR as its web.xml plus JwtGate's web-fragment.xml declare it: the fragment's
     * listener, filter and login servlet, the application's echo on /, its sign-out and session probe.
     */
    private Deployment legacyApp(String contextPath, Map<String, String> params, boolean containerJaspic) {
        return new Deployment(contextPath, params, Map.of("io.jwtgate.clock", clock), List.of(new JaspicRegistration()),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1),
                        new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1),
                        new Deployment.ServletMapping("signout", SignOutServlet.class, "/account/signout", -1),
                        new Deployment.ServletMapping("probe", SessionProbeServlet.class, "/account/probe", -1),
                        new Deployment.ServletMapping("publicProbe", SessionProbeServlet.class, "/public/probe", -1),
                        new Deployment.ServletMapping("authenticate", AuthenticateServlet.class, "/public/authenticate",
                                -1)),
                null, legacySecurity(containerJaspic));
    }

    /**
     * The legacy WAR whose signing secret only its set-up code knows: a listener hands it over in
     * {@code contextInitialized} through {@code io.jwtgate.private-settings}, as the sample's
     * {@code SampleSetupListener} does (decision 151). The jar's initializer has registered the
     * module before this listener runs.
     */
    private Deployment setUpApp() throws Exception {
        return setUpApp("/setup", Map.of());
    }

    /** {@link #setUpApp()} at {@code contextPath}, whose set-up code also hands over {@code more}. */
    private Deployment setUpApp(String contextPath, Map<String, String> more) throws Exception {
        Map<String, String> params = params(contextPath.substring(1), true);
        params.remove(Keys.SIGNING_SECRET);
        Map<String, String> handedOver = new java.util.HashMap<>(more);
        handedOver.put(Keys.SIGNING_SECRET, TestSettings.SECRET);
        ServletContextListener setUpCode = new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                event.getServletContext().setAttribute(JwtGate.PRIVATE_SETTINGS_ATTRIBUTE, handedOver);
            }
        };
        Deployment legacy = legacyApp(contextPath, params, true);
        return new Deployment(legacy.contextPath(), legacy.initParams(), legacy.attributes(),
                List.of(setUpCode, new JaspicRegistration()), legacy.filters(), legacy.servlets(), null,
                legacy.security());
    }

    /**
     * A JASPIC-only application (no JwtAuthFilter, no LoginServlet: nothing starts JwtGate at start)
     * whose configuration is broken: no signing secret anywhere.
     */
    private Deployment bareApp() throws Exception {
        Map<String, String> params = params("bare", true);
        params.remove(Keys.SIGNING_SECRET);
        return new Deployment("/bare", params, Map.of("io.jwtgate.clock", clock), List.of(new JaspicRegistration()),
                List.of(), List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)), null,
                legacySecurity(true));
    }

    private static Security legacySecurity(boolean containerJaspic) {
        return new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/admin/*"), Set.of(), Set.of(), List.of("admin"), null),
                        new Security.Constraint(List.of("/api/*"), Set.of("GET", "POST"), Set.of(), List.of("user"),
                                null),
                        new Security.Constraint(List.of("/account/*"), Set.of(), Set.of(), List.of("**"), null)),
                Set.of("admin", "user"),
                Map.of("realmann", new Security.RealmUser("realm-pass", Set.of("admin", "user"))),
                containerJaspic);
    }

    private static String token(Http http, String user) {
        Http.Response r = http.postJson("/auth/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return json(r).get("access_token").textValue();
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return ContainerSecurityContract.basic(user, password);
    }

    /** The container's BASIC challenge for the realm of the login-config (Tomcat adds a charset). */
    private static void assertContainersChallenge(Http.Response r) {
        List<String> challenges = r.headers("WWW-Authenticate");
        assertEquals(1, challenges.size(), challenges.toString());
        assertTrue(challenges.get(0).startsWith("Basic realm=\"legacy\""), challenges.toString());
    }

    @Test
    void bearerTokenWithRoleAdminReachesTheAdminPageAsItsPrincipal() {
        Http.Response r = app.bearerGet("/admin/x", token(app, "admin"));
        assertEquals(200, r.status(), r.body());
        JsonNode body = json(r);
        assertEquals("admin", body.get("principal").asText());
        assertEquals("admin", body.get("remoteUser").asText());
        assertEquals("admin", body.get("username").asText(), "the jwtgate.* attributes, as the filter sets them");
        assertEquals("admin", body.get("typed").asText(), "the JwtGateAuthentication attribute");
        assertEquals("BEARER", body.get("authMethod").asText());
    }

    @Test
    void isUserInRoleReflectsTheTokensRoles() {
        JsonNode admin = json(app.bearerGet("/admin/x", token(app, "admin")));
        assertTrue(admin.get("isAdmin").asBoolean());
        assertFalse(admin.get("isUser").asBoolean());
        JsonNode alice = json(app.bearerGet("/api/x", token(app, "alice")));
        assertEquals("alice", alice.get("principal").asText());
        assertTrue(alice.get("isUser").asBoolean());
        assertFalse(alice.get("isAdmin").asBoolean());
    }

    @Test
    void tokenWithoutTheConstraintsRoleGets403() {
        assertEquals(403, app.bearerGet("/admin/x", token(app, "alice")).status());
    }

    @Test
    void noCredentialsOnAConstrainedPageGetJwtGatesChallengeNotTheContainers() {
        Http.Response r = app.get("/admin/x");
        assertEquals(401, r.status(), r.body());
        assertEquals(List.of(BEARER_CHALLENGE, BASIC_CHALLENGE), r.headers("WWW-Authenticate"));
        assertEquals("unauthorized", json(r).get("error").asText());
        assertEquals("no-store", r.header("Cache-Control"));
    }

    @Test
    void expiredTokenGets401InvalidTokenWithJwtGatesDescription() {
        String token = token(app, "admin");
        clock.advance(Duration.ofHours(1));
        Http.Response r = app.bearerGet("/admin/x", token);
        assertEquals(401, r.status(), r.body());
        assertEquals("invalid_token", json(r).get("error").asText());
        assertEquals("The access token expired", json(r).get("error_description").asText());
        assertEquals(BEARER_CHALLENGE + ", error=\"invalid_token\", error_description=\"The access token expired\"",
                r.header("WWW-Authenticate"));
    }

    @Test
    void forgedTokenGets401InvalidToken() {
        String token = token(app, "admin");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.')
                + 5);
        Http.Response r = app.bearerGet("/admin/x", forged);
        assertEquals(401, r.status(), r.body());
        assertEquals("invalid_token", json(r).get("error").asText());
        assertEquals("The access token is invalid", json(r).get("error_description").asText());
    }

    @Test
    void forgedTokenOnAPublicPageIsRefused() {
        String token = token(app, "admin");
        Http.Response r = app.bearerGet("/public/x", token + "x");
        assertEquals(401, r.status(), r.body());
        assertEquals("invalid_token", json(r).get("error").asText());
    }

    @Test
    void publicPageIsAnonymousWithoutCredentials() {
        Http.Response r = app.get("/public/x");
        assertEquals(200, r.status(), r.body());
        assertTrue(json(r).get("principal").isNull());
        assertEquals(List.of(), r.headers("WWW-Authenticate"));
    }

    @Test
    void publicPageWithAGoodTokenShowsThePrincipal() {
        Http.Response r = app.bearerGet("/public/x", token(app, "alice"));
        assertEquals(200, r.status(), r.body());
        assertEquals("alice", json(r).get("principal").asText());
    }

    @Test
    void basicCredentialsOfJwtGatesStoreSatisfyTheConstraint() {
        Http.Response r = app.get("/admin/x", "Authorization", basic("admin", Seed.PASSWORD));
        assertEquals(200, r.status(), r.body());
        assertEquals("admin", json(r).get("principal").asText());
        assertEquals("BASIC", json(r).get("authMethod").asText());
    }

    @Test
    void theContainersOwnRealmNoLongerDecidesOnceJwtGateDoes() {
        Http.Response r = app.get("/admin/x", "Authorization", basic("realmann", "realm-pass"));
        assertEquals(401, r.status(), r.body());
        assertTrue(r.headers("WWW-Authenticate").contains(BEARER_CHALLENGE), r.headers("WWW-Authenticate").toString());
    }

    @Test
    void httpMethodLimitedConstraintIsHonoured() {
        assertEquals(401, app.get("/api/x").status());
        Http.Response put = app.raw("PUT", "/app/api/x", List.of(), "");
        assertEquals(200, put.status(), put.body());
        assertTrue(json(put).get("principal").isNull());
    }

    @Test
    void loginServletWorksUnderJaspicEvenWithAStaleToken() {
        String stale = token(app, "alice") + "x";
        Http.Response r = app.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}", "Authorization", "Bearer " + stale);
        assertEquals(200, r.status(), r.body());
        assertTrue(json(r).get("access_token").isTextual());
    }

    @Test
    void requestLogoutEndsTheCallersJwtGateSession() {
        String token = token(app, "alice");
        Http.Response r = app.bearerGet("/account/signout", token);
        assertEquals(200, r.status(), r.body());
        JsonNode body = json(r);
        assertEquals("alice", body.get("before").asText());
        assertTrue(body.get("loggedOut").asBoolean(), body.toString());
        assertTrue(body.get("after").isNull(), body.toString());
        Http.Response again = app.bearerGet("/account/probe", token);
        assertTrue(body.get("username").isNull(), "the jwtgate.* attributes go with the caller");
        assertEquals(401, again.status(), again.body());
        assertEquals("The access token has been revoked", json(again).get("error_description").asText());
    }

    @Test
    void bearerRequestsCreateNoHttpSession() {
        Http.Response constrained = app.bearerGet("/account/probe", token(app, "alice"));
        assertEquals(200, constrained.status(), constrained.body());
        assertEquals("alice", json(constrained).get("principal").asText());
        assertFalse(json(constrained).get("session").asBoolean());
        assertEquals(List.of(), constrained.headers("Set-Cookie"));
        Http.Response open = app.bearerGet("/public/probe", token(app, "alice"));
        assertEquals("alice", json(open).get("principal").textValue());
        assertFalse(json(open).get("session").asBoolean());
    }

    @Test
    void basicRequestsCreateNoHttpSession() {
        Http.Response r = app.get("/account/probe", "Authorization", basic("alice", Seed.PASSWORD));
        assertEquals(200, r.status(), r.body());
        assertFalse(json(r).get("session").asBoolean());
        assertEquals(List.of(), r.headers("Set-Cookie"));
    }

    @Test
    void storeOutageIs503NeverA401() {
        h2.stop();
        Http.Response r = down.get("/admin/x", "Authorization", basic("admin", Seed.PASSWORD));
        assertEquals(503, r.status(), r.body());
        assertEquals("temporarily_unavailable", json(r).get("error").asText());
        assertEquals(List.of(), r.headers("WWW-Authenticate"));
    }

    @Test
    void externalTokensMeetTheContainersConstraintsWithTheirMappedRoles() {
        String admin = IdentityProvider.sign(providerKey, "JWT", ProviderStyles.keycloak(clock.instant(), "kate",
                List.of("admin"), "openid").build());
        Http.Response r = app.bearerGet("/admin/x", admin);
        assertEquals(200, r.status(), r.body());
        assertEquals("kate", json(r).get("principal").asText());
        String user = IdentityProvider.sign(providerKey, "JWT", ProviderStyles.keycloak(clock.instant(), "kate",
                List.of("user"), "openid").build());
        assertEquals(403, app.bearerGet("/admin/x", user).status(), "the container's constraint decides");
        assertEquals(200, app.bearerGet("/api/x", user).status());
    }

    @Test
    void aProviderWhoseKeysCannotBeHadIs503NeverA401() {
        String token = IdentityProvider.sign(providerKey, "JWT", ProviderStyles.keycloak(clock.instant(), "kate",
                List.of("admin"), "openid").issuer("https://gone.example.com/realms/main").build());
        Http.Response r = app.bearerGet("/admin/x", token);
        assertEquals(503, r.status(), r.body());
        assertEquals("temporarily_unavailable", json(r).get("error").asText());
        assertEquals(List.of(), r.headers("WWW-Authenticate"));
    }

    @Test
    void redeployReplacesTheRegistrationInsteadOfLeavingOneBehind() throws Exception {
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        int before = factory.getRegistrationIDs(null).length;
        server.restart("/app");
        assertEquals(before, AuthConfigFactory.getFactory().getRegistrationIDs(null).length);
        Http.Response r = app.bearerGet("/admin/x", token(app, "admin"));
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void requestAuthenticateAnswersWithJwtGatesChallenge() {
        Http.Response r = app.get("/public/authenticate");
        assertEquals(401, r.status(), r.body());
        assertEquals(List.of(BEARER_CHALLENGE, BASIC_CHALLENGE), r.headers("WWW-Authenticate"));
        Http.Response known = app.bearerGet("/public/authenticate", token(app, "alice"));
        assertEquals(200, known.status(), known.body());
        assertEquals("alice", known.body());
    }

    @Test
    void withTheSettingOffTheContainersOwnBasicChallengeAnswers() {
        Http.Response r = off.bearerGet("/admin/x", token(off, "admin"));
        assertEquals(401, r.status(), r.body());
        assertContainersChallenge(r);
        assertContainersChallenge(off.get("/admin/x"));
    }

    @Test
    void theServerSideSwitchDecidesWhetherTheContainerAsksJwtGate() {
        Http.Response r = noSwitch.bearerGet("/admin/x", token(noSwitch, "admin"));
        if (needsServerSideSwitch()) {
            assertEquals(401, r.status(), r.body());
            // Without the switch the container's own authenticator answers.
            assertContainersChallenge(r);
        } else {
            assertEquals(200, r.status(), r.body());
            assertEquals("admin", json(r).get("principal").asText());
        }
    }

    @Test
    void secretHandedOverBySetUpCodeReachesTheModuleWhichStartsOnTheFirstRequest() {
        Http.Response r = setUp.bearerGet("/admin/x", token(setUp, "admin"));
        assertEquals(200, r.status(), r.body());
        assertEquals("admin", json(r).get("principal").asText());
        Http.Response basic = setUp.get("/api/x", "Authorization", basic("alice", Seed.PASSWORD));
        assertEquals(200, basic.status(), basic.body());
        assertEquals("alice", json(basic).get("principal").asText());
    }

    @Test
    void jaspicOnlyAppThatCannotStartJwtGateAnswers503AndLogsWhy() {
        Http.Response r = bare.get("/admin/x", "Authorization", basic("admin", Seed.PASSWORD));
        assertEquals(503, r.status(), r.body());
        assertEquals("temporarily_unavailable", json(r).get("error").asText());
        assertEquals(List.of(), r.headers("WWW-Authenticate"), "never a challenge: the caller is not at fault");
        assertTrue(LogCapture.lines().stream().anyMatch(line -> line.contains("Jakarta Authentication module of /bare")
                && line.contains("cannot start") && line.contains(Keys.SIGNING_SECRET)), "a log line names the cause");
        assertEquals(503, bare.get("/admin/x").status(), "still refused: JwtGate is tried again, never skipped");
    }

    @Test
    void setUpCodeThatSwitchesJaspicOffTooLateGets503NotAnUnjudgedRequest() {
        Http.Response r = contradict.get("/admin/x", "Authorization", basic("admin", Seed.PASSWORD));
        assertEquals(503, r.status(), r.body());
        assertEquals("temporarily_unavailable", json(r).get("error").asText());
        assertTrue(LogCapture.lines().stream().anyMatch(line -> line.contains(Keys.JASPIC_ENABLED)
                && line.contains("false in the settings")), "a log line names the setting");
    }
}
