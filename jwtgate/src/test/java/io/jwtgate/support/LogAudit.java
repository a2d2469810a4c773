package io.jwtgate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The log audit's search (every line {@link LogCapture} captured against every secret
 * {@link Secrets} holds) and its two checks, shared by the library's {@code LogsHoldNoSecretsTest}
 * and the sample's {@code LogsHoldNoSecretsIT} through the library's test-jar.
 */
public final class LogAudit {

    private LogAudit() {
    }

    /**
     * One entry per secret found in a line: the secret's first four characters (never the whole
     * secret, which would put it into the test report) and the start of the line.
     */
    public static List<String> leaks(Collection<String> lines, Collection<String> secrets) {
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

    /**
     * The audit's self-test: logs a remembered Basic header through java.util.logging, through SLF4J
     * (logger {@code slf4jLogger}) and a password to stderr, and asserts that each line reached the
     * capture and is reported as a leak. The lines are discarded afterwards so the run-wide check
     * does not find them.
     */
    public static void assertLoggedAuthorizationIsFound(String slf4jLogger) {
        String marker = "log-audit-self-test-" + UUID.randomUUID();
        String password = "pw-" + UUID.randomUUID();
        String header = "Basic " + Base64.getEncoder().encodeToString(
                ("audit-user:" + password).getBytes(StandardCharsets.UTF_8));
        Secrets.rememberAuthorization(header);
        try {
            java.util.logging.Logger.getLogger("org.apache.catalina.AuditSelfTest")
                    .warning(marker + " jul Authorization: " + header);
            org.slf4j.LoggerFactory.getLogger(slf4jLogger).warn("{} slf4j Authorization: {}", marker, header);
            System.err.println(marker + " stderr password " + password);
            List<String> mine = LogCapture.lines().stream().filter(l -> l.contains(marker)).toList();
            List<String> found = leaks(mine, Secrets.all());
            assertEquals(3, mine.size(), "each channel must reach the capture: " + mine);
            assertTrue(found.stream().anyMatch(l -> l.contains("jul Authorization")), found.toString());
            assertTrue(found.stream().anyMatch(l -> l.contains("slf4j Authorization")), found.toString());
            assertTrue(found.stream().anyMatch(l -> l.contains("stderr password")), found.toString());
        } finally {
            LogCapture.discardLinesContaining(marker);
        }
    }

    /**
     * The run-wide check: no line holds any secret. Run alone there is little to search, so it only
     * judges when the rest of the suite ran before it (20 secrets or more seen).
     */
    public static void assertNoLineHoldsASecret(List<String> lines) {
        List<String> secrets = Secrets.all();
        Assumptions.assumeTrue(secrets.size() >= 20,
                "the suite did not run before the log audit (" + secrets.size() + " secrets seen)");
        assertTrue(lines.size() >= 20, "expected the run's logging to be captured, got " + lines.size());
        assertEquals(List.of(), leaks(lines, secrets));
    }
}
