package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.LoginServlet;
import io.jwtgate.jaspic.JaspicRegistration;
import io.jwtgate.support.Container;
import io.jwtgate.support.EchoServlet;
import io.jwtgate.support.Http;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.ProviderStyles;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Security;
import jakarta.servlet.DispatcherType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * JASPIC mode ({@code jwtgate.jaspic.enabled=true}) with a legacy web.xml (BASIC against the
 * container's realm, which holds {@code realmann} with roles admin and user; constraints
 * {@code /admin/*} admin, {@code /api/*} GET/POST user, {@code /account/*} {@code **}): a provider
 * token whose user name is a realm user's, or whose roles are special role names, gets only the
 * provider's roles from the container. Probes that hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaspicIssuerAttackContract {

    private final MutableClock clock = new MutableClock(Instant.now());
    private final com.nimbusds.jose.jwk.RSAKey key = IdentityProvider.rsaKey("kc-1");
    private IdentityProvider provider;
    private EmbeddedServer server;
    private Http app;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-jaspic-issuers");
        provider = IdentityProvider.start();
        provider.publish(key);
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve("app")));
        p.put("jwtgate.jdbc.url", "jdbc:h2:file:" + dir.resolve("app").toAbsolutePath().resolve("store")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("jwtgate.basic-auth", "allow");
        p.put("jwtgate.jaspic.enabled", "true");
        p.putAll(ProviderStyles.settings(provider.jwksUri()));
        Seed.users(p);
        Security security = new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/admin/*"), Set.of(), Set.of(), List.of("admin"), null),
                        new Security.Constraint(List.of("/api/*"), Set.of("GET", "POST"), Set.of(), List.of("user"),
                                null),
                        new Security.Constraint(List.of("/any/*"), Set.of(), Set.of(), List.of("*"), null),
                        new Security.Constraint(List.of("/account/*"), Set.of(), Set.of(), List.of("**"), null)),
                Set.of("admin", "user"),
                Map.of("realmann", new Security.RealmUser("realm-pass", Set.of("admin", "user"))),
                true);
        Deployment d = new Deployment("/app", p, Map.of("io.jwtgate.clock", clock), List.of(new JaspicRegistration()),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1),
                        new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)),
                null, security);
        server = container().engine().start(List.of(d), dir.resolve("server"));
        assertTrue(server.available("/app"), server.startFailure("/app"));
        app = new Http(server.port(), "/app");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    private String token(String user, List<String> roles) {
        return IdentityProvider.sign(key, "JWT", ProviderStyles.keycloak(clock.instant(), user, roles, "openid").build());
    }

    @Test
    void aProviderUserNamedLikeARealmUserGetsNoneOfTheRealmUsersRoles() {
        Http.Response admin = app.bearerGet("/admin/x", token("realmann", List.of()));
        assertEquals(403, admin.status(), admin.body());
        Http.Response api = app.bearerGet("/api/x", token("realmann", List.of()));
        assertEquals(403, api.status(), api.body());
        Http.Response local = app.bearerGet("/admin/x", token("admin", List.of()));
        assertEquals(403, local.status(), "nor the JwtGate store's admin's: " + local.body());
        assertEquals(200, app.bearerGet("/account/x", token("realmann", List.of())).status(), "** is any caller");
    }

    @Test
    void specialRoleNamesFromTheProviderAreJustNames() {
        for (String role : List.of("*", "**", "ADMIN", "admin ")) {
            Http.Response r = app.bearerGet("/admin/x", token("kate", List.of(role)));
            assertEquals(403, r.status(), "role '" + role + "': " + r.body());
            Http.Response any = app.bearerGet("/any/x", token("kate", List.of(role)));
            assertEquals(403, any.status(), "role '" + role + "' at a * constraint: " + any.body());
        }
        assertEquals(200, app.bearerGet("/any/x", token("kate", List.of("user"))).status(), "the control");
        assertEquals(200, app.bearerGet("/admin/x", token("kate", List.of("admin"))).status(), "the control");
    }
}
