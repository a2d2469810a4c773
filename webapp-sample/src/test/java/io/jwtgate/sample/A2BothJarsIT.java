package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reviewer a2 (issue 9): an operator leaves both jars in WEB-INF/lib (jwtgate for jakarta and
 * jwtgate-javax): two fragments named "jwtgate", two io.jwtgate.JwtAuthFilter classes, one of them
 * for the wrong servlet API. The application must never serve protected paths unauthenticated.
 */
class A2BothJarsIT {

    @TempDir
    Path temp;

    private static Path otherJar(boolean javaxWar) {
        String repo = System.getProperty("maven.repo.local", "/work/m2/a2");
        String name = javaxWar ? "jwtgate" : "jwtgate-javax";
        return Path.of(repo, "io", "jwtgate", name, "0.1.0-SNAPSHOT", name + "-0.1.0-SNAPSHOT.jar");
    }

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void bothJarsInWebInfLibFailClosed(ContainerKind container) throws Exception {
        Path war = SampleWar.path();
        Path app = temp.resolve("app");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(war))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = app.resolve(e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy((InputStream) zip, target);
                }
            }
        }
        boolean javaxWar = war.getFileName().toString().contains("javax");
        Path other = otherJar(javaxWar);
        // Named so that it sorts first, as an old jar often does.
        Files.copy(other, app.resolve("WEB-INF/lib/a-" + other.getFileName()));
        Map<String, String> p = new HashMap<>();
        p.put("jwtgate.data-dir", temp.resolve("data").toString());
        p.put("demo.password", "demo-password-for-attack-tests");
        p.put("jwtgate.signing.secret", HostileTokens.SECRET);
        RunningApp deployed;
        try {
            deployed = container.deploy(app, p, temp.resolve("work"));
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.out.println("[a2] both jars " + container + " (javax war " + javaxWar + "): the container refuses: "
                    + root);
            return;
        }
        try (RunningApp running = deployed) {
            for (String target : List.of("/api/hello", "/api/messages", "/admin/users", "/auth/me")) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + running.port() + target)).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.println("[a2] both jars " + container + " (javax war " + javaxWar + ") available="
                        + running.available() + " GET " + target + " -> " + r.statusCode() + " "
                        + r.body().replaceAll("\\s+", " ").substring(0, Math.min(120, r.body().replaceAll("\\s+", " ").length()))
                        + " failure=" + running.startupFailure().map(Throwable::toString).orElse("-"));
                assertNotEquals(200, r.statusCode(), target + " served without a token");
            }
        }
    }
}
