package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.config.Keys;
import io.jwtgate.support.LogAudit;
import io.jwtgate.support.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * A legacy WAR secured by its own {@code web.xml} (BASIC login-config against Tomcat's realm,
 * constraints on {@code /admin/*} for role admin and {@code /app/*} for roles user and admin:
 * {@code src/legacy/WEB-INF/web.xml}) in a standalone Tomcat 10.1 distribution, started with
 * {@code catalina.sh run} as its own process. The WAR is the sample's classes and WEB-INF/lib (jwtgate
 * and its dependencies) with that descriptor. Deployed twice from the same file: at {@code /legacy}
 * as it is ({@code jwtgate.jaspic.enabled=true} in its web.xml), so JwtGate's JASPIC module answers
 * for the container and the constraints decide with the token's roles; and at {@code /legacy-off}
 * with the setting overridden to false by its context file, where Tomcat's own BASIC authentication
 * is back. The demo users come from the sample's set-up listener; the realm user lives in
 * {@code tomcat-users.xml}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneTomcatIT {

    private static final String DEMO_PASSWORD = "standalone-tomcat-demo-password";
    private static final String SECRET = "a-standalone-tomcat-secret-of-more-than-32-bytes";
    private static final String REALM_USER = "dora";
    private static final String REALM_PASSWORD = "doras-tomcat-realm-password";
    private static final String ON = "/legacy";
    private static final String OFF = "/legacy-off";
    /** JwtGate's challenge: the legacy web.xml leaves jwtgate.basic-auth at its default, off. */
    private static final String BEARER_CHALLENGE = AbstractSampleAppIT.BEARER_CHALLENGE;
    /** Tomcat's own challenge, with the realm name of the web.xml's login-config. */
    private static final String TOMCAT_BASIC_CHALLENGE = "Basic realm=\"Legacy application\"";

    @TempDir
    static Path temp;

    private static StandaloneTomcat tomcat;
    private static Http http;

    @BeforeAll
    static void startStandaloneTomcat() throws Exception {
        Secrets.remember(DEMO_PASSWORD);
        Secrets.remember(REALM_PASSWORD);
        Secrets.remember(SECRET);
        Path war = legacyWar(temp.resolve("legacy.war"));
        tomcat = StandaloneTomcat.create(Path.of(property("standalone.tomcat.home")), temp.resolve("catalina-base"),
                Map.of(REALM_USER, new StandaloneTomcat.RealmUser(REALM_PASSWORD, List.of("user"))),
                freshLog(Path.of(property("standalone.tomcat.log"))));
        Map<String, String> settings = Map.of(Keys.DATA_DIR, temp.resolve("data").toString(),
                "demo.password", DEMO_PASSWORD, Keys.BCRYPT_COST, "10");
        tomcat.deploy(ON.substring(1), war, settings);
        Map<String, String> off = new java.util.HashMap<>(settings);
        off.put("jwtgate.jaspic.enabled", "false");
        tomcat.deploy(OFF.substring(1), war, off);
        http = new Http(tomcat);
        try {
            // The open page of the legacy WAR; with JASPIC off, JwtAuthFilter (from the jar's web-fragment.xml,
            // default rule /** -> authenticated) closes it, so there the login servlet's own 401 says "deployed".
            Map<String, Integer> ready = new LinkedHashMap<>();
            ready.put(ON + "/public/health", 200);
            ready.put(OFF + "/auth/me", 401);
            // The secret as an operator sets it for a real Tomcat, in the environment (the sample's own
            // development secret from its set-up listener would reach the module too: decision 292).
            tomcat.start(Map.of("JWTGATE_SIGNING_SECRET", SECRET), ready);
        } catch (RuntimeException | IOException | InterruptedException e) {
            // @AfterAll runs after a failed @BeforeAll too, but only once this method has returned.
            tomcat.close();
            throw e;
        }
    }

    @AfterAll
    static void stopStandaloneTomcat() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    @Order(1)
    void bothDeploymentsOfTheLegacyWarRunInStandaloneTomcat101() throws IOException {
        List<String> log = tomcat.logLines();

        assertTrue(log.stream().anyMatch(l -> l.contains("Apache Tomcat/" + property("standalone.tomcat.version"))),
                "not Tomcat " + property("standalone.tomcat.version") + "; see " + tomcat.log());
        assertTrue(log.stream().anyMatch(l -> l.contains("JwtGate started for " + ON)), "see " + tomcat.log());
        assertTrue(log.stream().anyMatch(l -> l.contains("JwtGate started for " + OFF)), "see " + tomcat.log());
    }

    @Test
    @Order(2)
    void userTokenReachesTheApplicationPagesWithItsRolesAndNoSession() {
        HttpResponse<String> hello = http.get(ON + "/app/hello", accessToken(ON, "alice"));

        assertEquals(200, hello.statusCode(), hello.body());
        JsonNode body = Http.json(hello);
        assertEquals("alice", body.get("user").asText(), hello.body());
        assertFalse(body.get("admin").asBoolean(), "isUserInRole(admin) for a user token");
        assertEquals(List.of(), hello.headers().allValues("Set-Cookie"), "a Bearer request made an HTTP session");
    }

    @Test
    @Order(3)
    void adminTokenReachesTheAdminAreaAndTheApplicationPages() {
        String admin = accessToken(ON, "admin");

        HttpResponse<String> area = http.get(ON + "/admin/reports", admin);
        HttpResponse<String> hello = http.get(ON + "/app/hello", admin);

        assertEquals(200, area.statusCode(), area.body());
        assertEquals("admin", Http.json(area).get("admin").asText(), area.body());
        assertEquals(200, hello.statusCode(), hello.body());
        assertTrue(Http.json(hello).get("admin").asBoolean(), "isUserInRole(admin) for an admin token");
    }

    @Test
    @Order(4)
    void userTokenInTheAdminAreaGets403FromTheConstraint() {
        HttpResponse<String> area = http.get(ON + "/admin/reports", accessToken(ON, "alice"));

        assertEquals(403, area.statusCode(), area.body());
        assertEquals(List.of(), area.headers().allValues("WWW-Authenticate"));
    }

    @Test
    @Order(5)
    void noCredentialsOnAProtectedPageGet401WithJwtGatesBearerChallenge() {
        HttpResponse<String> app = http.get(ON + "/app/hello");
        HttpResponse<String> admin = http.get(ON + "/admin/reports");

        assertEquals(401, app.statusCode(), app.body());
        assertEquals(List.of(BEARER_CHALLENGE), app.headers().allValues("WWW-Authenticate"));
        assertEquals("unauthorized", Http.json(app).get("error").asText(), app.body());
        assertEquals(401, admin.statusCode(), admin.body());
        assertEquals(List.of(BEARER_CHALLENGE), admin.headers().allValues("WWW-Authenticate"));
    }

    @Test
    @Order(6)
    void forgedTokenGets401InvalidToken() {
        String token = accessToken(ON, "admin");
        int dot = token.lastIndexOf('.');
        // Another signature of the right length: the header and claims are the real ones.
        String forged = token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new byte[32]);
        Secrets.remember(forged);

        HttpResponse<String> area = http.get(ON + "/admin/reports", forged);

        assertEquals(401, area.statusCode(), area.body());
        String challenge = area.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith(BEARER_CHALLENGE + ", error=\"invalid_token\""), challenge);
        assertEquals("invalid_token", Http.json(area).get("error").asText(), area.body());
    }

    @Test
    @Order(7)
    void publicPageAnswersWithoutCredentials() {
        HttpResponse<String> health = http.get(ON + "/public/health");

        assertEquals(200, health.statusCode(), health.body());
        assertEquals("ok", Http.json(health).get("status").asText());
    }

    @Test
    @Order(8)
    void withJaspicOffTheSameWarAnswersTomcatsOwnBasicChallengeEvenToABearerToken() {
        String token = accessToken(OFF, "admin");

        HttpResponse<String> anonymous = http.get(OFF + "/app/hello");
        HttpResponse<String> bearer = http.get(OFF + "/admin/reports", token);

        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.headers().allValues("WWW-Authenticate").stream()
                .allMatch(c -> c.startsWith(TOMCAT_BASIC_CHALLENGE)), anonymous.headers().map().toString());
        assertEquals(1, anonymous.headers().allValues("WWW-Authenticate").size());
        assertEquals(401, bearer.statusCode(), bearer.body());
        assertTrue(bearer.headers().firstValue("WWW-Authenticate").orElse("").startsWith(TOMCAT_BASIC_CHALLENGE),
                bearer.headers().map().toString());
    }

    @Test
    @Order(9)
    void withJaspicOffTomcatsRealmDecidesTheConstraints() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (REALM_USER + ":" + REALM_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String wrong = "Basic " + Base64.getEncoder().encodeToString(
                (REALM_USER + ":not-" + REALM_PASSWORD).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> adminArea = http.getWithAuthorization(OFF + "/admin/reports", basic);
        HttpResponse<String> wrongPassword = http.getWithAuthorization(OFF + "/admin/reports", wrong);

        // The realm knows dora (role user): authenticated by Tomcat, then refused by the admin constraint.
        assertEquals(403, adminArea.statusCode(), adminArea.body());
        assertEquals(401, wrongPassword.statusCode(), wrongPassword.body());
        assertTrue(wrongPassword.headers().firstValue("WWW-Authenticate").orElse("").startsWith(TOMCAT_BASIC_CHALLENGE));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void standaloneTomcatLogsHoldNoPasswordOrToken() throws IOException {
        List<String> log = tomcat.logLines();

        assertTrue(log.stream().anyMatch(l -> l.contains("login_success")), "the audit lines reach the log");
        assertEquals(List.of(), LogAudit.leaks(log, Secrets.all()), "see " + tomcat.log());
    }

    private static String accessToken(String context, String username) {
        HttpResponse<String> login = http.postJson(context + "/auth/login",
                Http.object().put("username", username).put("password", DEMO_PASSWORD), null);
        assertEquals(200, login.statusCode(), login.body());
        return Http.json(login).get("access_token").asText();
    }

    /**
     * The legacy WAR: everything of the sample WAR (its classes, and jwtgate with its dependencies in
     * WEB-INF/lib) but its web.xml, which is {@code src/legacy/WEB-INF/web.xml}.
     */
    private static Path legacyWar(Path war) throws IOException {
        byte[] webXml = Files.readAllBytes(Path.of(property("legacy.web.xml")));
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(war));
                ZipFile sample = new ZipFile(SampleWar.path().toFile())) {
            add(out, "WEB-INF/web.xml", webXml);
            for (ZipEntry entry : sample.stream().toList()) {
                if (!entry.isDirectory() && !entry.getName().equals("WEB-INF/web.xml")) {
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

    /** A system property failsafe sets for the standalone-Tomcat tests (the distribution, its version, the log). */
    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set; run through failsafe"
                    + " (mvn -f webapp-sample/pom.xml verify)");
        }
        return value;
    }
}
