package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The outside review of the path split once per request (decision 615: {@code
 * PathNormalizer.normalizedSegments} feeding {@code AccessRules.match(method, String[])}) over real
 * HTTP. Whatever request target an anonymous caller, a user or a guest sends (dot segments plain,
 * encoded, overlong or with path parameters, encoded slashes and backslashes, double slashes, empty
 * segments, NUL, extension tricks, absolute form), every answer that reaches a servlet is checked
 * against an oracle written apart from JwtGate's matcher: the path the servlet itself reports
 * ({@code servletPath + pathInfo}) must be one the rules let that caller reach. Prefix ({@code /admin/*},
 * {@code /api/*}), extension ({@code *.do}), exact and default mappings, so servletPath/pathInfo split
 * every way; no answer is a 5xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SplitPathAttackContract {

    private static final String RULES = String.join("\n",
            "/admin/** -> role:admin",
            "/api/secret/** -> role:admin",
            "/**/*.do -> role:admin",
            "/public/** -> permit",
            "/** -> authenticated");

    /** Stands for the server's origin in an absolute-form target. */
    private static final String ORIGIN = "{origin}";

    private static final List<String> TARGETS = List.of(
            "/app/public/hello", "/app/public/x", "/app/public/", "/app/public",
            "/app/admin/users", "/app/admin", "/app/admin/", "/app/admin;/users", "/app/admin;x=y/users",
            "/app/admin%3b/users", "/app/admin%3B/users", "/app/ADMIN/users", "/app/admin./users", "/app/admin%20/users",
            "/app/public/../admin/users", "/app/public/..;/admin/users", "/app/public/..;x/admin/users",
            "/app/public/%2e%2e/admin/users", "/app/public/%2E%2E/admin/users", "/app/public/.%2e/admin/users",
            "/app/public/%2e./admin/users", "/app/public/..%2fadmin/users", "/app/public%2f..%2fadmin/users",
            "/app/public/..%5cadmin/users", "/app/public/..%5Cadmin%5Cusers", "/app/public/hello/..;/..;/admin/users",
            "/app/public;/../admin/users", "/app/public;x=y/../admin/users", "/app/public/..%3b/admin/users",
            "/app/public/%00/../admin/users", "/app/public/..%00/admin/users", "/app/public/%c0%ae%c0%ae/admin/users",
            "/app/public/%e0%80%ae%e0%80%ae/admin/users", "/app/public/%252e%252e/admin/users",
            "/app/public/%ef%bc%8e%ef%bc%8e/admin/users", "/app//public/../admin/users", "/app/public//../admin/users",
            "/app/public/hello/../../admin/users", "/app/public/x/../../admin", "/app/./admin/users",
            "/app/public/./../admin", "/app;x/public/../admin/users", "/app;x=y/admin/users",
            "/app/public/..;jsessionid=abc/admin/users", "/app/public/hello%2f..%2f..%2fadmin/users",
            "/app/public/%2e%2e/", "/app/public/..%2f",
            "/app/public/%2e%2e%2f%2e%2e%2fapp%2fadmin", "/app/public/%", "/app/public/%zz", "/app/public/%u002e%u002e/admin",
            "/app//admin/users", "/app/admin//users", "/app///admin///users", "/app/admin/./users", "/app/admin/x/../users",
            "/app/public/x.do", "/app/x.do", "/app/a/b/x.do", "/app/x.do;jsessionid=1", "/app/x.do;.css", "/app/x.do%3b.css",
            "/app/x.do/", "/app/x.do%2f", "/app/x.d%6f", "/app/x.DO", "/app/x.do%00", "/app/x.do.", "/app/x.do%20",
            "/app/public/../admin/x.do", "/app/public/..;/admin/x.do", "/app/public/x.do/../../admin/users",
            "/app/api/hello", "/app/api/hello/", "/app/api/x", "/app/api/secret", "/app/api/secret/", "/app/api/secret/x",
            "/app/api//secret/x", "/app/api/./secret", "/app/api/x/../secret", "/app/api;/secret", "/app/api/secret;",
            "/app/api/secret;x=y/z", "/app/api%2fsecret", "/app/api/%73ecret", "/app/api/secret%2f", "/app/api/secret%00",
            "/app/public/../api/secret", "/app/public/..;/api/secret/x", "/app/api/public/../secret",
            "/app/x", "/app/", "/app/;", "/app/;/admin/users",
            "/app/public/hello?x=/../../admin/users", "/app/public/hello#/../../admin/users",
            ORIGIN + "/app/public/../admin/users", ORIGIN + "/app/admin/users", ORIGIN + "/app/public/..;/admin/users");

    private Container.Running server;
    private Http http;
    private String user;
    private String guest;
    private String admin;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-split-path-attack");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.rules", RULES);
        Seed.users(params);
        server = container().start(params, dir);
        assertTrue(server.available(), server.startFailure());
        http = server.http();
        user = login("alice");
        guest = login("bob");
        admin = login("admin");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String login(String name) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"" + name + "\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8)).get("access_token").textValue();
    }

    /**
     * Whether the rules let a caller with {@code admin} or not ({@code authenticated} false: nobody)
     * reach {@code servedPath}; written apart from PathPattern, over the segments the servlet saw.
     */
    private static boolean oracleAdmits(String servedPath, boolean authenticated, boolean isAdmin) {
        String[] s = Arrays.stream(servedPath.split("/")).filter(x -> !x.isEmpty()).toArray(String[]::new);
        if (s.length >= 1 && s[0].equals("admin")
                || s.length >= 2 && s[0].equals("api") && s[1].equals("secret")
                || s.length >= 1 && s[s.length - 1].endsWith(".do")) {
            return isAdmin;
        }
        if (s.length >= 1 && s[0].equals("public")) {
            return true;
        }
        return authenticated;
    }

    /** What each target of one caller was answered, and what went wrong, if anything. */
    private record Probed(List<String> wrong, int reachedServlet, int refusedByJwtGate) {
    }

    private Probed probe(List<String> targets, String token, String name, boolean isAdmin) {
        List<String> wrong = new ArrayList<>();
        int reached = 0;
        int refused = 0;
        for (String t : targets) {
            String target = t.replace(ORIGIN, http.origin());
            Http.Response r = http.raw("GET", target, token == null ? List.of() : List.of("Authorization: Bearer " + token), null);
            if (r.status() == 400 && r.body().startsWith("{\"error\":\"invalid_request\"")) {
                refused++;
            }
            if (r.status() >= 500) {
                wrong.add(target + ": " + r.status() + " " + r.body());
                continue;
            }
            if (r.status() != 200) {
                continue;
            }
            reached++;
            JsonNode echo = StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
            String served = echo.path("path").asText();
            if (!oracleAdmits(served, token != null, isAdmin)) {
                wrong.add(target + ": " + name + " reached " + echo.path("servlet").asText() + " on " + served);
            }
            if (token != null && !name.equals(echo.path("username").asText(null))) {
                wrong.add(target + ": answered as " + echo.path("username").asText(null) + " for " + name);
            }
            if (token == null && !echo.path("principal").isNull()) {
                wrong.add(target + ": anonymous answered as " + echo.path("principal"));
            }
        }
        return new Probed(wrong, reached, refused);
    }

    /** Every target for one caller: what went wrong; the probe is not vacuous. */
    private List<String> probe(String token, String name, boolean isAdmin) {
        Probed p = probe(TARGETS, token, name, isAdmin);
        assertTrue(p.reachedServlet() >= (token == null ? 4 : 8), "answers that reached a servlet: " + p.reachedServlet());
        assertTrue(p.refusedByJwtGate() >= 3, "paths JwtGate refused itself: " + p.refusedByJwtGate());
        return p.wrong();
    }

    @Test
    void anAnonymousCallerReachesOnlyPublicPathsWhateverTheTarget() {
        List<String> wrong = probe(null, "anonymous", false);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(200, http.raw("GET", "/app/public/hello", List.of(), null).status(), "the oracle is not vacuous");
        assertEquals(401, http.raw("GET", "/app/admin/users", List.of(), null).status());
    }

    @Test
    void aUserReachesNoAdminPrefixExtensionOrApiSecretServletWhateverTheTarget() {
        List<String> wrong = probe(user, "alice", false);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(403, http.bearerGet("/admin/users", user).status());
        assertEquals(403, http.bearerGet("/api/secret/x", user).status());
        assertEquals(403, http.bearerGet("/a/b/x.do", user).status());
        assertEquals(200, http.bearerGet("/api/x", user).status());
    }

    @Test
    void aGuestGetsTheSameJudgementAsAUserAndAnAdminNeverAFiveHundred() {
        List<String> wrong = probe(guest, "bob", false);
        wrong.addAll(probe(admin, "admin", true));
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(200, http.bearerGet("/admin/users", admin).status());
        assertEquals(200, http.bearerGet("/x.do", admin).status());
    }
}
