package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Keys;
import io.jwtgate.config.Settings;
import io.jwtgate.support.LogAudit;
import io.jwtgate.support.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javax sample and a fragment-only application in a standalone Jetty 12 distribution with the
 * ee8 environment, started as a separate process from {@code jetty-home} the way an operator runs
 * it: the sample WAR (JwtGate declared in its {@code web.xml}) at {@code /sample}, and a WAR whose
 * {@code web.xml} names only its own servlet, so JwtGate comes from the {@code web-fragment.xml} of
 * jwtgate-javax in its {@code WEB-INF/lib}, at {@code /fragment}. Both share one data directory and
 * keep separate stores. Over real HTTP: login, Bearer verification, a rule, revocation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneJettyEe8IT {

    private static final String DEMO_PASSWORD = "standalone-demo-password";
    private static final String CAROL_PASSWORD = "carols-standalone-password";
    private static final String FRAGMENT_SECRET = "a-standalone-test-secret-of-more-than-32-bytes";
    private static final String BEARER_CHALLENGE = AbstractSampleAppIT.BEARER_CHALLENGE;
    /** The sample keeps HTTP Basic in warn mode, so its 401 offers Basic after Bearer. */
    private static final String BASIC_CHALLENGE = AbstractSampleAppIT.BASIC_CHALLENGE;

    @TempDir
    static Path temp;

    private static StandaloneJetty jetty;
    private static Http http;

    @BeforeAll
    static void startStandaloneJetty() throws Exception {
        Secrets.remember(DEMO_PASSWORD);
        Secrets.remember(CAROL_PASSWORD);
        Secrets.remember(FRAGMENT_SECRET);
        Path dataDir = temp.resolve("data");
        Map<String, String> fragmentParams = Map.of(Keys.DATA_DIR, dataDir.toString(),
                Keys.SIGNING_SECRET, FRAGMENT_SECRET, Keys.BCRYPT_COST, "10");
        seedFragmentUser(fragmentParams);

        jetty = StandaloneJetty.create(Path.of(property("standalone.jetty.home")), temp.resolve("jetty-base"),
                freshLog(Path.of(property("standalone.jetty.log"))));
        // The sample's usual first start: no secret configured (it creates a development secret in the
        // data directory) and the demo users created with the deployer's demo password.
        jetty.deploy("sample", SampleWar.path(), Map.of(Keys.DATA_DIR, dataDir.toString(),
                "demo.password", DEMO_PASSWORD, Keys.BCRYPT_COST, "10"));
        jetty.deploy("fragment", fragmentWar(temp.resolve("fragment.war")), fragmentParams);
        http = new Http(jetty);
        jetty.start("/sample/public/health");
    }

    @AfterAll
    static void stopStandaloneJetty() {
        if (jetty != null) {
            jetty.close();
        }
    }

    @Test
    @Order(1)
    void bothApplicationsRunInJetty1212Ee8WithTheirOwnStores() throws IOException {
        List<String> log = jetty.logLines();

        assertTrue(log.stream().anyMatch(l -> l.contains("jetty-12.1.12")), "not Jetty 12.1.12; see " + jetty.log());
        assertTrue(log.stream().anyMatch(l -> l.contains("JwtGate started for /sample")), "see " + jetty.log());
        assertTrue(log.stream().anyMatch(l -> l.contains("JwtGate started for /fragment")), "see " + jetty.log());
        assertTrue(log.stream().anyMatch(l -> l.contains("using the development secret")), "see " + jetty.log());
        Path data = temp.resolve("data");
        assertTrue(Files.isRegularFile(data.resolve("jwtgate-sample.mv.db")), "the sample's own store");
        assertTrue(Files.isRegularFile(data.resolve("jwtgate-fragment.mv.db")), "the fragment app's own store");
    }

    @Test
    @Order(2)
    void sampleLoginGivesTokensThatBearerVerificationAccepts() {
        HttpResponse<String> login = login("/sample", "alice", DEMO_PASSWORD);
        JsonNode tokens = Http.json(login);
        String access = tokens.get("access_token").asText();

        assertEquals("Bearer", tokens.get("token_type").asText());
        assertFalse(tokens.path("refresh_token").asText().isEmpty(), "no refresh token");
        HttpResponse<String> hello = http.get("/sample/api/hello", access);
        assertEquals(200, hello.statusCode(), hello.body());
        assertEquals("alice", Http.json(hello).get("user").asText(), hello.body());
    }

    @Test
    @Order(3)
    void sampleProtectedPathWithoutTokenGets401WithBearerChallenge() {
        HttpResponse<String> anonymous = http.get("/sample/api/hello");

        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals(List.of(BEARER_CHALLENGE, BASIC_CHALLENGE), anonymous.headers().allValues("WWW-Authenticate"));
    }

    @Test
    @Order(4)
    void sampleAdminAreaRuleGives403ToAliceAnd200ToAdmin() {
        HttpResponse<String> alice = http.get("/sample/admin/users", accessToken("/sample", "alice", DEMO_PASSWORD));
        HttpResponse<String> admin = http.get("/sample/admin/users", accessToken("/sample", "admin", DEMO_PASSWORD));

        assertEquals(403, alice.statusCode(), alice.body());
        assertEquals("forbidden", Http.json(alice).get("error").asText());
        assertEquals(200, admin.statusCode(), admin.body());
        assertEquals("admin area", Http.json(admin).get("message").asText());
    }

    @Test
    @Order(5)
    void sampleLogoutRevokesTheAccessToken() {
        String access = accessToken("/sample", "alice", DEMO_PASSWORD);
        assertEquals(200, http.get("/sample/api/hello", access).statusCode());

        HttpResponse<String> logout = http.postJson("/sample/auth/logout", "", access);
        HttpResponse<String> after = http.get("/sample/api/hello", access);

        assertEquals(204, logout.statusCode(), logout.body());
        assertRevoked(after);
    }

    @Test
    @Order(6)
    void sampleDeletingTheTokenByItsIdRevokesIt() {
        String access = accessToken("/sample", "alice", DEMO_PASSWORD);
        HttpResponse<String> me = http.get("/sample/auth/me", access);
        assertEquals(200, me.statusCode(), me.body());
        String jti = Http.json(me).get("token_id").asText();

        HttpResponse<String> revoke = http.delete("/sample/auth/token/" + jti, access);
        HttpResponse<String> after = http.get("/sample/api/hello", access);

        assertEquals(204, revoke.statusCode(), revoke.body());
        assertRevoked(after);
    }

    @Test
    @Order(7)
    void fragmentOnlyWarProtectsItsServletAndServesLogin() {
        HttpResponse<String> anonymous = http.get("/fragment/hello");
        String access = accessToken("/fragment", "carol", CAROL_PASSWORD);
        HttpResponse<String> hello = http.get("/fragment/hello", access);

        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals(List.of(BEARER_CHALLENGE), anonymous.headers().allValues("WWW-Authenticate"));
        assertEquals(200, hello.statusCode(), hello.body());
        assertEquals("carol", hello.body());
    }

    @Test
    @Order(8)
    void fragmentOnlyWarLogoutRevokesTheAccessToken() {
        String access = accessToken("/fragment", "carol", CAROL_PASSWORD);

        HttpResponse<String> logout = http.postJson("/fragment/auth/logout", "", access);
        HttpResponse<String> after = http.get("/fragment/hello", access);

        assertEquals(204, logout.statusCode(), logout.body());
        assertRevoked(after);
    }

    @Test
    @Order(9)
    void tokenOfOneApplicationIsRefusedByTheOther() {
        String sampleToken = accessToken("/sample", "alice", DEMO_PASSWORD);

        HttpResponse<String> atFragment = http.get("/fragment/hello", sampleToken);

        assertEquals(401, atFragment.statusCode(), atFragment.body());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void standaloneJettyLogHoldsNoPasswordOrToken() throws IOException {
        List<String> log = jetty.logLines();

        assertTrue(log.stream().anyMatch(l -> l.contains("login_success")), "the audit lines reach the log");
        assertEquals(List.of(), LogAudit.leaks(log, Secrets.all()), "see " + jetty.log());
    }

    private static void assertRevoked(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith(BEARER_CHALLENGE + ", error=\"invalid_token\""), challenge);
    }

    private static HttpResponse<String> login(String context, String username, String password) {
        HttpResponse<String> login = http.postJson(context + "/auth/login",
                Http.object().put("username", username).put("password", password), null);
        assertEquals(200, login.statusCode(), login.body());
        return login;
    }

    private static String accessToken(String context, String username, String password) {
        return Http.json(login(context, username, password)).get("access_token").asText();
    }

    /**
     * Carol in the fragment app's own default store (named after its context path), created before
     * Jetty opens it: the fragment app has no set-up code of its own to create users.
     */
    private static void seedFragmentUser(Map<String, String> params) {
        Settings settings = Settings.from(List.of(ConfigSource.of("seed", params)), "/fragment");
        try (JwtGate gate = JwtGate.start(settings)) {
            gate.accounts().create("carol", null, CAROL_PASSWORD, Set.of("user"));
        }
    }

    /**
     * A WAR with one servlet and nothing of JwtGate in its {@code web.xml} (FragmentAppIT's, rewritten
     * to the Java EE namespace by this module's build), and in {@code WEB-INF/lib} exactly the jars the
     * sample WAR ships: jwtgate-javax and its runtime dependencies.
     */
    private static Path fragmentWar(Path war) throws IOException {
        String webXml;
        try (InputStream in = StandaloneJettyEe8IT.class.getResourceAsStream("fragment-app/web.xml")) {
            webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .formatted(false, PrincipalEchoServlet.class.getName());
        }
        String servletClass = PrincipalEchoServlet.class.getName().replace('.', '/') + ".class";
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(war));
                ZipFile sample = new ZipFile(SampleWar.path().toFile())) {
            add(out, "WEB-INF/web.xml", webXml.getBytes(StandardCharsets.UTF_8));
            try (InputStream in = StandaloneJettyEe8IT.class.getClassLoader().getResourceAsStream(servletClass)) {
                add(out, "WEB-INF/classes/" + servletClass, in.readAllBytes());
            }
            for (ZipEntry entry : sample.stream().toList()) {
                if (entry.getName().startsWith("WEB-INF/lib/") && entry.getName().endsWith(".jar")) {
                    try (InputStream in = sample.getInputStream(entry)) {
                        add(out, entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return war;
    }

    private static void add(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }

    /** The log of this run only: an earlier run's lines would hold secrets this run never saw. */
    private static Path freshLog(Path log) throws IOException {
        Files.deleteIfExists(log);
        return log;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set; run through failsafe"
                    + " (mvn -f webapp-sample-javax/pom.xml verify)");
        }
        return value;
    }
}
