package io.jwtgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 7 over real HTTP: what clients do to an application shows in its MBean and its
 * Micrometer meters, each application of a container has its own, and stopping the container
 * takes both away.
 */
abstract class MetricsContract {

    private static final String A = "/metrics-a";
    private static final String B = "/metrics-b";

    abstract Container container();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @BeforeEach
    void addRegistry() {
        io.micrometer.core.instrument.Metrics.globalRegistry.add(registry);
    }

    @AfterEach
    void removeRegistry() {
        io.micrometer.core.instrument.Metrics.globalRegistry.remove(registry);
        registry.close();
    }

    private static ObjectName mbean(String context) throws Exception {
        return new ObjectName("io.jwtgate:type=Metrics,context=" + ObjectName.quote(context));
    }

    private long attribute(String context, String name) throws Exception {
        return ((Number) server.getAttribute(mbean(context), name)).longValue();
    }

    private long refusedBy(String context, String reason) throws Exception {
        TabularData byReason = (TabularData) server.getAttribute(mbean(context), "TokensRefusedByReason");
        CompositeData row = byReason.get(new Object[] {reason});
        return ((Number) row.get("value")).longValue();
    }

    private double counter(String name, String context) {
        FunctionCounter c = registry.find(name).tag("context", context).functionCounter();
        assertNotNull(c, name + " for " + context);
        return c.count();
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static Http.Response login(Http http, String password) {
        return http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + password + "\"}");
    }

    private static Http.Response refresh(Http http, JsonNode tokens) {
        return http.postJson("/auth/refresh", "{\"refresh_token\":\"" + tokens.get("refresh_token").textValue() + "\"}");
    }

    private static String access(JsonNode tokens) {
        return tokens.get("access_token").textValue();
    }

    @Test
    void whatClientsDoShowsInTheApplicationsOwnMBeanAndMetersAndStoppingRemovesThem() throws Exception {
        Path work = Files.createTempDirectory("jwtgate-metrics");
        Path data = work.resolve("data");
        Map<String, String> params = TestSettings.params(data);
        Seed.usersAt(A, params);
        Seed.usersAt(B, params);
        try (Container.Apps apps = container().startApps(List.of(new Container.App(A, params, Map.of()),
                new Container.App(B, params, Map.of())), work)) {
            Http http = apps.http(A);
            assertEquals(401, login(http, "a wrong password").status());
            Http.Response first = login(http, Seed.PASSWORD);
            assertEquals(200, first.status(), first.body());
            JsonNode pair1 = json(first);
            assertEquals(200, http.bearerGet("/api/hello", access(pair1)).status());
            assertEquals(401, http.bearerGet("/api/hello", "not.a.token").status());
            Http.Response rotated = refresh(http, pair1);
            assertEquals(200, rotated.status(), rotated.body());
            JsonNode pair2 = json(rotated);
            assertEquals(401, refresh(http, pair1).status(), "a spent refresh token presented again");
            assertEquals(401, http.bearerGet("/api/hello", access(pair2)).status(), "its family was revoked");
            JsonNode pair3 = json(login(http, Seed.PASSWORD));
            assertEquals(204, http.post("/auth/logout", "application/json", "", "Authorization",
                    "Bearer " + access(pair3)).status());

            assertEquals(2, attribute(A, "LoginsSucceeded"));
            assertEquals(1, attribute(A, "LoginsFailed"));
            assertEquals(3, attribute(A, "LoginCount"), "every login is timed, failed ones too");
            assertEquals(3, attribute(A, "TokensIssued"), "two logins and one refresh");
            assertEquals(1, attribute(A, "Refreshes"));
            assertEquals(1, attribute(A, "ReuseDetections"));
            assertEquals(1, attribute(A, "TokensVerified"));
            assertEquals(1, refusedBy(A, "invalid_token"));
            assertEquals(1, refusedBy(A, "revoked_token"));
            assertEquals(2, attribute(A, "TokensRefused"));
            assertEquals(3, attribute(A, "VerificationCount"));
            assertTrue(attribute(A, "TokensRevoked") >= 1, "the logout");
            assertEquals(0, attribute(A, "StoreErrors"));
            assertTrue(attribute(A, "RevocationStateSize") >= 1, "the revoked family is held in memory");

            assertEquals(2, counter("jwtgate.logins.succeeded", A));
            assertEquals(1, counter("jwtgate.refresh.reuse", A));
            assertEquals(1, registry.find("jwtgate.tokens.refused").tags("context", A, "reason", "revoked_token")
                    .functionCounter().count());
            FunctionTimer logins = registry.find("jwtgate.login").tag("context", A).functionTimer();
            assertNotNull(logins);
            assertEquals(3, logins.count());
            assertNotNull(registry.find("jwtgate.revocations.staleness").tag("context", A).timeGauge());

            // The other application's meters and MBean count only its own traffic: none.
            assertEquals(0, attribute(B, "LoginsSucceeded"));
            assertEquals(0, counter("jwtgate.logins.succeeded", B));
        }
        assertFalse(server.isRegistered(mbean(A)), "stopping the application unregisters its MBean");
        assertFalse(server.isRegistered(mbean(B)));
        assertNull(registry.find("jwtgate.logins.succeeded").tag("context", A).functionCounter(),
                "stopping the application removes its meters");
    }
}
