package io.jwtgate.support;

import io.jwtgate.JwtGate;
import java.util.Map;
import java.util.Set;

/** Creates the test accounts in a data dir before a container opens it. */
public final class Seed {

    public static final String PASSWORD = "correct horse battery";

    private Seed() {
    }

    /** alice (user, alice@example.org), admin (admin) and bob (no role scopes: role "guest"). */
    static {
        Secrets.remember(PASSWORD);
        Secrets.remember("another fine one");
        Secrets.remember("a fine password");
    }

    public static void users(Map<String, String> params) {
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
            gate.accounts().create("alice", "alice@example.org", PASSWORD, Set.of("user"));
            gate.accounts().create("admin", "admin@example.org", PASSWORD, Set.of("admin"));
            gate.accounts().create("bob", null, PASSWORD, Set.of("guest"));
        }
    }
}
