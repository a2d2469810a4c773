package io.jwtgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.OpenApiDocument;
import io.jwtgate.support.ProviderStyles;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code docs/openapi.yaml} against the running LoginServlet over real HTTP (issue 9 item 6): every
 * documented status of every operation is produced by a request made here, with the documented
 * headers and body schema, every path answers the methods it does not serve with 405 and its methods in
 * {@code Allow} (a GET one HEAD too), and a trusted external issuer's token is refused as
 * documented; run once per container.
 *
 * <p>One container holds four applications, because some statuses need a configuration of their
 * own: {@code /app} (Basic in {@code warn} mode, registration on, the trusted issuers of
 * {@link ProviderStyles}), {@code /limited} (a rate limit
 * of one request, spent at start), {@code /closed} (registration off) and {@code /down} (its store
 * an H2 server the outage test stops).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OpenApiContract {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String EVIL_ORIGIN = "http://evil.example";
    /** The description of a trusted issuer's token refused where JwtGate acts on its own sessions. */
    private static final String OWN_TOKENS_ONLY = "This endpoint accepts only access tokens issued by JwtGate";
    /** Larger than the 16 KiB any endpoint reads. */
    private static final String TOO_LARGE = json(Map.of("username", "a".repeat(17 * 1024), "password", "x"));

    private final OpenApiDocument doc = OpenApiDocument.read();
    private final MutableClock clock = new MutableClock(Instant.now());
    private Path dir;
    private Server h2;
    private Container.Apps apps;
    private Http http;
    private Http limited;
    private Http closed;
    private Http down;
    private String aliceToken;
    private String malloryToken;
    private String downAccess;
    private String downRefresh;
    /** A trusted external issuer of /app, whose tokens JwtGate's own session endpoints refuse. */
    private IdentityProvider idp;
    private final RSAKey idpKey = IdentityProvider.rsaKey("idp-1");

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-openapi");
        Map<String, String> main = params("app");
        main.put("jwtgate.basic-auth", "warn");
        // Cookie mode adds the login page, the browser login and the cookie logout to /app; /closed
        // keeps it off, where GET /auth/login is 405.
        main.put("jwtgate.cookie.enabled", "true");
        main.put("jwtgate.basic-auth.deprecation", "2026-01-01");
        main.put("jwtgate.basic-auth.sunset", "2027-06-30");
        main.put("jwtgate.register.enabled", "true");
        idp = IdentityProvider.start();
        idp.publish(idpKey);
        main.putAll(ProviderStyles.settings(idp.jwksUri()));
        Seed.users(main);
        // One start for the four accounts (each start opens and migrates the store).
        try (JwtGate gate = JwtGate.start(TestSettings.settings(main))) {
            for (String name : List.of("carol", "mallory", "pat", "quinn")) {
                gate.accounts().create(name, null, Seed.PASSWORD, Set.of("user"));
            }
        }
        Map<String, String> rateLimited = params("limited");
        rateLimited.put("jwtgate.rate-limit.burst", "1");
        rateLimited.put("jwtgate.rate-limit.per-minute", "1");
        rateLimited.put("jwtgate.register.enabled", "true");
        Map<String, String> registrationOff = params("closed");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        h2 = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists",
                "-baseDir", dir.resolve("h2").toString()).start();
        Map<String, String> outage = params("down");
        outage.put("jwtgate.jdbc.url", "jdbc:h2:tcp://127.0.0.1:" + port + "/jwtgate");
        outage.put("jwtgate.basic-auth", "allow");
        outage.put("jwtgate.register.enabled", "true");
        Seed.users(outage);
        Map<String, Object> attributes = Map.of("io.jwtgate.clock", clock);
        apps = container().startApps(List.of(
                new Container.App("/app", main, attributes),
                new Container.App("/limited", rateLimited, attributes),
                new Container.App("/closed", registrationOff, attributes),
                new Container.App("/down", outage, attributes)), dir);
        http = apps.http("/app");
        limited = apps.http("/limited");
        closed = apps.http("/closed");
        down = apps.http("/down");
        aliceToken = login(http, "alice").get("access_token").textValue();
        lockOutMallory();
        // The one request /limited allows: every rate-limited request after it is refused.
        assertEquals(200, limited.post("/auth/revoke", FORM, "token=spent").status());
    }

    private Map<String, String> params(String name) throws Exception {
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve(name)));
        p.put("jwtgate.role-scopes", "admin=all:any; user=messages:read messages:send tokens:manage");
        return p;
    }

    /** Mallory's Bearer token first, then wrong Basic passwords until the account is locked. */
    private void lockOutMallory() {
        malloryToken = login(http, "mallory").get("access_token").textValue();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, http.get("/auth/me", "Authorization", basic("mallory", "wrong " + i)).status());
        }
    }

    @AfterAll
    void stop() {
        apps.close();
        h2.stop();
        idp.close();
    }

    /** A valid access token of the trusted issuer {@code keycloak} of /app. */
    private String externalToken() {
        return IdentityProvider.sign(idpKey, "JWT",
                ProviderStyles.keycloak(clock.instant(), "kate", List.of("user"), "openid tokens:manage").build());
    }

    /** One request that must answer {@code status} to {@code operation} as documented. */
    private record Probe(String operation, int status, String what, Supplier<Http.Response> request) {
        String key() {
            return operation + " " + status;
        }

        @Override
        public String toString() {
            return key() + " (" + what + ")";
        }
    }

    private List<Probe> liveProbes() {
        List<Probe> p = new ArrayList<>();
        String login = "POST /auth/login";
        p.add(new Probe(login, 200, "JSON with a username", () -> http.postJson("/auth/login",
                json(Map.of("username", "alice", "password", Seed.PASSWORD)))));
        p.add(new Probe(login, 200, "form with an email", () -> http.post("/auth/login", FORM,
                "email=" + enc("alice@example.org") + "&password=" + enc(Seed.PASSWORD) + "&scopes=messages%3Aread")));
        p.add(new Probe(login, 400, "no password", () -> http.postJson("/auth/login", json(Map.of("username", "alice")))));
        p.add(new Probe(login, 400, "a scope the user lacks", () -> http.postJson("/auth/login",
                json(Map.of("username", "alice", "password", Seed.PASSWORD, "scopes", List.of("all:any"))))));
        p.add(new Probe(login, 401, "wrong password", () -> http.postJson("/auth/login",
                json(Map.of("username", "carol", "password", "not her password")))));
        p.add(new Probe(login, 405, "PUT", () -> http.raw("PUT", "/app/auth/login",
                List.of("Content-Type: application/json"), "{}")));
        p.add(new Probe(login, 303, "browser login", () -> browserLogin("alice", Seed.PASSWORD, csrfToken())));
        p.add(new Probe(login, 401, "browser login, wrong password", () -> browserLogin("carol", "not her password",
                csrfToken())));
        p.add(new Probe(login, 403, "browser login, _csrf not the cookie's", () -> {
            String token = csrfToken();
            return http.post("/auth/login", FORM, "username=alice&password=" + enc(Seed.PASSWORD) + "&_csrf="
                    + enc(csrfToken()), "Accept", "text/html", "Origin", http.origin(), "Cookie", CSRF_COOKIE + "=" + token);
        }));

        String page = "GET /auth/login";
        p.add(new Probe(page, 200, "cookie mode", () -> http.get("/auth/login?redirect=%2Fapp%2Fmessages",
                "Accept", "text/html")));
        p.add(new Probe(page, 405, "cookie mode off", () -> closed.get("/auth/login", "Accept", "text/html")));
        p.add(new Probe(login, 413, "17 KiB", () -> http.postJson("/auth/login", TOO_LARGE)));
        p.add(new Probe(login, 415, "text/plain", () -> http.post("/auth/login", "text/plain", "alice")));
        p.add(new Probe(login, 415, "charset latin-1", () -> http.post("/auth/login",
                "application/json; charset=ISO-8859-1", json(Map.of("username", "alice", "password", "x")))));
        p.add(new Probe(login, 429, "rate limit spent", () -> limited.postJson("/auth/login",
                json(Map.of("username", "alice", "password", Seed.PASSWORD)))));

        String mint = "POST /auth/token";
        p.add(new Probe(mint, 201, "Bearer with tokens:manage", () -> http.postJson("/auth/token",
                json(Map.of("ttl", 600, "scopes", List.of("messages:read"))), "Authorization", bearer(aliceToken))));
        p.add(new Probe(mint, 201, "Basic, no body", () -> http.post("/auth/token", "application/json", "",
                "Authorization", basic("alice", Seed.PASSWORD))));
        p.add(new Probe(mint, 400, "negative ttl", () -> http.postJson("/auth/token", json(Map.of("ttl", -1)),
                "Authorization", bearer(aliceToken))));
        p.add(new Probe(mint, 400, "access token in the query", () -> http.postJson("/auth/token?access_token=x", "{}")));
        p.add(new Probe(mint, 401, "no credentials", () -> http.postJson("/auth/token", "{}")));
        p.add(new Probe(mint, 401, "external issuer's token", () -> http.postJson("/auth/token", "{}",
                "Authorization", bearer(externalToken()))));
        p.add(new Probe(mint, 403, "scopes beyond the caller's", () -> http.postJson("/auth/token",
                json(Map.of("scopes", List.of("all:any"))), "Authorization", bearer(aliceToken))));
        p.add(new Probe(mint, 403, "Basic from another site", () -> http.postJson("/auth/token", "{}",
                "Authorization", basic("alice", Seed.PASSWORD), "Origin", EVIL_ORIGIN)));
        p.add(new Probe(mint, 405, "GET", () -> http.get("/auth/token")));
        p.add(new Probe(mint, 413, "17 KiB", () -> http.postJson("/auth/token", TOO_LARGE,
                "Authorization", bearer(aliceToken))));
        p.add(new Probe(mint, 415, "text/plain", () -> http.post("/auth/token", "text/plain", "ttl=5",
                "Authorization", bearer(aliceToken))));
        p.add(new Probe(mint, 429, "rate limit spent", () -> limited.postJson("/auth/token", "{}")));

        String byId = "DELETE /auth/token/{jti}";
        p.add(new Probe(byId, 204, "own token with Bearer", () -> delete(http, "/app",
                login(http, "alice").get("id").textValue(), "Authorization: " + bearer(aliceToken))));
        p.add(new Probe(byId, 204, "own token with Basic", () -> delete(http, "/app",
                login(http, "alice").get("id").textValue(), "Authorization: " + basic("alice", Seed.PASSWORD))));
        p.add(new Probe(byId, 401, "no credentials", () -> delete(http, "/app", "some-id")));
        p.add(new Probe(byId, 401, "external issuer's token", () -> delete(http, "/app", "some-id",
                "Authorization: " + bearer(externalToken()))));
        p.add(new Probe(byId, 400, "access token in the query", () -> http.raw("DELETE",
                "/app/auth/token/some-id?access_token=x", List.of(), null)));
        p.add(new Probe(byId, 403, "Basic from another site", () -> delete(http, "/app", "some-id",
                "Authorization: " + basic("alice", Seed.PASSWORD), "Origin: " + EVIL_ORIGIN)));
        p.add(new Probe(byId, 404, "unknown id", () -> delete(http, "/app", "no-such-token",
                "Authorization: " + bearer(aliceToken))));
        p.add(new Probe(byId, 405, "GET", () -> http.get("/auth/token/some-id")));
        p.add(new Probe(byId, 429, "Basic of a locked account", () -> delete(http, "/app", "some-id",
                "Authorization: " + basic("mallory", Seed.PASSWORD))));

        String refresh = "POST /auth/refresh";
        p.add(new Probe(refresh, 200, "a fresh refresh token", () -> http.postJson("/auth/refresh",
                json(Map.of("refresh_token", login(http, "alice").get("refresh_token").textValue())))));
        p.add(new Probe(refresh, 400, "no refresh_token", () -> http.postJson("/auth/refresh", "{}")));
        p.add(new Probe(refresh, 401, "unknown refresh token", () -> http.postJson("/auth/refresh",
                json(Map.of("refresh_token", "no-such-refresh-token")))));
        p.add(new Probe(refresh, 405, "GET", () -> http.get("/auth/refresh")));
        p.add(new Probe(refresh, 413, "17 KiB", () -> http.postJson("/auth/refresh", TOO_LARGE)));
        p.add(new Probe(refresh, 415, "form", () -> http.post("/auth/refresh", FORM, "refresh_token=x")));
        p.add(new Probe(refresh, 429, "rate limit spent", () -> limited.postJson("/auth/refresh",
                json(Map.of("refresh_token", "x")))));

        String logout = "POST /auth/logout";
        p.add(new Probe(logout, 204, "Bearer", () -> http.post("/auth/logout", "application/json", "",
                "Authorization", bearer(login(http, "alice").get("access_token").textValue()))));
        p.add(new Probe(logout, 204, "refresh token in the body", () -> http.postJson("/auth/logout",
                json(Map.of("refresh_token", login(http, "alice").get("refresh_token").textValue())))));
        p.add(new Probe(logout, 400, "not a JSON object", () -> http.postJson("/auth/logout", "[]")));
        p.add(new Probe(logout, 400, "access token in the query", () -> http.post("/auth/logout?access_token=x",
                "application/json", "")));
        p.add(new Probe(logout, 401, "neither Bearer nor refresh token", () -> http.post("/auth/logout",
                "application/json", "")));
        p.add(new Probe(logout, 401, "external issuer's token", () -> http.post("/auth/logout",
                "application/json", "", "Authorization", bearer(externalToken()))));
        p.add(new Probe(logout, 405, "GET", () -> http.get("/auth/logout")));
        p.add(new Probe(logout, 303, "session cookies and _csrf", () -> {
            List<String> cookies = sessionCookies(browserLogin("pat", Seed.PASSWORD, csrfToken()));
            return http.post("/auth/logout", FORM, "_csrf=" + enc(valueOf(cookies, CSRF_COOKIE)), "Accept", "text/html",
                    "Origin", http.origin(), "Cookie", String.join("; ", cookies));
        }));
        p.add(new Probe(logout, 403, "session cookies without _csrf", () -> {
            List<String> cookies = sessionCookies(browserLogin("pat", Seed.PASSWORD, csrfToken()));
            return http.post("/auth/logout", FORM, "", "Accept", "text/html", "Origin", http.origin(),
                    "Cookie", String.join("; ", cookies));
        }));
        p.add(new Probe(logout, 413, "17 KiB", () -> http.postJson("/auth/logout", TOO_LARGE)));
        p.add(new Probe(logout, 415, "text/plain", () -> http.post("/auth/logout", "text/plain", "bye")));
        p.add(new Probe(logout, 429, "rate limit spent", () -> limited.postJson("/auth/logout", "{}")));

        String revoke = "POST /auth/revoke";
        p.add(new Probe(revoke, 200, "form with a refresh token", () -> http.post("/auth/revoke", FORM,
                "token=" + enc(login(http, "alice").get("refresh_token").textValue())
                        + "&token_type_hint=refresh_token")));
        p.add(new Probe(revoke, 200, "JSON with an unknown token", () -> http.postJson("/auth/revoke",
                json(Map.of("token", "never-issued")))));
        p.add(new Probe(revoke, 400, "no token", () -> http.post("/auth/revoke", FORM, "token_type_hint=refresh_token")));
        p.add(new Probe(revoke, 405, "GET", () -> http.get("/auth/revoke")));
        p.add(new Probe(revoke, 413, "17 KiB", () -> http.postJson("/auth/revoke", TOO_LARGE)));
        p.add(new Probe(revoke, 415, "text/plain", () -> http.post("/auth/revoke", "text/plain", "token=x")));
        p.add(new Probe(revoke, 429, "rate limit spent", () -> limited.post("/auth/revoke", FORM, "token=x")));

        String me = "GET /auth/me";
        p.add(new Probe(me, 200, "Bearer", () -> http.bearerGet("/auth/me", aliceToken)));
        p.add(new Probe(me, 200, "Basic", () -> http.get("/auth/me", "Authorization", basic("alice", Seed.PASSWORD))));
        p.add(new Probe(me, 401, "no credentials", () -> http.get("/auth/me")));
        p.add(new Probe(me, 400, "access token in the query", () -> http.get("/auth/me?access_token=x")));
        p.add(new Probe(me, 401, "a token that is no JWT", () -> http.bearerGet("/auth/me", "not.a.token")));
        p.add(new Probe(me, 405, "POST", () -> http.postJson("/auth/me", "{}")));
        p.add(new Probe(me, 429, "Basic of a locked account", () -> http.get("/auth/me",
                "Authorization", basic("mallory", Seed.PASSWORD))));

        String password = "POST /auth/password";
        p.add(new Probe(password, 204, "right current password", () -> http.postJson("/auth/password",
                json(Map.of("current_password", Seed.PASSWORD, "new_password", "another fine one")),
                "Authorization", bearer(login(http, "pat").get("access_token").textValue()))));
        p.add(new Probe(password, 400, "no new_password", () -> http.postJson("/auth/password",
                json(Map.of("current_password", Seed.PASSWORD)), "Authorization", bearer(aliceToken))));
        p.add(new Probe(password, 400, "access token in the query", () -> http.postJson(
                "/auth/password?access_token=x", "{}")));
        p.add(new Probe(password, 401, "Basic credentials", () -> http.postJson("/auth/password",
                json(Map.of("current_password", Seed.PASSWORD, "new_password", "another fine one")),
                "Authorization", basic("alice", Seed.PASSWORD))));
        p.add(new Probe(password, 401, "external issuer's token", () -> http.postJson("/auth/password",
                json(Map.of("current_password", Seed.PASSWORD, "new_password", "another fine one")),
                "Authorization", bearer(externalToken()))));
        p.add(new Probe(password, 403, "wrong current password", () -> http.postJson("/auth/password",
                json(Map.of("current_password", "not it", "new_password", "another fine one")),
                "Authorization", bearer(login(http, "quinn").get("access_token").textValue()))));
        p.add(new Probe(password, 405, "GET", () -> http.get("/auth/password")));
        p.add(new Probe(password, 413, "17 KiB", () -> http.postJson("/auth/password", TOO_LARGE,
                "Authorization", bearer(aliceToken))));
        p.add(new Probe(password, 415, "text/plain", () -> http.post("/auth/password", "text/plain", "x",
                "Authorization", bearer(aliceToken))));
        p.add(new Probe(password, 422, "new password too easy", () -> http.postJson("/auth/password",
                json(Map.of("current_password", Seed.PASSWORD, "new_password", "abc")),
                "Authorization", bearer(aliceToken))));
        p.add(new Probe(password, 429, "locked account", () -> http.postJson("/auth/password",
                json(Map.of("current_password", Seed.PASSWORD, "new_password", "another fine one")),
                "Authorization", bearer(malloryToken))));

        String register = "POST /auth/register";
        p.add(new Probe(register, 201, "with an email", () -> http.postJson("/auth/register",
                json(Map.of("username", "newcomer", "email", "newcomer@example.org", "password", "a fine password")))));
        p.add(new Probe(register, 201, "without an email", () -> http.postJson("/auth/register",
                json(Map.of("username", "drifter", "password", "a fine password")))));
        p.add(new Probe(register, 400, "not a JSON object", () -> http.postJson("/auth/register", "[]")));
        p.add(new Probe(register, 404, "registration off", () -> closed.postJson("/auth/register",
                json(Map.of("username", "nobody", "password", "a fine password")))));
        p.add(new Probe(register, 405, "GET", () -> http.get("/auth/register")));
        p.add(new Probe(register, 409, "name taken", () -> http.postJson("/auth/register",
                json(Map.of("username", "alice", "password", "a fine password")))));
        p.add(new Probe(register, 413, "17 KiB", () -> http.postJson("/auth/register", TOO_LARGE)));
        p.add(new Probe(register, 415, "form", () -> http.post("/auth/register", FORM, "username=x&password=y")));
        p.add(new Probe(register, 422, "password too easy", () -> http.postJson("/auth/register",
                json(Map.of("username", "weakling", "password", "abc")))));
        p.add(new Probe(register, 429, "rate limit spent", () -> limited.postJson("/auth/register",
                json(Map.of("username", "late", "password", "a fine password")))));

        String jwks = "GET /auth/jwks.json";
        p.add(new Probe(jwks, 200, "no credentials", () -> http.get("/auth/jwks.json")));
        p.add(new Probe(jwks, 405, "POST", () -> http.postJson("/auth/jwks.json", "{}")));
        return p;
    }

    /** Requests at /down, whose store is stopped before they are sent. */
    private List<Probe> outageProbes() {
        List<Probe> p = new ArrayList<>();
        String loginBody = json(Map.of("username", "alice", "password", Seed.PASSWORD));
        p.add(new Probe("POST /auth/login", 503, "store down", () -> down.postJson("/auth/login", loginBody)));
        p.add(new Probe("POST /auth/token", 503, "Basic, store down", () -> down.postJson("/auth/token", "{}",
                "Authorization", basic("bob", Seed.PASSWORD))));
        p.add(new Probe("DELETE /auth/token/{jti}", 503, "Bearer, store down", () -> delete(down, "/down",
                "some-id", "Authorization: " + bearer(downAccess))));
        p.add(new Probe("POST /auth/refresh", 503, "store down", () -> down.postJson("/auth/refresh",
                json(Map.of("refresh_token", downRefresh)))));
        p.add(new Probe("POST /auth/logout", 503, "refresh token, store down", () -> down.postJson("/auth/logout",
                json(Map.of("refresh_token", downRefresh)))));
        p.add(new Probe("POST /auth/revoke", 503, "store down", () -> down.post("/auth/revoke", FORM,
                "token=" + enc(downRefresh))));
        p.add(new Probe("GET /auth/me", 503, "Basic, store down", () -> down.get("/auth/me",
                "Authorization", basic("bob", Seed.PASSWORD))));
        p.add(new Probe("POST /auth/password", 503, "store down", () -> down.postJson("/auth/password",
                json(Map.of("current_password", Seed.PASSWORD, "new_password", "another fine one")),
                "Authorization", bearer(downAccess))));
        p.add(new Probe("POST /auth/register", 503, "store down", () -> down.postJson("/auth/register",
                json(Map.of("username", "latecomer", "password", "a fine password")))));
        return p;
    }

    @Test
    void everyDocumentedStatusHasARequestHereThatProducesItAndNoOtherIs() {
        Set<String> probed = new TreeSet<>();
        liveProbes().forEach(p -> probed.add(p.key()));
        outageProbes().forEach(p -> probed.add(p.key()));
        Set<String> unprobed = new TreeSet<>(doc.documentedStatuses());
        unprobed.removeAll(probed);
        assertEquals(Set.of(), unprobed, "documented statuses no request here produces");
        Set<String> undocumented = new TreeSet<>(probed);
        undocumented.removeAll(doc.documentedStatuses());
        assertEquals(Set.of(), undocumented, "statuses requests here produce that the document lacks");
    }

    @Test
    void everyDocumentedStatusIsAnsweredWithTheDocumentedHeadersAndBody() {
        run(liveProbes());
    }

    @Test
    void storeOutageIsAnswered503AsDocumentedAtEveryEndpoint() {
        JsonNode tokens = login(down, "alice");
        downAccess = tokens.get("access_token").textValue();
        downRefresh = tokens.get("refresh_token").textValue();
        h2.stop();
        run(outageProbes());
    }

    @Test
    void everyPathRefusesTheMethodsItDoesNotServeWith405AllowingItsDocumentedOnes() {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        for (OpenApiDocument.Operation op : doc.operations()) {
            paths.computeIfAbsent(op.path(), k -> new ArrayList<>()).add(op.method());
        }
        assertEquals(List.of("GET", "POST"), paths.get("/auth/login"), "one path, two operations");
        for (Map.Entry<String, List<String>> path : paths.entrySet()) {
            String target = "/app" + path.getKey().replace("{jti}", "some-id");
            // HEAD is GET without a body (RFC 9110 §9.3.2): a path with a GET operation accepts it and says so.
            List<String> allowed = new ArrayList<>();
            for (String method : path.getValue()) {
                allowed.add(method);
                if (method.equals("GET")) {
                    allowed.add("HEAD");
                }
            }
            for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                if (allowed.contains(method)) {
                    continue;
                }
                Http.Response r = http.raw(method, target, List.of("Content-Type: application/json"), "{}");
                assertEquals(405, r.status(), method + " " + path.getKey() + ": " + r.body());
                assertEquals(String.join(", ", allowed), r.header("Allow"), method + " " + path.getKey());
            }
        }
    }

    @Test
    void everyGetOperationAnswersHeadWithTheStatusAndHeadOfGetAndNoBody() {
        List<OpenApiDocument.Operation> gets = doc.operations().stream().filter(op -> op.method().equals("GET")).toList();
        assertEquals(Set.of("/auth/login", "/auth/me", "/auth/jwks.json"),
                new TreeSet<>(gets.stream().map(OpenApiDocument.Operation::path).toList()));
        for (OpenApiDocument.Operation op : gets) {
            for (List<String> headers : List.of(List.<String>of(), List.of("Authorization: " + bearer(aliceToken)))) {
                Http.Response get = http.raw("GET", "/app" + op.path(), headers, null);
                Http.Response head = http.raw("HEAD", "/app" + op.path(), headers, null);
                String what = op.path() + (headers.isEmpty() ? "" : " with Bearer");
                assertEquals(get.status(), head.status(), what);
                assertFalse(get.body().isEmpty(), what);
                assertEquals("", head.body(), what + ": HEAD sent a body");
                for (String name : List.of("Content-Type", "Content-Length", "Cache-Control", "WWW-Authenticate")) {
                    assertEquals(get.headers(name), head.headers(name), what + " " + name);
                }
            }
        }
    }

    /**
     * A trusted issuer's valid token at every operation: where JwtGate refuses it because the
     * operation acts on its own sessions (decision 440), the document's 401 lists that answer, and
     * it lists it nowhere else (decision 551).
     */
    @Test
    void theRefusalOfAnExternalIssuersTokenIsDocumentedExactlyWhereItHappens() {
        String token = externalToken();
        String refusal = "{\"error\":\"invalid_token\",\"error_description\":\"" + OWN_TOKENS_ONLY + "\"}";
        assertEquals(200, http.bearerGet("/auth/me", token).status(), "the token is valid here");
        Set<String> refusing = new TreeSet<>();
        for (OpenApiDocument.Operation op : doc.operations()) {
            String target = "/app" + op.path().replace("{jti}", "some-id");
            String body = op.method().equals("POST") ? json(Map.of("current_password", Seed.PASSWORD,
                    "new_password", "another fine one")) : null;
            List<String> headers = body == null ? List.of("Authorization: " + bearer(token))
                    : List.of("Authorization: " + bearer(token), "Content-Type: application/json");
            Http.Response r = http.raw(op.method(), target, headers, body);
            if (r.status() == 401 && refusal.equals(r.body())) {
                assertEquals("Bearer realm=\"jwtgate\", error=\"invalid_token\", error_description=\""
                        + OWN_TOKENS_ONLY + "\"", r.header("WWW-Authenticate"), op.toString());
                refusing.add(op.toString());
            }
        }
        assertEquals(Set.of("POST /auth/token", "DELETE /auth/token/{jti}", "POST /auth/logout", "POST /auth/password"),
                refusing, "the operations that act on JwtGate's own sessions, tokens or accounts");
        Set<String> documented = new TreeSet<>();
        for (OpenApiDocument.Operation op : doc.operations()) {
            JsonNode unauthorized = op.node().path("responses").path("401");
            if (unauthorized.isMissingNode()) {
                continue;
            }
            JsonNode content = doc.resolve(unauthorized).path("content").path("application/json");
            List<JsonNode> examples = new ArrayList<>();
            content.path("examples").forEach(example -> examples.add(doc.resolve(example).path("value")));
            examples.add(content.path("example"));
            for (JsonNode example : examples) {
                if (example.path("error").asText().equals("invalid_token")
                        && example.path("error_description").asText().equals(OWN_TOKENS_ONLY)) {
                    documented.add(op.toString());
                }
            }
        }
        assertEquals(refusing, documented, "operations whose documented 401 shows the refusal of an external token");
    }

    /** The servlet answers nothing below /auth/ but the documented paths. */
    @Test
    void pathsBelowAuthThatAreNotDocumentedAre404() {
        for (String path : List.of("/auth", "/auth/", "/auth/jwks", "/auth/login/extra", "/auth/LOGIN",
                "/auth/token/", "/auth/authorize")) {
            for (String method : List.of("GET", "POST")) {
                Http.Response r = http.raw(method, "/app" + path, List.of("Content-Type: application/json",
                        "Authorization: " + bearer(aliceToken)), "{}");
                if (path.equals("/auth/token/")) {
                    // Below /auth/token/ every name is a token id, the empty one too: DELETE only.
                    assertEquals(405, r.status(), method + " " + path);
                    continue;
                }
                assertEquals(404, r.status(), method + " " + path + ": " + r.body());
                assertEquals("not_found", json(r).get("error").textValue());
            }
        }
    }

    /** Sends every probe, checks each answer, then that each optional header was seen at least once. */
    private void run(List<Probe> probes) {
        Set<String> optionalHeaders = new TreeSet<>();
        Set<String> seenHeaders = new LinkedHashSet<>();
        for (Probe probe : probes) {
            Http.Response r = probe.request().get();
            assertEquals(probe.status(), r.status(), probe + ": " + r.body());
            JsonNode response = doc.response(probe.operation(), probe.status());
            for (Map.Entry<String, JsonNode> header : doc.headers(response).entrySet()) {
                String name = header.getKey();
                String value = r.header(name);
                boolean required = header.getValue().path("required").asBoolean();
                if (!required) {
                    optionalHeaders.add(probe.key() + " " + name);
                }
                if (value == null) {
                    assertFalse(required, probe + " lacks " + name);
                    continue;
                }
                seenHeaders.add(probe.key() + " " + name);
                checkValue(probe + " " + name, doc.resolve(header.getValue().path("schema")), value);
            }
            checkBody(probe, response, r);
        }
        Set<String> neverSeen = new TreeSet<>(optionalHeaders);
        neverSeen.removeAll(seenHeaders);
        assertEquals(Set.of(), neverSeen, "documented headers no request here produced");
    }

    private void checkBody(Probe probe, JsonNode response, Http.Response r) {
        JsonNode content = response.path("content");
        if (content.isEmpty()) {
            assertEquals("", r.body(), probe + " documents no body");
            return;
        }
        String type = r.header("Content-Type");
        assertNotNull(type, probe + " has no Content-Type");
        String media = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        assertTrue(content.has(media), probe + " answered " + media + ", documented " + content.fieldNames().next());
        if (media.equals("text/html")) {
            // JwtGate's pages are the login page, whatever the status: the form and its CSRF echo.
            assertTrue(r.body().startsWith("<!DOCTYPE html>") && r.body().contains("name=\"_csrf\""),
                    probe + ": " + r.body());
            return;
        }
        JsonNode schema = content.get(media).path("schema");
        JsonNode body = json(r);
        for (String field : doc.requiredProperties(schema)) {
            assertTrue(body.has(field), probe + " lacks " + field + ": " + r.body());
        }
        Map<String, JsonNode> properties = doc.properties(schema);
        for (Map.Entry<String, JsonNode> field : OpenApiDocument.fields(body)) {
            JsonNode property = properties.get(field.getKey());
            if (doc.resolve(schema).path("additionalProperties").asBoolean(true)) {
                if (property == null) {
                    continue;
                }
            } else {
                assertNotNull(property, probe + ": undocumented field " + field.getKey());
            }
            if (field.getValue().isTextual()) {
                checkValue(probe + " " + field.getKey(), property, field.getValue().textValue());
            }
        }
    }

    /** The {@code const}, {@code enum} and {@code pattern} of a string schema. */
    private static void checkValue(String what, JsonNode schema, String value) {
        if (schema.has("const")) {
            assertEquals(schema.get("const").asText(), value, what);
        }
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(v -> allowed.add(v.asText()));
            assertTrue(allowed.contains(value), what + ": " + value + " is not one of " + allowed);
        }
        if (schema.has("pattern")) {
            assertTrue(Pattern.compile(schema.get("pattern").asText()).matcher(value).find(),
                    what + ": " + value + " does not match " + schema.get("pattern").asText());
        }
    }

    /** The CSRF cookie's name at /app: production names, since nothing relaxes them there. */
    private static final String CSRF_COOKIE = "__Host-jwtgate.csrf";

    /** A fresh CSRF token, as the login page sets it in its cookie. */
    private String csrfToken() {
        Http.Response r = http.get("/auth/login", "Accept", "text/html");
        assertEquals(200, r.status(), r.body());
        return valueOf(sessionCookies(r), CSRF_COOKIE);
    }

    /** A browser's form login with the CSRF cookie and its echo. */
    private Http.Response browserLogin(String username, String password, String csrf) {
        return http.post("/auth/login", FORM, "username=" + enc(username) + "&password=" + enc(password) + "&_csrf="
                + enc(csrf) + "&redirect=%2Fapp%2Fmessages", "Accept", "text/html", "Origin", http.origin(),
                "Cookie", CSRF_COOKIE + "=" + csrf);
    }

    /** {@code name=value} of every cookie a response sets, attributes dropped. */
    private static List<String> sessionCookies(Http.Response r) {
        List<String> out = new ArrayList<>();
        for (String line : r.headers("Set-Cookie")) {
            out.add(line.split(";", 2)[0]);
        }
        return out;
    }

    private static String valueOf(List<String> cookies, String name) {
        for (String cookie : cookies) {
            if (cookie.startsWith(name + "=")) {
                return cookie.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no cookie " + name + " in " + cookies);
    }

    private static JsonNode login(Http http, String username) {
        Http.Response r = http.postJson("/auth/login", json(Map.of("username", username, "password", Seed.PASSWORD)));
        assertEquals(200, r.status(), r.body());
        return json(r);
    }

    private static Http.Response delete(Http http, String contextPath, String jti, String... headerLines) {
        return http.raw("DELETE", contextPath + "/auth/token/" + enc(jti), List.of(headerLines), null);
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Map<String, ?> fields) {
        try {
            return StrictJson.mapper().writeValueAsString(new LinkedHashMap<>(fields));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
