package io.jwtgate.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.ProviderStyles;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One application in an embedded container with the four provider styles of {@link ProviderStyles}
 * trusted, keys served by an {@link IdentityProvider} on 127.0.0.1, the local users of {@link Seed}
 * ({@code alice}, {@code admin}...), the echo servlets mapped exact ({@code /api/hello}), by prefix
 * ({@code /admin/*}, {@code /api/*}), by extension ({@code *.do}) and default ({@code /}), and an
 * injected clock: the stage of the attack-issuers probes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IssuerHttpFixture {

    static final String RULES = String.join("\n",
            "GET,POST   /admin/**          -> role:admin",
            "GET        /api/messages/**   -> scope:messages:read",
            "GET        /reports/*.do      -> role:admin",
            "           /public/**         -> permit",
            "           /**                -> authenticated");

    final RSAKey rsa = IdentityProvider.rsaKey("rsa-1");
    final ECKey ec = IdentityProvider.ecKey("ec-1");
    final MutableClock clock = new MutableClock(Instant.now());
    IdentityProvider idp;
    Path dir;
    Container.Running server;
    Http http;

    protected abstract Container container();

    /** Extra settings of a subclass, applied last. */
    protected Map<String, String> moreSettings() {
        return Map.of();
    }

    @BeforeAll
    void startApplication() throws Exception {
        idp = IdentityProvider.start();
        idp.publish(rsa, ec);
        dir = Files.createTempDirectory("jwtgate-issuer-attack");
        Map<String, String> params = TestSettings.params(dir);
        params.putAll(ProviderStyles.settings(idp.jwksUri()));
        params.put("jwtgate.rules", RULES);
        params.putAll(moreSettings());
        Seed.users(params);
        server = container().start(params, dir, Map.of("io.jwtgate.clock", clock));
        http = server.http();
    }

    @AfterAll
    void stopApplication() {
        if (server != null) {
            server.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    Instant now() {
        return clock.instant();
    }

    String keycloak(String user, List<String> roles, String scope) {
        return IdentityProvider.sign(rsa, "JWT", ProviderStyles.keycloak(now(), user, roles, scope).build());
    }

    String keycloak(JWTClaimsSet claims) {
        return IdentityProvider.sign(rsa, "JWT", claims);
    }

    static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Logs alice (or another seeded user) in and returns the login answer. */
    JsonNode login(String user) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"" + user + "\",\"password\":\""
                + Seed.PASSWORD + "\"}");
        if (r.status() != 200) {
            throw new IllegalStateException("login of " + user + ": " + r.status() + " " + r.body());
        }
        JsonNode body = json(r);
        io.jwtgate.support.Secrets.remember(body.get("access_token").textValue());
        if (body.has("refresh_token")) {
            io.jwtgate.support.Secrets.remember(body.get("refresh_token").textValue());
        }
        return body;
    }
}
