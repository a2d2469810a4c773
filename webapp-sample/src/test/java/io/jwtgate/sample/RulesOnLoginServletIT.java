package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rules written for LoginServlet paths ({@code /auth/register -> deny}) never apply: requests to
 * LoginServlet skip the rules. The start-up log says so, once per such rule, and names what to use
 * instead (decision 201); a catch-all such as {@code /** -> authenticated} is not warned about.
 */
class RulesOnLoginServletIT {

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
    void rulesUnderTheLoginServletMappingAreWarnedAboutAtStart(ContainerKind container) throws Exception {
        Path data = temp.resolve("data");
        FragmentApps.seed(data);
        Map<String, String> params = new java.util.HashMap<>(FragmentApps.params(data));
        params.put("jwtgate.register.enabled", "true");
        params.put("jwtgate.rules", "/auth/register -> deny; /auth/token -> role:admin; /** -> authenticated");
        try (CapturedLog log = new CapturedLog()) {
            app = container.deploy(FragmentApps.fragmentApp(temp.resolve("app"),
                    FragmentApps.webXmlWithRewriteFilter()), params, temp.resolve("work"));
            assertTrue(app.available(), () -> "did not start: " + app.startupFailure());
            List<String> warnings = log.lines().stream()
                    .filter(l -> l.contains("LoginServlet paths are never judged by the rules")).toList();
            assertEquals(2, warnings.size(), String.join("\n", log.lines()));
            assertTrue(warnings.get(0).contains("\"/auth/register -> deny\" lies under LoginServlet's mapping /auth/**")
                    && warnings.get(0).contains("jwtgate.register.enabled=false"), warnings.get(0));
            assertTrue(warnings.get(1).contains("\"/auth/token -> role:admin\""), warnings.get(1));

            // What the warning is about: the deny rule does not close registration.
            var register = new Http(app, "198.18.9.9").postJson("/auth/register", Http.object()
                    .put("username", "mallory").put("password", "a long and unusual passphrase 8812"), null);
            assertEquals(201, register.statusCode(), register.body());
        }
    }
}
