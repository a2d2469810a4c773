package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reviewer a1 (issue 9): rules written for LoginServlet paths ({@code /auth/** -> deny},
 * {@code /auth/token -> role:admin}) are silently ignored, since requests to the LoginServlet
 * skip the rules (docs/configuration.md says so, but nothing at start-up does). An operator who
 * tries to close self-registration or token minting this way gets no effect and no warning.
 * Asserts the secure expectation: either the rule takes effect or the start-up log names it.
 */
class A1RulesOnLoginServletIT {

    @TempDir
    Path temp;

    private RunningApp app;

    @AfterEach
    void undeploy() {
        if (app != null) {
            app.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void aDenyRuleOnAuthPathsTakesEffectOrIsWarnedAbout(ContainerKind container) throws Exception {
        Path data = temp.resolve("data");
        A1ServeIT.seed(data);
        Map<String, String> params = new java.util.HashMap<>(A1ServeIT.params(data));
        params.put("jwtgate.register.enabled", "true");
        params.put("jwtgate.rules", "/auth/register -> deny; /auth/token -> role:admin; /** -> authenticated");
        try (CapturedLog log = new CapturedLog()) {
            app = container.deploy(A1ServeIT.fragmentApp(temp.resolve("app"), A1ServeIT.webXmlWithRewriteFilter()),
                    params, temp.resolve("work"));
            assertTrue(app.available(), () -> "did not start: " + app.startupFailure());
            Http http = new Http(app, "198.18.9.9");
            var register = http.postJson("/auth/register", Http.object().put("username", "mallory")
                    .put("password", "a long and unusual passphrase 8812"), null);
            boolean warned = log.lines().stream().anyMatch(l -> l.contains("/auth/register"));
            System.out.println("A1 " + container + " register with '/auth/register -> deny': " + register.statusCode()
                    + " " + register.body() + " warned=" + warned);
            List<Integer> refused = List.of(403, 404);
            assertTrue(refused.contains(register.statusCode()) || warned,
                    "'/auth/register -> deny' neither applied nor warned about: " + register.statusCode() + " "
                            + register.body());
        }
    }
}
