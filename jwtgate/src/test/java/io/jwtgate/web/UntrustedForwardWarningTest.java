package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Behind a reverse proxy that is not configured as trusted, every client shares the proxy's
 * address budget; the operator learns so from one WARNING per start that names the setting.
 */
class UntrustedForwardWarningTest {

    @TempDir
    Path dir;

    private static List<String> warnings() {
        return LogCapture.lines().stream()
                .filter(l -> l.contains("WARNING") && l.contains("X-Forwarded-For") && l.contains("jwtgate.trusted-proxies"))
                .toList();
    }

    private static void requests(Http http, boolean forwarded) {
        String[] header = forwarded ? new String[] {"X-Forwarded-For", "203.0.113.50"} : new String[0];
        http.postJson("/auth/login", "{\"username\":\"nobody\",\"password\":\"wrong guess 1\"}", header);
        http.get("/api/hello", header);
        http.get("/auth/me", header);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void forwardedForFromAnUntrustedPeerIsWarnedAboutOncePerStart(Container container) {
        Map<String, String> params = TestSettings.params(dir);
        // A trusted proxy list that does not hold the peer (127.0.0.1) must warn as well as none.
        params.put("jwtgate.trusted-proxies", "10.0.0.0/8");
        int before = warnings().size();
        try (Container.Running app = container.start(params, dir)) {
            requests(app.http(), false);
            assertEquals(before, warnings().size(), "no X-Forwarded-For, no warning");
            requests(app.http(), true);
            requests(app.http(), true);
            assertEquals(before + 1, warnings().size(), "one warning per start, not one per request");
        }
        params.remove("jwtgate.trusted-proxies");
        try (Container.Running app = container.start(params, dir)) {
            requests(app.http(), true);
            assertEquals(before + 2, warnings().size(), "a new start warns again");
        }
        String warning = warnings().get(warnings().size() - 1);
        assertTrue(warning.contains("127.0.0.1"), warning);
        assertTrue(!warning.contains("203.0.113.50"), "the header's content is the client's, not logged: " + warning);
    }

    private static List<String> unreadableHopWarnings() {
        return LogCapture.lines().stream()
                .filter(l -> l.contains("WARNING") && l.contains("X-Forwarded-For hop") && l.contains("not an IP address"))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aTrustedProxysHopThatIsNoAddressIsWarnedAboutOncePerStart(Container container) {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.trusted-proxies", "127.0.0.1");
        int before = unreadableHopWarnings().size();
        try (Container.Running app = container.start(params, dir)) {
            for (String hop : List.of("203.0.113.50", "203.0.113.50:4711", "[2001:db8::50]:443", "2001:db8::50")) {
                app.http().get("/api/hello", "X-Forwarded-For", hop);
            }
            assertEquals(before, unreadableHopWarnings().size(), "addresses, with or without a port, are no warning");
            app.http().get("/api/hello", "X-Forwarded-For", "secret-host.internal");
            app.http().get("/api/hello", "X-Forwarded-For", "203.0.113.50:99999");
            assertEquals(before + 1, unreadableHopWarnings().size(), "one warning per start, not one per request");
        }
        String warning = unreadableHopWarnings().get(unreadableHopWarnings().size() - 1);
        assertTrue(warning.contains("127.0.0.1"), warning);
        assertTrue(!warning.contains("secret-host"), "the hop is the client's text, not logged: " + warning);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void forwardedForFromATrustedProxyIsNotWarnedAbout(Container container) {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.trusted-proxies", "127.0.0.1");
        int before = warnings().size();
        try (Container.Running app = container.start(params, dir)) {
            requests(app.http(), true);
        }
        assertEquals(before, warnings().size());
    }
}
