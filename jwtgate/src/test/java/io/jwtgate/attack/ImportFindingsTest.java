package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.CliProcess;
import io.jwtgate.support.TestSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flaws found by attacking {@code jwtgate users import} (issue 11 review, round 1). Each test
 * asserts the CORRECT behaviour and fails until the code is fixed.
 */
class ImportFindingsTest {

    /** A bcrypt hash of the accepted shape at cost 30 (2^30 rounds: hours of CPU per check). */
    private static final String COST_30 = "$2a$30$" + "abcdefghijklmnopqrstuv" + "0123456789ABCDEFGHIJKLMNOPQRSTU";
    private static final String APR1 = "$apr1$Zx9Ab3Cd$Qm4nVx8LkP2sTq7WyE1rZ0";

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void seed() {
        cli = new CliHarness(dir);
    }

    /**
     * Finding 6: an imported bcrypt hash may have any cost up to 30 whatever jwtgate.bcrypt.cost is,
     * so a hostile import file plants an account on which every unauthenticated login attempt (its
     * name is enough) burns 2^30 bcrypt rounds (hours of a core at cost 10's 60 ms per 2^10): a
     * denial of service. The import should refuse a cost above the configured one.
     */
    @Test
    void anImportedBcryptHashCostlierThanTheConfiguredCostIsRefused() {
        Path file = cli.write("users.csv", "username,email,roles,hash\nslowpoke,,user," + COST_30 + "\n");
        CliHarness.Run r = cli.importFile(file);
        assertTrue(cli.user("slowpoke").isEmpty(), "an account whose every login check costs 2^30 rounds was"
                + " created (configured cost " + cli.settings.get("jwtgate.bcrypt.cost") + "): " + r);
        assertEquals(1, r.exitCode(), r.toString());
    }

    /**
     * Finding 7: the report prints every name it accepts, but a name is only kept out of the report when
     * it is invalid. A CSV whose header has the columns in another order (hash first) is not taken for
     * a header, and each line then reports its digest as the "name" ("line 2: failed $apr1$...").
     * The importer's own comment says a name may be a credential in the wrong column; the help says
     * no digest is ever printed.
     */
    @Test
    void aCsvWithTheHashInTheNameColumnNeverPrintsTheDigest() {
        Path file = cli.write("users.csv", "hash,email,roles,username\n" + APR1 + ",,user,alice\n");
        CliHarness.Run r = cli.importFile(file);
        assertEquals(1, r.exitCode(), r.toString());
        assertFalse(r.all().contains("Qm4nVx8LkP2sTq7WyE1rZ0"), "a digest was printed: " + r);
    }

    /**
     * Finding 8: tomcat-users.xml is read by StAX with no bound on an attribute's length (the text
     * formats cut lines at 16 KiB), so one huge attribute exhausts the heap: the real process dies of
     * an OutOfMemoryError with a JVM stack trace instead of exit 1 and one clear line.
     */
    @Test
    void aHugeAttributeInTomcatUsersXmlIsOneClearErrorNotAnOutOfMemoryStackTrace() throws IOException {
        Path file = dir.resolve("tomcat-users.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("<tomcat-users><user username=\"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 160; i++) {
                out.write(chunk);
            }
            out.write("\" password=\"x\" roles=\"user\"/></tomcat-users>".getBytes(StandardCharsets.US_ASCII));
        }
        Map<String, String> env = new HashMap<>();
        env.put("JWTGATE_SIGNING_SECRET", TestSettings.SECRET);
        env.put("JWTGATE_DATA_DIR", dir.toString());
        env.put("JWTGATE_BCRYPT_COST", "10");
        CliProcess.Result r = CliProcess.args("users", "import", file.toString()).env(env)
                .timeout(Duration.ofSeconds(120)).run();
        assertEquals(1, r.exitCode(), r.stderr().lines().limit(5).toList().toString());
        assertFalse(r.stderr().contains("OutOfMemoryError") || r.stderr().contains("\tat "),
                r.stderr().lines().limit(5).toList().toString());
        Files.delete(file);
    }

    /**
     * Finding 9: FILE must be a readable regular file, but --groups GROUPFILE is opened as given: with
     * /dev/zero (or any endless stream) the command reads forever (TextLines drops what is beyond
     * 16 KiB of a line and waits for a line end that never comes) instead of refusing at once.
     */
    @Test
    void aGroupFileThatIsNotARegularFileIsRefusedAtOnce() {
        Path htpasswd = cli.write("htpasswd", "alice:" + APR1 + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("JWTGATE_SIGNING_SECRET", TestSettings.SECRET);
        env.put("JWTGATE_DATA_DIR", dir.toString());
        CliProcess.Result r;
        try {
            r = CliProcess.args("users", "import", htpasswd.toString(), "--groups", "/dev/zero").env(env)
                    .timeout(Duration.ofSeconds(30)).run();
        } catch (AssertionError timedOut) {
            throw new AssertionError("users import --groups /dev/zero did not end within 30 s: it reads forever");
        }
        assertEquals(1, r.exitCode(), r.stderr());
    }
}
