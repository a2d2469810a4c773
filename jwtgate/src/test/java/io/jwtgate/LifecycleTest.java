package io.jwtgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.TestSettings;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Start-up, sharing and shutdown of the JwtGate instance inside a container. */
class LifecycleTest {

    @TempDir
    Path dir;

    private static Set<String> poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("jwtgate"))
                .collect(Collectors.toSet());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void applicationWithoutSecretRefusesToStartAndServesNothing(Container container) {
        Map<String, String> params = new HashMap<>(TestSettings.params(dir));
        params.remove("jwtgate.signing.secret");
        try (Container.Running running = container.start(params, dir)) {
            assertFalse(running.available(), "the application must not be available");
            assertNotNull(running.startFailure(), container + " must report why the application did not start");
            assertTrue(running.startFailure().contains("jwtgate.signing.secret: no signing secret"),
                    running.startFailure());
            if (container == Container.JETTY) {
                return; // Jetty fails the whole server: nothing listens.
            }
            // Tomcat leaves the failed context stopped: no context matches, Tomcat itself answers 404.
            Http.Response r = running.http().get("/api/hello");
            assertEquals(404, r.status(), r.body());
            assertFalse(r.body().contains("\"reached\""));
            Http.Response open = running.http().get("/auth/login");
            assertEquals(404, open.status(), open.body());
            assertFalse(open.body().contains("\"reached\""));
        }
    }

    /**
     * A placeholder secret long enough for HS256 stops the application; the failure (thrown by
     * Jetty, logged by Tomcat) names the key and the fix, and nothing anywhere quotes the secret.
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void placeholderSigningSecretRefusesToStartNamingTheKeyAndNotTheSecret(Container container) {
        String weak = "ThisIsMySecretKeyChangeMe!1234567890";
        Secrets.remember(weak);
        Map<String, String> params = new HashMap<>(TestSettings.params(dir));
        params.put("jwtgate.signing.secret", weak);
        int before = LogCapture.lines().size();
        try (Container.Running running = container.start(params, dir)) {
            assertFalse(running.available(), "the application must not be available");
            List<String> logged = LogCapture.lines().subList(before, LogCapture.lines().size());
            String failure = running.startFailure() != null ? running.startFailure() : String.join("\n", logged);
            assertTrue(failure.contains("jwtgate.signing.secret: the secret is made of well-known placeholder words"),
                    failure);
            assertTrue(failure.contains("openssl rand -base64 48"), failure);
            assertFalse(failure.contains(weak), failure);
            assertTrue(logged.stream().noneMatch(l -> l.contains(weak)), "the secret was logged");
            if (running.startFailure() == null) {
                Http.Response r = running.http().get("/api/hello");
                assertFalse(r.body().contains("\"reached\""), r.body());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void stoppingTheApplicationClosesThePool(Container container) {
        Set<String> before = poolThreads();
        try (Container.Running running = container.start(TestSettings.params(dir), dir)) {
            assertTrue(running.available());
            assertEquals(401, running.http().get("/api/hello").status());
            assertTrue(poolThreads().stream().anyMatch(n -> n.contains("housekeeper")), poolThreads().toString());
        }
        assertEquals(before, poolThreads(), "no JwtGate pool thread may survive the application");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void unknownKeyInInitParamsRefusesToStart(Container container) {
        Map<String, String> params = new HashMap<>(TestSettings.params(dir));
        params.put("jwtgate.signing.secrt", "typo");
        try (Container.Running running = container.start(params, dir)) {
            assertFalse(running.available());
            assertNotNull(running.startFailure(), container + " must report why the application did not start");
            assertTrue(running.startFailure().contains("jwtgate.signing.secrt: unknown configuration key"),
                    running.startFailure());
        }
    }

    @org.junit.jupiter.api.Test
    void filterAndServletShareOneInstanceReleasedByTheLast() throws ServletException {
        jakarta.servlet.ServletContext context = Container.JETTY.detachedContext(TestSettings.params(dir));
        JwtGate first = JwtGate.acquire(context);
        JwtGate second = JwtGate.acquire(context);
        assertSame(first, second);
        Object held = context.getAttribute(JwtGate.class.getName());
        assertOpaque(held);
        JwtGate.release(context);
        assertSame(held, context.getAttribute(JwtGate.class.getName()));
        JwtGate.release(context);
        assertEquals(null, context.getAttribute(JwtGate.class.getName()));
    }

    @org.junit.jupiter.api.Test
    void startupFailureMessageNamesTheKeyAndNotTheSecret() {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.signing.secret", "too-short-secret");
        jakarta.servlet.ServletContext context = Container.JETTY.detachedContext(params);
        ServletException e = assertThrows(ServletException.class, () -> JwtGate.acquire(context));
        assertTrue(e.getMessage().contains("jwtgate.signing.secret"), e.getMessage());
        assertFalse(e.getMessage().contains("too-short-secret"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void applicationProvidedInstanceIsUsedAndNotClosed() throws ServletException {
        jakarta.servlet.ServletContext context = Container.JETTY.detachedContext(Map.of());
        try (JwtGate own = JwtGate.start(TestSettings.settings(TestSettings.params(dir)))) {
            context.setAttribute(JwtGate.class.getName(), own);
            assertSame(own, JwtGate.acquire(context));
            assertOpaque(context.getAttribute(JwtGate.class.getName()));
            assertSame(own, JwtGate.acquire(context), "later components get the application's instance too");
            JwtGate.release(context);
            JwtGate.release(context);
            assertOpaque(context.getAttribute(JwtGate.class.getName()));
            assertTrue(own.accounts().findByUsername("nobody").isEmpty(), "store still open");
        }
    }

    /**
     * The context attribute holds something expression language can do nothing with: not the
     * instance, and a class that is not public and declares no public method (issue 8 item 7).
     */
    private static void assertOpaque(Object held) {
        assertNotNull(held);
        assertFalse(held instanceof JwtGate, "the attribute must not hold the JwtGate itself");
        assertFalse(java.lang.reflect.Modifier.isPublic(held.getClass().getModifiers()), held.getClass().getName());
        for (java.lang.reflect.Method m : held.getClass().getDeclaredMethods()) {
            assertFalse(java.lang.reflect.Modifier.isPublic(m.getModifiers()), m.toString());
        }
    }
}
