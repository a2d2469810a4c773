package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * WARs that rely on the jar's web-fragment.xml beside filters of their own web.xml, which run
 * before the fragment's (Servlet spec 8.2.3): a forwarding application filter does not get past
 * JwtGate (decision 198), a filter of the application named JwtAuthFilter stops the start
 * (decision 200), the wrong namespace's jar never serves unprotected, and with Tomcat skipping every
 * jar the documented remedy (JwtGate declared in web.xml) protects the application (decision 202).
 * The javax build runs the same classes in Tomcat 9 and Jetty 12 ee8.
 */
class FragmentOnlyAppIT {

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

    private RunningApp deploy(ContainerKind container, String webXml) throws Exception {
        Path data = temp.resolve("data");
        FragmentApps.seed(data);
        return container.deploy(FragmentApps.fragmentApp(temp.resolve("app"), webXml), FragmentApps.params(data),
                temp.resolve("work"));
    }

    private static String login(RunningApp app) throws Exception {
        var login = new Http(app).postJson("/auth/login", Http.object().put("username", "carol")
                .put("password", FragmentApps.PASSWORD), null);
        assertEquals(200, login.statusCode(), login.body());
        return Http.json(login).get("access_token").asText();
    }

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void requestForwardedByAnApplicationFilterIsJudgedOnItsTarget(ContainerKind container) throws Exception {
        app = deploy(container, FragmentApps.webXmlWithRewriteFilter());
        assertTrue(app.available(), () -> "did not start: " + app.startupFailure());

        RawHttp.Response direct = RawHttp.send(app.port(), "GET", "/hello", null);
        RawHttp.Response forwarded = RawHttp.send(app.port(), "GET", "/old/hello", null);
        assertEquals(401, direct.status(), direct.body());
        assertEquals(401, forwarded.status(), forwarded.body());
        assertNotEquals("anonymous", forwarded.body());

        RawHttp.Response withToken = RawHttp.send(app.port(), "GET", "/old/hello", login(app));
        assertEquals(200, withToken.status(), withToken.body());
        assertTrue(withToken.body().startsWith("carol"), withToken.body());
    }

    /**
     * Error pages are ERROR dispatches, which the fragment's filter does not see: a request the
     * container refuses before any filter runs must still not render a protected servlet anonymously.
     */
    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void containerRefusedPathsNeverRenderAProtectedErrorPageAnonymously(ContainerKind container) throws Exception {
        String xml = FragmentApps.webXmlWithRewriteFilter().replace("</web-app>",
                "  <error-page><error-code>400</error-code><location>/hello</location></error-page>\n"
                + "  <error-page><error-code>404</error-code><location>/hello</location></error-page>\n</web-app>");
        app = deploy(container, xml);
        assertTrue(app.available(), () -> "did not start: " + app.startupFailure());
        StringBuilder seen = new StringBuilder();
        for (String target : new String[] {"/hello", "/x%2fy", "/x%5cy", "/%2e%2e/hello", "/x;/../../hello"}) {
            RawHttp.Response r = RawHttp.send(app.port(), "GET", target, null);
            seen.append(target).append(" -> ").append(r).append('\n');
        }
        assertFalse(seen.toString().contains("anonymous"), seen.toString());
    }

    /** The other namespace's JwtGate jar: jwtgate-javax for the jakarta build, jwtgate for the javax build. */
    private static Path otherNamespaceJar() throws Exception {
        Path own = Path.of(io.jwtgate.JwtAuthFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String name = own.getFileName().toString();
        boolean javax = name.startsWith("jwtgate-javax");
        String version = name.substring((javax ? "jwtgate-javax-" : "jwtgate-").length(), name.length() - 4);
        String other = (javax ? "jwtgate-" : "jwtgate-javax-") + version + ".jar";
        Path modules = own.getParent().getParent().getParent();
        for (Path candidate : List.of(modules.resolve(javax ? "jwtgate" : "jwtgate-javax").resolve(version).resolve(other),
                modules.resolve(javax ? "jwtgate" : "jwtgate-javax").resolve("target").resolve(other))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + other + " beside " + own);
    }

    /**
     * The wrong artifact (the jakarta jar in a Servlet 4 container, the javax one in a Servlet 6
     * container) in a WAR that relies on the fragment: the application either does not start or
     * does not serve the protected servlet anonymously.
     */
    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void wrongNamespaceJarNeverLeavesTheApplicationServingUnprotected(ContainerKind container) throws Exception {
        Path data = temp.resolve("data");
        FragmentApps.seed(data);
        Path root = FragmentApps.fragmentApp(temp.resolve("app"), FragmentApps.webXmlWithRewriteFilter());
        Path own = Path.of(io.jwtgate.JwtAuthFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.delete(root.resolve("WEB-INF/lib").resolve(own.getFileName()));
        Path other = otherNamespaceJar();
        Files.copy(other, root.resolve("WEB-INF/lib").resolve(other.getFileName()));
        try {
            app = container.deploy(root, FragmentApps.params(data), temp.resolve("work"));
        } catch (Exception e) {
            // Tomcat may refuse the whole context: the test's own class path holds the right jar, whose
            // initializer service entry then names a class the WAR's wrong jar defines against the other
            // servlet API. Not starting is the outcome the test accepts, for that reason only.
            assertTrue(causedByTheOtherServletApi(e), () -> "unexpected start failure: " + e);
            return;
        }
        RawHttp.Response hello = RawHttp.send(app.port(), "GET", "/hello", null);
        assertTrue(!app.available() || hello.status() == 401,
                other.getFileName() + " in " + container + ": /hello answered " + hello);
    }

    // Written so the javax build's rewrite of package names in strings leaves it matching both namespaces.
    private static final java.util.regex.Pattern SERVLET_API_CLASS =
            java.util.regex.Pattern.compile("(javax|jakarta)[./]servlet[./]");

    /** Whether a class of either servlet namespace was missing somewhere in the cause chain. */
    private static boolean causedByTheOtherServletApi(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ((t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) && t.getMessage() != null
                    && SERVLET_API_CLASS.matcher(t.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * An application that keeps its home-grown filter under the name JwtAuthFilter overrides the
     * fragment's filter by name; JwtGate's LoginServlet then refuses to start, so no token is issued
     * that nothing would verify, and the log names the clash and the fix.
     */
    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void applicationFilterNamedJwtAuthFilterStopsLoginNamingTheClash(ContainerKind container) throws Exception {
        String xml = FragmentApps.webXmlWithRewriteFilter().replace("<filter-name>rewrite</filter-name>",
                "<filter-name>JwtAuthFilter</filter-name>");
        try (CapturedLog log = new CapturedLog()) {
            app = deploy(container, xml);
            if (app.available()) {
                var login = new Http(app).postJson("/auth/login", Http.object().put("username", "carol")
                        .put("password", FragmentApps.PASSWORD), null);
                assertNotEquals(200, login.statusCode(), login.body());
                assertFalse(login.body().contains("access_token"), login.body());
            }
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("JwtGate refuses to start")
                    && l.contains(RewriteFilter.class.getName() + " is named JwtAuthFilter")
                    && l.contains("rename the application's filter")), String.join("\n", log.lines()));
        }
    }

    /**
     * Tomcat told to skip every jar ({@code jarsToSkip=*.jar}, a common start-up speed setting)
     * never reads the fragment; the documented remedy, JwtAuthFilter and LoginServlet declared in
     * web.xml (first filter mapping, REQUEST and FORWARD), protects the application all the same.
     */
    @Test
    void tomcatSkippingEveryJarIsProtectedByJwtGateDeclaredInWebXml() throws Exception {
        Path data = temp.resolve("data");
        FragmentApps.seed(data);
        Path root = FragmentApps.fragmentApp(temp.resolve("app"), FragmentApps.webXmlDeclaringJwtGate());
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
        FragmentApps.params(data).forEach(context::addParameter);
        tomcat.start();
        assertEquals(LifecycleState.STARTED, context.getState());
        int port = tomcat.getConnector().getLocalPort();

        RawHttp.Response hello = RawHttp.send(port, "GET", "/hello", null);
        RawHttp.Response forwarded = RawHttp.send(port, "GET", "/old/hello", null);
        RawHttp.Response me = RawHttp.send(port, "GET", "/auth/me", null);

        assertEquals(401, hello.status(), hello.toString());
        assertEquals(401, forwarded.status(), forwarded.toString());
        // LoginServlet is there (declared in web.xml), not a 404 of a dropped fragment.
        assertEquals(401, me.status(), me.toString());
    }
}
