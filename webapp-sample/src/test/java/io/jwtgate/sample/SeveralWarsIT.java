package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real sample WAR deployed several times in one Tomcat (11 here, 9 in the javax build), each
 * copy with its own H2 in WEB-INF/lib: over an earlier version's single jwtgate.mv.db no WAR takes
 * it, whatever the start order (decision 206); two versions at one context path (parallel
 * deployment) cannot share the default store, and the second fails closed (decision 207).
 */
class SeveralWarsIT {

    private static final String LEGACY_USER = "legacyadmin";
    private static final String LEGACY_PASSWORD = "legacy-admin-password-7Qx2";

    @TempDir
    Path temp;

    private Map<String, String> params() {
        Map<String, String> p = new HashMap<>();
        p.put("jwtgate.data-dir", temp.resolve("data").toString());
        p.put("demo.password", "demo-password-for-attack-tests");
        p.put("jwtgate.bcrypt.cost", "10");
        p.put("jwtgate.signing.secret", HostileTokens.SECRET);
        p.put("jwtgate.rate-limit.burst", "1000000");
        return p;
    }

    private record Started(Tomcat tomcat, Map<String, Context> contexts) implements AutoCloseable {
        @Override
        public void close() {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (org.apache.catalina.LifecycleException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean available(String path) {
            Context c = contexts.get(path);
            return c.getState() == LifecycleState.STARTED && c.getState().isAvailable();
        }

        int port() {
            return tomcat.getConnector().getLocalPort();
        }
    }

    private Started start(String run, List<String> paths) throws Exception {
        Path base = Files.createDirectories(temp.resolve(run));
        Files.createDirectories(base.resolve("webapps"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("localhost");
        tomcat.setPort(0);
        Map<String, Context> contexts = new HashMap<>();
        for (String path : paths) {
            Context context = tomcat.addWebapp(path, SampleWar.path().toAbsolutePath().toString());
            ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
            params().forEach(context::addParameter);
            contexts.put(path, context);
        }
        tomcat.start();
        return new Started(tomcat, contexts);
    }

    private static HttpResponse<String> login(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path
                + "/auth/login")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"username\":\"" + LEGACY_USER + "\",\"password\":\"" + LEGACY_PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String target) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The users of an earlier version in its single file, written as that version would have. */
    private void seedEarlierVersion() {
        // Outside a servlet context JwtGate still opens the single file of earlier versions.
        try (JwtGate gate = JwtGate.start(Settings.from(List.of(ConfigSource.of("seed", params()))))) {
            gate.accounts().create(LEGACY_USER, null, LEGACY_PASSWORD, Set.of("admin"));
        }
    }

    @Test
    void noWarTakesTheStoreOfAnEarlierVersionWhateverTheStartOrder() throws Exception {
        seedEarlierVersion();
        Path data = temp.resolve("data");
        long size = Files.size(data.resolve("jwtgate.mv.db"));
        for (List<String> order : List.of(List.of("/shop", "/api", ""), List.of("", "/api", "/shop"))) {
            try (CapturedLog log = new CapturedLog();
                    Started s = start("run-" + String.join("", order).replace("/", "") + "x", order)) {
                for (String path : order) {
                    assertFalse(s.available(path), path + " adopted the earlier version's store");
                    HttpResponse<String> r = login(s.port(), path);
                    assertTrue(r.statusCode() >= 400, path + ": " + r.statusCode() + " " + r.body());
                    assertFalse(r.body().contains("access_token"), path + ": " + r.body());
                }
                assertTrue(log.lines().stream().anyMatch(l -> l.contains("rename it to jwtgate-shop.mv.db")
                        && l.contains("the application at /shop")), "the error says how /shop claims the file");
            }
        }
        assertEquals(size, Files.size(data.resolve("jwtgate.mv.db")), "the refused file is left as it was");

        // The operator knows the file holds /shop's users and renames it as the error says.
        Files.move(data.resolve("jwtgate.mv.db"), data.resolve("jwtgate-shop.mv.db"));
        if (Files.exists(data.resolve("jwtgate.trace.db"))) {
            Files.move(data.resolve("jwtgate.trace.db"), data.resolve("jwtgate-shop.trace.db"));
        }
        try (Started s = start("renamed", List.of("", "/api", "/shop"))) {
            for (String path : List.of("", "/api", "/shop")) {
                assertTrue(s.available(path), path + " starts once no earlier store is left");
            }
            HttpResponse<String> atShop = login(s.port(), "/shop");
            assertEquals(200, atShop.statusCode(), atShop.body());
            assertEquals(401, login(s.port(), "/api").statusCode(), "/shop's admin is nobody at /api");
            assertEquals(401, login(s.port(), "").statusCode(), "/shop's admin is nobody at the root");
        }
    }

    /**
     * Tomcat parallel deployment (shop##1.war and shop##2.war): two versions of one application at
     * one context path derive the same jwtgate-shop.mv.db, which each WAR's own H2 locks. The
     * second version does not start, and the log names the file and the settings that fix it.
     */
    @Test
    void parallelDeploymentOnTheDefaultStoreStartsOneVersionAndNamesTheFileForTheOther() throws Exception {
        Path base = Files.createDirectories(temp.resolve("parallel"));
        Files.createDirectories(base.resolve("webapps"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("localhost");
        tomcat.setPort(0);
        List<Context> versions = new ArrayList<>();
        for (String version : List.of("1", "2")) {
            Context context = new org.apache.catalina.core.StandardContext();
            context.setName("/shop##" + version);
            context.setPath("/shop");
            context.setWebappVersion(version);
            context.setDocBase(SampleWar.path().toAbsolutePath().toString());
            context.addLifecycleListener(new Tomcat.FixContextListener());
            context.addLifecycleListener(new org.apache.catalina.startup.ContextConfig());
            ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
            params().forEach(context::addParameter);
            tomcat.getHost().addChild(context);
            versions.add(context);
        }
        try (CapturedLog log = new CapturedLog()) {
            tomcat.start();
            long started = versions.stream().filter(c -> c.getState() == LifecycleState.STARTED).count();
            assertEquals(1, started, "exactly one version runs on the default store");
            HttpResponse<String> me = get(tomcat.getConnector().getLocalPort(), "/shop/auth/me");
            assertEquals(401, me.statusCode(), "the running version is protected: " + me.body());
            String file = temp.resolve("data").toRealPath().resolve("jwtgate-shop.mv.db").toString();
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("the default store " + file + " cannot be opened")
                    && l.contains("jwtgate.jdbc.url")), "the log names the locked file and the setting");
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
