package io.jwtgate.sample;

import io.jwtgate.support.LogAudit;
import io.jwtgate.support.LogCapture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs after every other integration test and searches every line the run logged (captured by the
 * library's {@code LogCapture}, from its test-jar) for every password, token and
 * {@code Authorization} value the tests sent or received (registered in the library's
 * {@code Secrets} by {@link Http} and {@link RawHttp}).
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogsHoldNoSecretsIT {

    /**
     * The one line allowed to show a password: SampleSetupListener prints the demo password it
     * generated (only when none is configured) because the demo has no other way to tell the
     * developer; a test that deploys without a password logs in with it, so it is registered.
     */
    static final String DELIBERATE = "[stdout] JwtGate sample: created demo users 'alice' and 'admin' with password ";

    @Test
    @Order(1)
    void authorizationHeaderLoggedThroughJulSlf4jOrStderrIsDetected() {
        LogAudit.assertLoggedAuthorizationIsFound("org.eclipse.jetty.AuditSelfTest");
    }

    @Test
    @Order(2)
    void noPasswordTokenOrAuthorizationValueAppearsInAnyLogLine() {
        LogAudit.assertNoLineHoldsASecret(
                LogCapture.lines().stream().filter(l -> !l.startsWith(DELIBERATE)).toList());
    }
}
