package io.jwtgate.support;

import io.jwtgate.JwtGate;
import java.util.Map;
import java.util.Set;

/** Creates the test accounts in a data dir before a container opens it. */
public final class Seed {

    public static final String PASSWORD = "correct horse battery";
    /** Exactly 72 bytes in UTF-8 (66 characters), bcrypt's limit, and strong enough for zxcvbn. */
    public static final String SEVENTY_TWO_BYTES =
            "Gr\u00fc\u00dfe aus K\u00f6ln: sieben Br\u00fccken, 42 T\u00fcrme & ein Nebelhorn im Hafen!!";

    private Seed() {
    }

    /** alice (user, alice@example.org), admin (admin) and bob (no role scopes: role "guest"). */
    static {
        Secrets.remember(PASSWORD);
        Secrets.remember("another fine one");
        Secrets.remember("a fine password");
        Secrets.remember(SEVENTY_TWO_BYTES);
    }

    /**
     * alice (user), admin (admin) and bob (role "guest") in the store of the container application
     * at {@link Container#CONTEXT_PATH}, or in the store {@code params} name.
     */
    public static void users(Map<String, String> params) {
        users(TestSettings.settings(params));
    }

    /** alice, admin and bob in the default store of the container application at {@code contextPath}. */
    public static void usersAt(String contextPath, Map<String, String> params) {
        Map<String, String> p = new java.util.HashMap<>(params);
        p.put("jwtgate.jdbc.url", "jdbc:h2:file:" + java.nio.file.Path.of(params.get("jwtgate.data-dir")).toAbsolutePath()
                .resolve(io.jwtgate.store.StoreFileName.forContextPath(contextPath)) + ";DB_CLOSE_ON_EXIT=FALSE");
        users(TestSettings.settings(p));
    }

    /**
     * alice, admin and bob in the single {@code jwtgate.mv.db} that versions before decision 178
     * used for every application: what an upgrade finds in the data directory.
     */
    public static void usersOfAnEarlierVersion(Map<String, String> params) {
        users(TestSettings.defaultStoreSettings(params));
    }

    private static void users(io.jwtgate.config.Settings settings) {
        try (JwtGate gate = JwtGate.start(settings)) {
            gate.accounts().create("alice", "alice@example.org", PASSWORD, Set.of("user"));
            gate.accounts().create("admin", "admin@example.org", PASSWORD, Set.of("admin"));
            gate.accounts().create("bob", null, PASSWORD, Set.of("guest"));
        }
    }

    /** One more account with role {@code user}; returns its id (the token's {@code sub}). */
    public static String user(Map<String, String> params, String username, String password) {
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
            return gate.accounts().create(username, null, password, Set.of("user")).id();
        }
    }
}
