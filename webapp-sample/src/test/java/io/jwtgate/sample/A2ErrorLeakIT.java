package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reviewer a2 (issue 9): the sample WAR whose default store cannot be opened (a directory where
 * jwtgate-ROOT.mv.db belongs): what HTTP clients see. The start-up error names the file; it must
 * stay in the log.
 */
class A2ErrorLeakIT {

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void aStoreThatCannotBeOpenedLeaksNothingOverHttp(ContainerKind container) throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.createDirectory(data.resolve("jwtgate-ROOT.mv.db"));
        Map<String, String> p = new HashMap<>();
        p.put("jwtgate.data-dir", data.toString());
        p.put("demo.password", "demo-password-for-attack-tests");
        p.put("jwtgate.signing.secret", HostileTokens.SECRET);
        try (RunningApp app = container.deploy(SampleWar.path(), p, temp.resolve("work"))) {
            for (String target : List.of("/", "/auth/login", "/api/hello", "/admin/x", "/x.do", "/nothing")) {
                for (String method : List.of("GET", "POST")) {
                    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.port() + target))
                            .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                            .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                    String body = r.body();
                    System.out.println("[a2] leak " + container + " available=" + app.available() + " " + method + " "
                            + target + " -> " + r.statusCode() + " " + body.replaceAll("\\s+", " ")
                            .substring(0, Math.min(300, body.replaceAll("\\s+", " ").length())));
                    assertFalse(body.contains(data.toString()) || body.contains("jwtgate.data-dir")
                            || body.contains("JwtGate"), container + " " + target + ": " + body);
                }
            }
        }
    }
}
