package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.AttributeWalker;
import jakarta.servlet.ServletContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Decision 151: the sample deployed without a configured signing secret uses its development
 * secret, and expression language injected into one of its pages cannot reach it: not as
 * {@code ${initParam['jwtgate.signing.secret']}}, not in any context attribute, and not through
 * the getters of the {@code ServletContext} object itself (in Jetty down to the handler's maps).
 * The walk runs in the container's JVM over the deployed application's own context, as a page's
 * EL would, in both containers.
 */
class DevSecretExposureIT {

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void theDevelopmentSecretIsNotReachableFromTheServletContext(ContainerKind kind, @TempDir Path temp)
            throws Exception {
        Path data = temp.resolve("data");
        // No jwtgate.signing.secret and no demo.password: the development secret path, as a
        // first-time user runs the sample.
        Map<String, String> params = Map.of("jwtgate.data-dir", data.toString(), "jwtgate.bcrypt.cost", "10");
        try (CapturedLog log = new CapturedLog();
                RunningApp app = kind.deploy(SampleWar.path(), params, temp.resolve("work"))) {
            assertTrue(app.available(), app.startupFailure().map(Throwable::toString).orElse(kind + " did not start"));
            byte[] secret = Base64.getDecoder().decode(Files.readString(data.resolve(DevSecret.FILE_NAME)).strip());
            ServletContext context = app.servletContext();

            assertTrue(context.getInitParameter("jwtgate.signing.secret") == null, "the secret is a context-param");
            AttributeWalker walker = new AttributeWalker(secret);
            List<String> attributes = Collections.list(context.getAttributeNames());
            for (String name : attributes) {
                walker.walk("applicationScope['" + name + "']", context.getAttribute(name));
            }
            Map<String, String> initParams = new TreeMap<>();
            for (String name : Collections.list(context.getInitParameterNames())) {
                initParams.put(name, context.getInitParameter(name));
            }
            walker.walk("initParam", initParams);
            walker.walk("pageContext.servletContext", context);

            assertEquals(List.of(), walker.findings());
            assertFalse(attributes.contains("io.jwtgate.private-settings"), attributes.toString());
            assertTrue(walker.visited() > 50, "the walk reached into the context: " + walker.visited());
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("signing secret from set-up code")),
                    log.lines().stream().filter(l -> l.contains("JwtGate")).toList().toString());
        }
    }

    /** Control: the same walk finds the development secret where the sample used to put it. */
    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void theWalkFindsASecretInAContextParam(ContainerKind kind, @TempDir Path temp) throws Exception {
        Path data = temp.resolve("data");
        String planted = DevSecret.loadOrCreate(data);
        Map<String, String> params = Map.of("jwtgate.data-dir", data.toString(), "jwtgate.bcrypt.cost", "10",
                "jwtgate.signing.secret", planted);
        try (RunningApp app = kind.deploy(SampleWar.path(), params, temp.resolve("work"))) {
            assertTrue(app.available(), app.startupFailure().map(Throwable::toString).orElse(kind + " did not start"));
            AttributeWalker walker = new AttributeWalker(Base64.getDecoder().decode(planted.substring("base64:".length())));
            walker.walk("initParam", Map.of("jwtgate.signing.secret",
                    app.servletContext().getInitParameter("jwtgate.signing.secret")));

            assertTrue(walker.findings().contains("initParam['jwtgate.signing.secret'] holds secret #0 as base64 text"),
                    walker.findings().toString());
        }
    }
}
