package io.jwtgate.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.LogCapture;
import io.jwtgate.support.Secrets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last and searches everything the test run logged (all levels) for every token, refresh
 * token, password and signing secret the run handled. Run alone it has little to search, so it
 * only judges when the rest of the suite ran before it.
 */
@Order(Integer.MAX_VALUE)
class LogsHoldNoSecretsTest {

    @Test
    void noTokenPasswordOrSecretAppearsInAnyLogLine() {
        List<String> lines = LogCapture.lines();
        List<String> secrets = Secrets.all();
        org.junit.jupiter.api.Assumptions.assumeTrue(secrets.size() >= 20,
                "the suite did not run before this test (" + secrets.size() + " secrets seen)");
        assertTrue(lines.size() >= 20, "expected the suite's logging to be captured, got " + lines.size());
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    leaks.add(secret.substring(0, 4) + "… in: " + line.substring(0, Math.min(200, line.length())));
                }
            }
        }
        assertEquals(List.of(), leaks);
    }
}
