package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.sample.Verdicts.Answer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Request paths that try to reach a servlet while the rules judge another path (issue 7 item 1),
 * against the sample's real {@code web.xml}: exact mappings, the prefix mappings {@code /admin/*}
 * and {@code /api/*}, the extension mapping {@code *.do} and the default servlet {@code /}. Every
 * target goes over a socket byte for byte. The answers are exact: JwtGate's 400
 * {@code invalid_request} for a path it cannot judge as served, the container's own 400 where it
 * refuses first, or what the rule of the served path says; never a protected servlet's output
 * without the right caller.
 */
abstract class AbstractPathAttackIT extends AbstractAttackIT {

    static final String PATH_REFUSED =
            "The request path holds an encoded semicolon, backslash, dot segment or control character";

    /** How an anonymous hostile request must be answered. */
    enum Expect {
        /** JwtGate's 400 invalid_request with the Bearer challenge. */
        REFUSED_BY_JWTGATE,
        /** The container's own 400, before JwtGate runs. */
        REFUSED_BY_CONTAINER,
        /** The served path's rule asks for a caller: 401 with both challenges (Basic is on in the sample). */
        UNAUTHORIZED,
        /** The container resolved the path to /public/health itself and serves that under its permit rule. */
        PUBLIC_HEALTH
    }

    /** A hostile target with the answer of each container. */
    record Hostile(String target, Expect jetty, Expect tomcat) {
        Expect in(ContainerKind container) {
            return container == ContainerKind.JETTY ? jetty : tomcat;
        }
    }

    private static Hostile both(String target, Expect expect) {
        return new Hostile(target, expect, expect);
    }

    private Answer get(String target, String token) throws IOException {
        return Answer.of(RawHttp.send(app.port(), "GET", target, token));
    }

    private String login(String username) {
        HttpResponse<String> response = http.postJson("/auth/login", Http.object()
                .put("username", username).put("password", AttackDeployment.PASSWORD), null);
        assertEquals(200, response.statusCode(), response.body());
        return Http.json(response).get("access_token").asText();
    }

    /** Positive controls: each kind of mapping serves its own output, under the rule of its path. */
    @Test
    void controlEveryKindOfMappingServesUnderTheRuleOfItsPath() throws IOException {
        String admin = login("admin");
        String alice = login("alice");
        Verdicts v = verdicts();
        v.reached("admin on the /admin/* servlet", get("/admin/reports", admin), "admin area");
        v.reached("admin on the exact /admin/users", get("/admin/users", admin), "admin area");
        v.reached("alice on the /api/* servlet", get("/api/things", alice), "api area");
        v.reached("alice on the exact /api/hello", get("/api/hello", alice), "Hello, alice");
        v.reached("alice on the *.do servlet", get("/report.do", alice), "legacy action");
        v.reached("alice on the default servlet", get("/", alice), "sample home");
        v.reached("anonymous on the exact /public/health", get("/public/health", null), "\"ok\"");
        v.refusedWith(403, "alice on the /admin/* servlet", get("/admin/reports", alice));
        v.unauthorized("anonymous on the /admin/* servlet", get("/admin/reports", null));
        v.unauthorized("anonymous on the *.do servlet", get("/report.do", null));
        v.unauthorized("anonymous on the default servlet", get("/", null));
        v.assertAll();
        Answer missing = get("/public/nothing", null);
        assertEquals(404, missing.status(), "the default servlet answers unmapped public paths: " + missing);
        assertTrue(missing.body().contains("sample default servlet"), missing.toString());
    }

    /**
     * The confirmed bypass: both containers dispatch {@code /admin/x/..%3B/..%3B/public/health} to
     * the {@code /admin/*} servlet with the {@code ;} decoded, and the old matching read that as
     * {@code /public/health} under {@code permit}. Likewise out of {@code /api/*}, into the
     * {@code *.do} servlet and into the default servlet. Refused for every caller.
     */
    @Test
    void encodedSemicolonDotSegmentsGet400AndNeverReachAPrefixExtensionOrDefaultServlet() throws IOException {
        String alice = login("alice");
        Verdicts v = verdicts();
        for (String target : List.of("/admin/x/..%3B/..%3B/public/health", "/admin/x/..%3b/..%3b/public/health",
                "/admin/x;/..%3B/..%3B/public/health", "/admin/..%3B/public/health",
                "/admin/x;a=b/..%3B/..%3B/public/health", "/api/x/..%3B/..%3B/public/health",
                "/report/..%3B/public/x.do", "/secret/x/..%3B/..%3B/public/x.do",
                "/secret/..%3B/public/nothing", "/public/health/..%3B/..%3B/admin/users", "/admin/users%3B")) {
            for (String token : Arrays.asList(null, alice)) {
                String who = token == null ? " anonymously" : " as alice";
                v.invalidRequest(target + who, get(target, token), PATH_REFUSED);
            }
        }
        v.assertAll();
    }

    /**
     * The other tricks of the issue ({@code %2e%2e}, {@code %5C}, {@code %2F}, {@code //},
     * path parameters, {@code %61dmin}, a NUL byte), against prefix, extension and default
     * targets. Where a container refuses or resolves a path itself the answers differ by
     * container, and the table says how.
     */
    @Test
    void hostilePathsGetTheExactAnswerOfTheirContainerAndNeverAProtectedServlet() throws IOException {
        Expect gate = Expect.REFUSED_BY_JWTGATE;
        Expect container = Expect.REFUSED_BY_CONTAINER;
        Expect unauthorized = Expect.UNAUTHORIZED;
        List<Hostile> paths = List.of(
                new Hostile("/admin/x/%2e%2e/%2e%2e/public/health", container, Expect.PUBLIC_HEALTH),
                new Hostile("/admin/x/%2E%2E/%2E%2E/public/health", container, Expect.PUBLIC_HEALTH),
                new Hostile("/public/%2e%2e/admin/reports", container, unauthorized),
                new Hostile("/public/%2e%2e/report.do", container, unauthorized),
                both("/public/..%5Cadmin/reports", container),
                both("/admin/x/..%5C..%5Cpublic/health", container),
                both("/public/..%5Creport.do", container),
                both("/public/..%2Fadmin/reports", container),
                both("/public/..%2fadmin/users", container),
                both("/admin%2Freports", container),
                both("/public%2F..%2Freport.do", container),
                new Hostile("//admin/reports", container, unauthorized),
                new Hostile("//admin/users", container, unauthorized),
                new Hostile("/public//..//admin/reports", container, unauthorized),
                both("/admin;x=1/", unauthorized),
                both("/admin;x=1/reports", unauthorized),
                both("/report.do;x=1", unauthorized),
                both("/%61dmin/reports", unauthorized),
                both("/%72eport.do", unauthorized),
                both("/admin/reports%00", container),
                both("/report%00.do", container),
                both("/public/health%00", container),
                both("/secret%00/x", container),
                new Hostile("/admin/reports%09", container, gate),
                new Hostile("/admin/reports%7F", container, gate));
        Verdicts v = verdicts();
        List<String> unlisted = new ArrayList<>();
        for (Hostile path : paths) {
            String target = path.target();
            Answer answer = get(target, null);
            switch (path.in(container())) {
                case REFUSED_BY_JWTGATE -> v.invalidRequest(target, answer, PATH_REFUSED);
                case REFUSED_BY_CONTAINER -> {
                    v.refusedWith(400, target, answer);
                    if (!answer.challenges().isEmpty()) {
                        unlisted.add(target + ": a challenge from the container's own 400? " + answer);
                    }
                }
                case UNAUTHORIZED -> v.unauthorized(target, answer);
                case PUBLIC_HEALTH -> v.reached(target, answer, "\"ok\"");
            }
        }
        v.assertAll();
        assertEquals(List.of(), unlisted);
    }

    /** The other half of decision 53: with Basic allowed (warn), a malformed Basic header is still a 400. */
    @Test
    void malformedBasicHeaderWhileBasicIsAllowedGets400EvenOnAPermitPath() throws IOException {
        Verdicts v = verdicts();
        for (String header : List.of("Basic", "Basic !!!", "Basic bm9jb2xvbg==")) {
            Answer answer = Answer.of(RawHttp.send(app.port(), "GET", "/public/health",
                    List.<String[]>of(new String[] {"Authorization", header}), null));
            v.invalidRequest(header, answer);
        }
        v.assertAll();
    }
}
