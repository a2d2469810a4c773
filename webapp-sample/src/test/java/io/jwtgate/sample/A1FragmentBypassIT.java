package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanFilter;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reviewer a1 (issue 9): a WAR that relies on the jar's web-fragment.xml only. Each test asserts
 * what a secure deployment must show; they FAIL today and are the evidence of the findings:
 * <ol>
 * <li>the fragment's JwtAuthFilter runs after every filter the application's own web.xml declares
 *     (Servlet spec 8.2.3) and only on REQUEST dispatches, so an application filter that forwards
 *     (a URL-rewrite filter) reaches a protected servlet with no authentication at all;</li>
 * <li>Tomcat's jar scan filter ({@code jarsToSkip=*.jar}, the usual "faster start-up" setting) drops
 *     the fragment silently: the application starts with no JwtGate and serves everything.</li>
 * </ol>
 * Same in Tomcat 9 / Jetty 12 ee8 (javax build) and Tomcat 11 / Jetty 12 ee10.
 */
class A1FragmentBypassIT {

    @TempDir
    Path temp;

    private RunningApp app;
    private Tomcat tomcat;

    @AfterEach
    void undeploy() throws Exception {
        if (app != null) {
            app.close();
        }
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void applicationForwardingFilterDoesNotReachAProtectedServletAnonymously(ContainerKind container)
            throws Exception {
        Path data = temp.resolve("data");
        A1ServeIT.seed(data);
        app = container.deploy(A1ServeIT.fragmentApp(temp.resolve("app"), A1ServeIT.webXmlWithRewriteFilter()),
                A1ServeIT.params(data), temp.resolve("work"));
        assertTrue(app.available(), () -> "did not start: " + app.startupFailure());

        RawHttp.Response direct = RawHttp.send(app.port(), "GET", "/hello", null);
        RawHttp.Response forwarded = RawHttp.send(app.port(), "GET", "/old/hello", null);

        assertEquals(401, direct.status(), direct.body());
        // Today: 200 "anonymous" in all four containers.
        assertNotEquals("anonymous", forwarded.body(), "forwarded by the application's filter: " + forwarded);
        assertEquals(401, forwarded.status(), forwarded.body());
    }

    /**
     * The error pages an application declares are ERROR dispatches, which the fragment's filter
     * (REQUEST only) never sees: a request the container refuses before the filter runs (an
     * encoded slash) is rendered by the error-page servlet with no caller check at all.
     */
    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void errorPageServletIsNotReachedWithoutAuthentication(ContainerKind container) throws Exception {
        Path data = temp.resolve("data");
        A1ServeIT.seed(data);
        String xml = A1ServeIT.webXmlWithRewriteFilter().replace("</web-app>",
                "  <error-page><error-code>400</error-code><location>/hello</location></error-page>\n"
                + "  <error-page><error-code>404</error-code><location>/hello</location></error-page>\n</web-app>");
        app = container.deploy(A1ServeIT.fragmentApp(temp.resolve("app"), xml), A1ServeIT.params(data),
                temp.resolve("work"));
        assertTrue(app.available(), () -> "did not start: " + app.startupFailure());
        StringBuilder seen = new StringBuilder();
        for (String target : new String[] {"/hello", "/x%2fy", "/x%5cy", "/%2e%2e/hello", "/x;/../../hello"}) {
            RawHttp.Response r = RawHttp.send(app.port(), "GET", target, null);
            seen.append(target).append(" -> ").append(r).append('\n');
        }
        assertTrue(!seen.toString().contains("anonymous"), seen.toString());
    }

    /** The other namespace's JwtGate jar: jwtgate-javax for the jakarta build, jwtgate for the javax build. */
    private static Path otherNamespaceJar() throws Exception {
        Path own = Path.of(io.jwtgate.JwtAuthFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String name = own.getFileName().toString();
        boolean javax = name.startsWith("jwtgate-javax");
        String version = name.substring((javax ? "jwtgate-javax-" : "jwtgate-").length(), name.length() - 4);
        String other = (javax ? "jwtgate-" : "jwtgate-javax-") + version + ".jar";
        for (Path candidate : new Path[] {
                own.getParent().getParent().getParent().resolve(javax ? "jwtgate" : "jwtgate-javax").resolve(version).resolve(other),
                own.getParent().getParent().getParent().resolve(javax ? "jwtgate" : "jwtgate-javax").resolve("target").resolve(other)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + other + " beside " + own);
    }

    /**
     * The wrong artifact (io.jwtgate:jwtgate, the jakarta one, in a Servlet 4 container, or
     * jwtgate-javax in a Servlet 6 one) in a WAR that relies on the fragment: the application must
     * not start serving without authentication.
     */
    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void wrongNamespaceJarDoesNotLeaveTheApplicationUnprotected(ContainerKind container) throws Exception {
        Path data = temp.resolve("data");
        A1ServeIT.seed(data);
        Path root = A1ServeIT.fragmentApp(temp.resolve("app"), A1ServeIT.webXmlWithRewriteFilter());
        Path own = Path.of(io.jwtgate.JwtAuthFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.delete(root.resolve("WEB-INF/lib").resolve(own.getFileName()));
        Path other = otherNamespaceJar();
        Files.copy(other, root.resolve("WEB-INF/lib").resolve(other.getFileName()));
        app = container.deploy(root, A1ServeIT.params(data), temp.resolve("work"));
        RawHttp.Response hello = RawHttp.send(app.port(), "GET", "/hello", null);
        RawHttp.Response me = RawHttp.send(app.port(), "GET", "/auth/me", null);
        System.out.println("A1 wrong jar " + other.getFileName() + " in " + container + ": available=" + app.available()
                + " /hello " + hello + " /auth/me " + me.status());
        if (app.available()) {
            assertEquals(401, hello.status(), other.getFileName() + " in " + container + ": /hello " + hello
                    + ", /auth/me " + me.status());
        }
    }

    /**
     * An application that already has a filter named JwtAuthFilter (its home-grown JWT filter, the
     * one JwtGate replaces) overrides the fragment's filter by name: JwtGate's LoginServlet runs,
     * issues tokens, and nothing of JwtGate checks any request. JwtGate must at least refuse to
     * start (or warn) when its LoginServlet runs without its filter on /*.
     */
    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void filterNameTakenByTheApplicationDoesNotLeaveLoginWithoutProtection(ContainerKind container) throws Exception {
        Path data = temp.resolve("data");
        A1ServeIT.seed(data);
        String xml = A1ServeIT.webXmlWithRewriteFilter().replace("<filter-name>rewrite</filter-name>",
                "<filter-name>JwtAuthFilter</filter-name>");
        try (CapturedLog log = new CapturedLog()) {
            app = container.deploy(A1ServeIT.fragmentApp(temp.resolve("app"), xml), A1ServeIT.params(data),
                    temp.resolve("work"));
            RawHttp.Response hello = RawHttp.send(app.port(), "GET", "/hello", null);
            var login = new Http(app).postJson("/auth/login", Http.object().put("username", "carol")
                    .put("password", "carols-password"), null);
            boolean warned = log.lines().stream().anyMatch(l -> l.contains("JwtAuthFilter"));
            System.out.println("A1 name clash in " + container + ": available=" + app.available() + " /hello " + hello
                    + " login " + login.statusCode() + " warned=" + warned);
            if (app.available()) {
                assertTrue(hello.status() == 401 || warned, "/hello " + hello + ", /auth/login " + login.statusCode());
            }
        }
    }

    @Test
    void tomcatJarsToSkipDoesNotSilentlyDropAuthentication() throws Exception {
        Path data = temp.resolve("data");
        A1ServeIT.seed(data);
        Path root = A1ServeIT.fragmentApp(temp.resolve("app"), A1ServeIT.webXmlWithRewriteFilter());
        Path base = Files.createDirectories(temp.resolve("tomcat"));
        Files.createDirectories(base.resolve("webapps"));
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addWebapp("", root.toString());
        StandardJarScanner scanner = (StandardJarScanner) context.getJarScanner();
        scanner.setScanClassPath(false);
        // catalina.properties: tomcat.util.scan.StandardJarScanFilter.jarsToSkip=*.jar
        StandardJarScanFilter filter = new StandardJarScanFilter();
        filter.setTldSkip("*.jar");
        filter.setPluggabilitySkip("*.jar");
        scanner.setJarScanFilter(filter);
        A1ServeIT.params(data).forEach(context::addParameter);
        tomcat.start();
        int port = tomcat.getConnector().getLocalPort();

        RawHttp.Response hello = RawHttp.send(port, "GET", "/hello", null);
        RawHttp.Response me = RawHttp.send(port, "GET", "/auth/me", null);

        // Either the application does not start, or JwtGate protects it; today: 200 "anonymous" and /auth/me 404.
        if (context.getState() == LifecycleState.STARTED) {
            assertEquals(401, hello.status(), "jarsToSkip=*.jar: /hello answered " + hello + ", /auth/me " + me.status());
        }
    }
}
