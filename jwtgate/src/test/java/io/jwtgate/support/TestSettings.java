package io.jwtgate.support;

import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.store.StoreFileName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings for tests: a fixed secret, a private data dir and the cheapest allowed bcrypt cost. */
public final class TestSettings {

    /** Random-looking text: JwtGate refuses secrets made of placeholder words or sequential runs. */
    public static final String SECRET = "test-signing-key-R7vK2mQ9xLw4Tz8Bn1Hc6Yp3";

    /** The base name of the default store file of the container application at {@link Container#CONTEXT_PATH}. */
    public static final String APP_STORE = StoreFileName.forContextPath(Container.CONTEXT_PATH);

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
        // On a server engine (TestDatabase) the directory's own schema stands in for the default H2 file.
        TestDatabase.serverUrl(dataDir).ifPresent(url -> p.put("jwtgate.jdbc.url", url));
        return p;
    }

    /**
     * Settings for a JwtGate the test starts itself, next to or before a container application at
     * {@link Container#CONTEXT_PATH}: without a store of their own they open that application's
     * default file, so seeded users and inspected rows are the ones the application sees
     * (an application never adopts the single file of earlier versions, decision 206).
     */
    public static Settings settings(Map<String, String> params) {
        Map<String, String> p = params;
        if (params.containsKey("jwtgate.data-dir") && !params.containsKey("jwtgate.jdbc.url")
                && !params.containsKey("jwtgate.jdbc.datasource")) {
            p = new HashMap<>(params);
            p.put("jwtgate.jdbc.url", appStoreUrl(Path.of(params.get("jwtgate.data-dir"))));
        }
        return Settings.from(List.of(ConfigSource.of("test", p)));
    }

    /** Settings that leave the store to JwtGate's default outside a servlet context. */
    public static Settings defaultStoreSettings(Map<String, String> params) {
        return Settings.from(List.of(ConfigSource.of("test", params)));
    }

    /**
     * The URL of the store of the application at {@link Container#CONTEXT_PATH} with data directory
     * {@code dataDir}: its default H2 file, or on a server engine ({@link TestDatabase}) the directory's schema.
     */
    public static String appStoreUrl(Path dataDir) {
        Optional<String> server = TestDatabase.serverUrl(dataDir);
        if (server.isPresent()) {
            return server.get();
        }
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(APP_STORE)
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
