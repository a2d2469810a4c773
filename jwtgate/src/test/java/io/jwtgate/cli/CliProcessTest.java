package io.jwtgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.CliProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line as a real process: the test class path reaches the child, exit codes and streams come back. */
class CliProcessTest {

    @Test
    void helpAsAProcessPrintsTheOverviewOnStdoutAndExitsZero() {
        CliProcess.Result r = CliProcess.args("--help").run();
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("Usage: jwtgate"), r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void anUnknownCommandAsAProcessExitsTwoWithOneLineOnStderr() {
        CliProcess.Result r = CliProcess.args("frobnicate").run();
        assertEquals(ExitCode.USAGE, r.exitCode());
        assertTrue(r.stderr().startsWith("jwtgate: unknown command 'frobnicate'"), r.stderr());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void theChildSeesOnlyTheEnvironmentTheTestGives() {
        CliProcess.Result r = CliProcess.args("report", "would-refuse")
                .env(Map.of("JWTGATE_ISUER", "typo")).run();
        assertEquals(ExitCode.INPUT, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("JWTGATE_ISUER"), r.stderr());
    }
}
