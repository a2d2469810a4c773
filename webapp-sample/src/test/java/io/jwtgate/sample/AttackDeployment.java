package io.jwtgate.sample;

import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deployment the attack tests share: the packaged WAR with its real {@code web.xml}, once per
 * test class, on a private data directory, with a signing secret the tests know so they can
 * forge correctly signed hostile tokens. It trusts 127.0.0.1 as a reverse proxy (a test-only
 * setting, not in the sample's {@code web.xml}) so that each test can count under an address of its own.
 */
final class AttackDeployment {

    /** The demo users' password: the environment's DEMO_PASSWORD wins over the context parameter. */
    static final String PASSWORD = System.getenv(SampleSetupListener.DEMO_PASSWORD_ENV) != null
            ? System.getenv(SampleSetupListener.DEMO_PASSWORD_ENV) : "demo-password-for-attack-tests";

    /** A user whose password is exactly bcrypt's 72 bytes in UTF-8, created before deployment. */
    static final String LONG_USER = "longpass";
    static final String SEVENTY_TWO_BYTES =
            "Gr\u00fc\u00dfe aus K\u00f6ln: sieben Br\u00fccken, 42 T\u00fcrme & ein Nebelhorn im Hafen!!";

    private AttackDeployment() {
    }

    /** Deploys the WAR in {@code container}, failing with the container's reason when it does not start. */
    static RunningApp deploy(ContainerKind container, Path temp) throws Exception {
        return deploy(container, temp, Map.of("jwtgate.signing.secret", HostileTokens.SECRET));
    }

    /**
     * Deploys the WAR with {@code keyParams} as its key material instead of the known secret
     * (e.g. {@code jwtgate.signing.algorithm=ES256} and {@code jwtgate.signing.key}), so that no
     * HMAC secret is configured beside an asymmetric key unless the caller passes one.
     */
    static RunningApp deploy(ContainerKind container, Path temp, Map<String, String> keyParams) throws Exception {
        Map<String, String> params = new HashMap<>(Map.of(
                "jwtgate.data-dir", temp.resolve("data").toString(),
                "demo.password", PASSWORD,
                "jwtgate.bcrypt.cost", "10",
                "jwtgate.trusted-proxies", "127.0.0.1",
                // One deployment serves a whole class, and tests without an address of their own
                // share 127.0.0.1: the per-address request limit (60 at once, refilled in real time)
                // would make them depend on their order and speed.
                "jwtgate.rate-limit.burst", "1000000"));
        params.putAll(keyParams);
        // Created through the library before the WAR opens the store (H2 locks its file). The
        // store is then no longer empty, so the sample seeds nothing (decision 135): the demo
        // users are created here too, as the sample would have created them.
        // The sample runs at the root context: its settings open jwtgate-ROOT, the file the WAR uses.
        try (JwtGate gate = JwtGate.start(Settings.from(List.of(ConfigSource.of("seed", params)), ""))) {
            gate.accounts().create(LONG_USER, null, SEVENTY_TWO_BYTES, Set.of("user"));
            gate.accounts().create("alice", "alice@example.org", PASSWORD, Set.of("user"));
            gate.accounts().create("admin", "admin@example.org", PASSWORD, Set.of("admin"));
        }
        try (CapturedLog log = new CapturedLog()) {
            RunningApp app = container.deploy(SampleWar.path(), params, temp.resolve("work"));
            if (!app.available()) {
                app.close();
                throw new AssertionError("the sample did not start in " + container + ": "
                        + app.startupFailure().map(Throwable::toString).orElse("")
                        + " log: " + log.lines().stream().filter(l -> l.contains("JwtGate")).toList());
            }
            return app;
        }
    }
}
