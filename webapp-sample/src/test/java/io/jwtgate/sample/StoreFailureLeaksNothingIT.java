package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sample WAR whose default store cannot be used: the start-up error names the file, the
 * setting and JwtGate, and all of that stays in the log; HTTP clients of the unavailable
 * application learn none of it.
 */
class StoreFailureLeaksNothingIT {

    @TempDir
    Path temp;

    private Map<String, String> params(Path data) {
        Map<String, String> p = new HashMap<>();
        p.put("jwtgate.data-dir", data.toString());
        p.put("demo.password", "demo-password-for-attack-tests");
        p.put("jwtgate.signing.secret", HostileTokens.SECRET);
        p.put("jwtgate.bcrypt.cost", "10");
        return p;
    }

    private void assertNothingLeaks(ContainerKind container, Path data) throws Exception {
        try (RunningApp app = container.deploy(SampleWar.path(), params(data), temp.resolve("work"))) {
            assertFalse(app.available(), container + ": the application must not serve without its store");
            for (String target : List.of("/", "/auth/login", "/api/hello", "/admin/x", "/x.do", "/nothing")) {
                for (String method : List.of("GET", "POST")) {
                    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.port() + target))
                            .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                            .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                    String body = r.body();
                    assertFalse(body.contains(data.toString()) || body.contains("jwtgate.data-dir")
                            || body.contains("JwtGate") || body.contains("jwtgate.mv.db"),
                            container + " " + method + " " + target + ": " + body);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void aStoreThatCannotBeOpenedLeaksNothingOverHttp(ContainerKind container) throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.createDirectory(data.resolve("jwtgate-ROOT.mv.db"));
        assertNothingLeaks(container, data);
    }

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void theRefusedStoreOfAnEarlierVersionLeaksNothingOverHttp(ContainerKind container) throws Exception {
        Path data = temp.resolve("data");
        // Outside a servlet context JwtGate still writes the single file of earlier versions.
        try (JwtGate gate = JwtGate.start(Settings.from(List.of(ConfigSource.of("seed", params(data)))))) {
            gate.accounts().create("legacyadmin", null, "legacy-admin-password-7Qx2", Set.of("admin"));
        }
        assertNothingLeaks(container, data);
    }
}
