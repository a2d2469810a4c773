package io.jwtgate.sample;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle the attack suites share: the sample WAR deployed once per class by
 * {@link AttackDeployment} in the subclass's container, and verdicts for that container.
 * The deployment trusts 127.0.0.1 as a proxy, and every test gets a client address of its own
 * ({@link #http} sends it as {@code X-Forwarded-For}), so no test spends another's address budget
 * and the tests pass in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractAttackIT {

    // 198.18.0.0/15 is reserved for benchmarks (RFC 2544): no real client has these addresses.
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    RunningApp app;
    Http http;

    /** A client address no other test has used. */
    static String freshClientAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.18." + (n / 250) + "." + (1 + n % 250);
    }

    /** The container this subclass runs the tests in. */
    abstract ContainerKind container();

    @BeforeAll
    void deploySampleOnce(@TempDir Path temp) throws Exception {
        app = deploy(temp);
    }

    /** Deploys the sample for this class; a suite with other key material overrides this. */
    RunningApp deploy(Path temp) throws Exception {
        return AttackDeployment.deploy(container(), temp);
    }

    @BeforeEach
    void ownClientAddress() {
        http = new Http(app, freshClientAddress());
    }

    @AfterAll
    void undeploySample() {
        if (app != null) {
            app.close();
        }
    }

    Verdicts verdicts() {
        return new Verdicts(container());
    }
}
