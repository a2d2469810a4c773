package io.jwtgate.support;

import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settings for tests: a fixed secret, a private data dir and the cheapest allowed bcrypt cost. */
public final class TestSettings {

    /** Random-looking text: JwtGate refuses secrets made of placeholder words or sequential runs. */
    public static final String SECRET = "test-signing-key-R7vK2mQ9xLw4Tz8Bn1Hc6Yp3";

    private TestSettings() {
    }

    static {
        Secrets.remember(SECRET);
    }

    public static byte[] secretBytes() {
        return SECRET.getBytes(StandardCharsets.UTF_8);
    }

    /** The base parameters, to which a test adds or overrides keys. */
    public static Map<String, String> params(Path dataDir) {
        Map<String, String> p = new HashMap<>();
        p.put("jwtgate.signing.secret", SECRET);
        p.put("jwtgate.data-dir", dataDir.toString());
        p.put("jwtgate.bcrypt.cost", "10");
        p.put("jwtgate.role-scopes", "admin=all:any; user=messages:read messages:send");
        // Suites log in hundreds of times from 127.0.0.1 under a clock they move by hand, so the
        // per-address request limit (default 60) would refuse them; RateLimitContract tests it with
        // small values of its own.
        p.put("jwtgate.rate-limit.burst", "1000000");
        return p;
    }

    public static Settings settings(Map<String, String> params) {
        return Settings.from(List.of(ConfigSource.of("test", params)));
    }
}
