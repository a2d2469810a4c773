package io.jwtgate.logs;

import io.jwtgate.support.LogAudit;
import io.jwtgate.support.LogCapture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs last and searches everything the test run logged (JUL at the root, SLF4J through its JUL
 * binding, System.out and System.err) for every token, refresh token, password, Basic header and
 * signing secret the run sent or received. Run alone it has little to search, so the run-wide check
 * only judges when the rest of the suite ran before it; the self-test always runs.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogsHoldNoSecretsTest {

    @Test
    @Order(1)
    void authorizationHeaderLoggedThroughJulSlf4jOrStderrIsDetected() {
        LogAudit.assertLoggedAuthorizationIsFound("com.zaxxer.hikari.AuditSelfTest");
    }

    @Test
    @Order(2)
    void noTokenPasswordOrSecretAppearsInAnyLogLine() {
        LogAudit.assertNoLineHoldsASecret(LogCapture.lines());
    }
}
