package io.jwtgate.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.LogAudit;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
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
        String marker = "log-audit-self-test-" + UUID.randomUUID();
        String password = "pw-" + UUID.randomUUID();
        String header = "Basic " + Base64.getEncoder().encodeToString(
                ("audit-user:" + password).getBytes(StandardCharsets.UTF_8));
        Secrets.rememberAuthorization(header);
        try {
            java.util.logging.Logger.getLogger("org.apache.catalina.AuditSelfTest")
                    .warning(marker + " jul Authorization: " + header);
            org.slf4j.LoggerFactory.getLogger("com.zaxxer.hikari.AuditSelfTest")
                    .warn("{} slf4j Authorization: {}", marker, header);
            System.err.println(marker + " stderr password " + password);
            List<String> mine = LogCapture.lines().stream().filter(l -> l.contains(marker)).toList();
            List<String> leaks = LogAudit.leaks(mine, Secrets.all());
            assertEquals(3, mine.size(), "each channel must reach the capture: " + mine);
            assertTrue(leaks.stream().anyMatch(l -> l.contains("jul Authorization")), leaks.toString());
            assertTrue(leaks.stream().anyMatch(l -> l.contains("slf4j Authorization")), leaks.toString());
            assertTrue(leaks.stream().anyMatch(l -> l.contains("stderr password")), leaks.toString());
        } finally {
            LogCapture.discardLinesContaining(marker);
        }
    }

    @Test
    @Order(2)
    void noTokenPasswordOrSecretAppearsInAnyLogLine() {
        List<String> lines = LogCapture.lines();
        List<String> secrets = Secrets.all();
        org.junit.jupiter.api.Assumptions.assumeTrue(secrets.size() >= 20,
                "the suite did not run before this test (" + secrets.size() + " secrets seen)");
        assertTrue(lines.size() >= 20, "expected the suite's logging to be captured, got " + lines.size());
        assertEquals(List.of(), LogAudit.leaks(lines, secrets));
    }
}
