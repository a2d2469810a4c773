package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Second-round probes (issue 11): a password option where an option's VALUE is expected is taken as
 * that value ({@code --email --password=S}); these value checks refuse it unechoed. The options whose
 * checks let it through are in {@link CliSecondRoundFindingsTest}.
 */
class CliSecondRoundValueOptionsTest {

    private static final String SECRET = CliSecondRoundProbesTest.SECRET;

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void seed() {
        cli = new CliHarness(dir);
        cli.addUser("admin", CliHarness.ADMIN_PASSWORD, "admin");
    }

    @Test
    void aPasswordOptionTakenAsAnotherOptionsValueIsNotEchoed() {
        byte[] stdin = "long enough password 4711\n".getBytes(StandardCharsets.UTF_8);
        List<String[]> lines = List.of(
                new String[] {"users", "add", "bob", "--context", "/app", "--role", "user", "--email", "--password="
                        + SECRET},
                new String[] {"users", "add", "bob", "--role", "user", "--context", "-p" + SECRET},
                new String[] {"audit", "tail", "--context", "/app", "--since", "--password=" + SECRET},
                new String[] {"audit", "tail", "--context", "/app", "--limit", "--password=" + SECRET},
                new String[] {"users", "import", "x.csv", "--context", "/app", "--format", "--password=" + SECRET},
                new String[] {"rules", "from-web-xml", "--format", "--password=" + SECRET, "x.xml"});
        List<String> leaks = new ArrayList<>();
        for (String[] argv : lines) {
            CliHarness.Run r = cli.run(stdin, argv);
            if (r.exitCode() == 0 || r.all().contains(SECRET)) {
                leaks.add(String.join(" ", argv).replace(SECRET, "<S>") + " -> " + r.exitCode() + " "
                        + r.err().strip().replace(SECRET, "<S>"));
            }
        }
        assertEquals(List.of(), leaks);
        assertTrue(cli.user("bob").isEmpty());
    }
}
