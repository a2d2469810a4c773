package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs after every other integration test and searches every line the run logged (see
 * {@link RunLog}) for every password, token and {@code Authorization} value the tests sent or
 * received (see {@link SentSecrets}, filled by {@link Http} and {@link RawHttp}).
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

    static List<String> leaks(Collection<String> lines, Collection<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    String shown = line.replace(secret, "<secret>").replaceAll("\\s+", " ");
                    leaks.add(secret.substring(0, 4) + "… in: " + shown.substring(0, Math.min(300, shown.length())));
                }
            }
        }
        return leaks;
    }

    @Test
    @Order(1)
    void authorizationHeaderLoggedThroughJulSlf4jOrStderrIsDetected() {
        String marker = "log-audit-self-test-" + UUID.randomUUID();
        String password = "pw-" + UUID.randomUUID();
        String header = "Basic " + Base64.getEncoder().encodeToString(
                ("audit-user:" + password).getBytes(StandardCharsets.UTF_8));
        SentSecrets.rememberAuthorization(header);
        try {
            java.util.logging.Logger.getLogger("org.apache.catalina.AuditSelfTest")
                    .warning(marker + " jul Authorization: " + header);
            org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty.AuditSelfTest")
                    .warn("{} slf4j Authorization: {}", marker, header);
            System.err.println(marker + " stderr password " + password);
            List<String> mine = RunLog.lines().stream().filter(l -> l.contains(marker)).toList();
            List<String> found = leaks(mine, SentSecrets.all());
            assertEquals(3, mine.size(), "each channel must reach the capture: " + mine);
            assertTrue(found.stream().anyMatch(l -> l.contains("jul Authorization")), found.toString());
            assertTrue(found.stream().anyMatch(l -> l.contains("slf4j Authorization")), found.toString());
            assertTrue(found.stream().anyMatch(l -> l.contains("stderr password")), found.toString());
        } finally {
            RunLog.discardLinesContaining(marker);
        }
    }

    @Test
    @Order(2)
    void noPasswordTokenOrAuthorizationValueAppearsInAnyLogLine() {
        List<String> lines = RunLog.lines();
        List<String> secrets = SentSecrets.all();
        Assumptions.assumeTrue(secrets.size() >= 20,
                "the other integration tests did not run before this one (" + secrets.size() + " secrets seen)");
        assertTrue(lines.size() >= 20, "expected the run's logging to be captured, got " + lines.size());
        assertEquals(List.of(), leaks(lines.stream().filter(l -> !l.startsWith(DELIBERATE)).toList(), secrets));
    }
}
