package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.LoginServlet;
import io.jwtgate.jaspic.JaspicRegistration;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.EchoServlet;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Security;
import jakarta.servlet.DispatcherType;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finding of the issue-13 review; it failed before its fix (decision 477): with {@code jwtgate.jaspic.enabled=true} the metrics of issue 13 item 7 are blind to the
 * request path. The JASPIC module judges every request and JwtAuthFilter then skips its own
 * {@code metrics().authenticate(...)} and never reaches {@code storeUnavailable()}, and the module
 * counts nothing itself: TokensVerified, TokensRefused (by reason), VerificationCount and
 * StoreErrors stay 0 however many tokens are verified or refused, so the documented alert rules
 * (refusal spikes, store errors) never fire for a JASPIC deployment. The test asserts the correct
 * behaviour: a verified and a refused Bearer token show in the application's MBean.
 */
class JaspicMetricsSeveralNodesFindingsTest {

    private static final String CONTEXT = "/app";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Container.class)
    void bearerTokensJudgedByTheJaspicModuleAreCountedInTheMBean(Container container) throws Exception {
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve("app")));
        p.put("jwtgate.jdbc.url", "jdbc:h2:file:" + dir.resolve("app").toAbsolutePath().resolve("store")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("jwtgate.jaspic.enabled", "true");
        p.put("jwtgate.rules", "/** -> authenticated");
        Seed.users(p);
        Security security = new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/api/*"), Set.of(), Set.of(), List.of("user"), null)),
                Set.of("user"), Map.of(), true);
        Deployment app = new Deployment(CONTEXT, p, Map.of(), List.of(new JaspicRegistration()),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1),
                        new Deployment.ServletMapping("default", EchoServlet.class, "/", -1),
                        new Deployment.ServletMapping("prefix", EchoServlet.class, "/api/*", -1)),
                null, security);
        EmbeddedServer server = container.engine().start(List.of(app), dir.resolve("server"));
        try {
            assertTrue(server.available(CONTEXT), CONTEXT + ": " + server.startFailure(CONTEXT));
            Http http = new Http(server.port(), CONTEXT);
            Http.Response login = http.postJson("/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
            assertEquals(200, login.status(), login.body());
            JsonNode tokens = StrictJson.parse(login.body().getBytes(StandardCharsets.UTF_8));
            assertEquals(200, http.bearerGet("/api/hello", tokens.get("access_token").textValue()).status());
            assertEquals(401, http.bearerGet("/api/hello", "not.a.token").status());

            assertEquals(1, attribute("TokensVerified"), "a Bearer token the JASPIC module verified");
            assertEquals(1, attribute("TokensRefused"), "a Bearer token the JASPIC module refused");
        } finally {
            server.close();
        }
    }

    private static long attribute(String name) throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName mbean = new ObjectName("io.jwtgate:type=Metrics,context=" + ObjectName.quote(CONTEXT));
        return ((Number) mbeans.getAttribute(mbean, name)).longValue();
    }
}
