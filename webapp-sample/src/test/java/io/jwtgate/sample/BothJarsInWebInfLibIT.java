package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
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
 * An operator leaves both jars in WEB-INF/lib (jwtgate for jakarta and jwtgate-javax): two
 * fragments named "jwtgate", two {@code io.jwtgate.JwtAuthFilter} classes, one of them for the
 * wrong servlet API. The application never serves protected paths unauthenticated.
 */
class BothJarsInWebInfLibIT {

    @TempDir
    Path temp;

    /**
     * The other flavour's jar next to the one the tests run with: in the local repository
     * ({@code io/jwtgate/<artifact>/<version>/}) or in the reactor ({@code <artifact>/target/}).
     */
    private static Path otherJar() throws URISyntaxException {
        Path own = Path.of(JwtGate.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String ownArtifact = own.getFileName().toString().startsWith("jwtgate-javax-") ? "jwtgate-javax" : "jwtgate";
        String other = ownArtifact.equals("jwtgate") ? "jwtgate-javax" : "jwtgate";
        String version = own.getFileName().toString().substring(ownArtifact.length() + 1).replaceFirst("\\.jar$", "");
        String file = other + "-" + version + ".jar";
        Path jar = own.getParent().getFileName().toString().equals("target")
                ? own.getParent().getParent().resolveSibling(other).resolve("target").resolve(file)
                : own.getParent().getParent().resolveSibling(other).resolve(version).resolve(file);
        assertTrue(Files.isRegularFile(jar), () -> "no " + jar + ": run 'mvn install -DskipTests' in the repository"
                + " root first (the tests use " + own + ")");
        return jar;
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
        Path other = otherJar();
        // Named so that it sorts first, as an old jar often does.
        Files.copy(other, app.resolve("WEB-INF/lib/a-" + other.getFileName()));
        Map<String, String> p = new HashMap<>();
        p.put("jwtgate.data-dir", temp.resolve("data").toString());
        p.put("demo.password", "demo-password-for-attack-tests");
        p.put("jwtgate.signing.secret", HostileTokens.SECRET);
        RunningApp deployed;
        try {
            deployed = container.deploy(app, p, temp.resolve("work"));
        } catch (Exception refused) {
            // A container that refuses to deploy the WAR serves nothing: that is failing closed too.
            return;
        }
        try (RunningApp running = deployed) {
            for (String target : List.of("/api/hello", "/api/messages", "/admin/users", "/auth/me")) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + running.port() + target)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertNotEquals(200, r.statusCode(), container + " " + target + " served without a token");
            }
        }
    }
}
