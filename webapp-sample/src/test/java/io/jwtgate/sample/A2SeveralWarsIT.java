package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
 * Reviewer a2 (issue 9): the real sample WAR deployed twice in one Tomcat (11 here, 9 in the javax
 * build), each copy with its own H2 in WEB-INF/lib, over an earlier version's single jwtgate.mv.db.
 */
class A2SeveralWarsIT {

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

    @Test
    void theLegacyStoreGoesToWhicheverWarStartsFirst() throws Exception {
        Map<String, String> p = params();
        // The earlier version's single file, holding the users of application /a.
        try (JwtGate gate = JwtGate.start(Settings.from(List.of(ConfigSource.of("seed", p))))) {
            gate.accounts().create(LEGACY_USER, null, LEGACY_PASSWORD, Set.of("admin"));
        }
        List<String> evidence = new ArrayList<>();
        int bStatus;
        // 1. /a is stopped (being redeployed, or simply not yet moved); a new WAR /b is deployed.
        try (Started s = start("run1", List.of("/b"))) {
            HttpResponse<String> r = login(s.port(), "/b");
            bStatus = r.statusCode();
            evidence.add("run1 only /b: available=" + s.available("/b") + " login " + LEGACY_USER + " at /b -> "
                    + r.statusCode() + " " + r.body().substring(0, Math.min(60, r.body().length())));
        }
        // 2. Both WARs, /a added first, then /b first.
        for (List<String> order : List.of(List.of("/a", "/b"), List.of("/b", "/a"))) {
            try (Started s = start("run-" + String.join("", order).replace("/", ""), order)) {
                for (String path : order) {
                    HttpResponse<String> r = login(s.port(), path);
                    evidence.add("order " + order + ": " + path + " available=" + s.available(path) + " login -> "
                            + r.statusCode() + " " + r.body().substring(0, Math.min(120, r.body().length())));
                    if (!s.available(path)) {
                        for (String t : List.of(path + "/", path + "/api/hello", path + "/auth/login")) {
                            HttpResponse<String> g = get(s.port(), t);
                            evidence.add("  GET " + t + " -> " + g.statusCode() + " leaks path: "
                                    + g.body().contains(temp.toString()) + " mentions JwtGate: "
                                    + g.body().contains("JwtGate"));
                        }
                    }
                }
            }
        }
        try (var files = Files.list(temp.resolve("data"))) {
            evidence.add("files " + files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        evidence.forEach(e -> System.out.println("[a2] wars: " + e));
        assertNotEquals(200, bStatus, "a newly deployed WAR serves the earlier application's accounts: " + evidence);
    }

    /**
     * Tomcat parallel deployment (shop##1.war and shop##2.war): two versions of one application at
     * one context path, both running while old sessions drain. Both derive jwtgate-shop.mv.db.
     */
    @Test
    void parallelDeploymentOfTwoVersionsAtOneContextPath() throws Exception {
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
        try {
            tomcat.start();
            List<String> evidence = new ArrayList<>();
            for (Context c : versions) {
                evidence.add(c.getName() + " state=" + c.getState());
            }
            HttpResponse<String> r = get(tomcat.getConnector().getLocalPort(), "/shop/auth/me");
            evidence.add("GET /shop/auth/me -> " + r.statusCode());
            try (var files = Files.list(temp.resolve("data"))) {
                evidence.add("files " + files.map(f -> f.getFileName().toString()).sorted().toList());
            }
            evidence.forEach(e -> System.out.println("[a2] parallel: " + e));
            for (Context c : versions) {
                org.junit.jupiter.api.Assertions.assertEquals(LifecycleState.STARTED, c.getState(),
                        "version " + c.getWebappVersion() + " did not start: " + evidence);
            }
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /**
     * An earlier version's single app /shop (users in jwtgate.mv.db) upgraded, and a second WAR
     * (/api, or ROOT) added: on the container's start, whichever the container starts first takes
     * the legacy file; if that is the new WAR, /shop's accounts (admin role included) log in there.
     */
    @Test
    void onAContainerStartTheNewWarMayTakeTheLegacyStore() throws Exception {
        Map<String, String> p = params();
        try (JwtGate gate = JwtGate.start(Settings.from(List.of(ConfigSource.of("seed", p))))) {
            gate.accounts().create(LEGACY_USER, null, LEGACY_PASSWORD, Set.of("admin"));
        }
        List<String> evidence = new ArrayList<>();
        boolean newWarGotThem = false;
        for (String other : List.of("/api", "", "/zz", "/aa")) {
            try (Started s = start("run-x" + other.replace("/", ""), List.of("/shop", other))) {
                for (String path : List.of("/shop", other)) {
                    HttpResponse<String> r = login(s.port(), path);
                    evidence.add("[/shop, '" + other + "']: '" + path + "' available=" + s.available(path)
                            + " legacy admin login -> " + r.statusCode());
                    if (!path.equals("/shop") && r.statusCode() == 200) {
                        newWarGotThem = true;
                    }
                }
            }
        }
        evidence.forEach(e -> System.out.println("[a2] order: " + e));
        org.junit.jupiter.api.Assertions.assertFalse(newWarGotThem, "a new WAR serves /shop's users: " + evidence);
    }
}
