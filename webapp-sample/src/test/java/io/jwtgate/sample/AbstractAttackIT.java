package io.jwtgate.sample;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle the attack suites share: the sample WAR deployed once per class by
 * {@link AttackDeployment} in the subclass's container, and verdicts for that container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractAttackIT {

    RunningApp app;
    Http http;

    /** The container this subclass runs the tests in. */
    abstract ContainerKind container();

    @BeforeAll
    void deploySampleOnce(@TempDir Path temp) throws Exception {
        app = AttackDeployment.deploy(container(), temp);
        http = new Http(app);
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
