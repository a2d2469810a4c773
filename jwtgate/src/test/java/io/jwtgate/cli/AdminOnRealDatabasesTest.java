package io.jwtgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store reads and writes of the administration commands on PostgreSQL and MariaDB. */
class AdminOnRealDatabasesTest {

    private static final String PASSWORD = "a fine long passphrase";

    @TempDir
    Path dir;

    private static CliRun ok(Map<String, String> params, String stdin, String... args) {
        CliRun r = CliRun.run(params, stdin, null, args);
        assertEquals(0, r.exitCode, r.toString());
        return r;
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void addListDisableSetRolesAndAuditTailWorkOnARealServer(RealDatabase engine) throws Exception {
        try (RealDatabase.Schema schema = engine.create()) {
            Map<String, String> params = TestSettings.params(dir);
            params.put("jwtgate.jdbc.url", schema.url());
            params.put("jwtgate.jdbc.username", schema.user());
            ok(params, PASSWORD + "\n", "users", "add", "zoe", "--role", "user");
            ok(params, PASSWORD + "\n", "users", "add", "adam", "--role", "admin", "--email", "adam@example.org");
            ok(params, "", "users", "disable", "zoe");
            ok(params, "", "users", "set-roles", "adam", "--role", "admin", "--role", "ops");
            List<List<String>> rows = ok(params, "", "users", "list").out.lines()
                    .map(l -> List.of(l.trim().split("\\s+"))).toList();
            assertEquals(List.of(List.of("USERNAME", "EMAIL", "ROLES", "ENABLED", "PASSWORD"),
                    List.of("adam", "adam@example.org", "admin,ops", "yes", "bcrypt"),
                    List.of("zoe", "-", "user", "no", "bcrypt")), rows);
            List<String> events = ok(params, "", "audit", "tail", "--limit", "3").out.lines()
                    .map(l -> l.split("  ")[1]).toList();
            assertEquals(List.of("user_registered", "user_disabled", "roles_changed"), events);
            CliRun missing = CliRun.run(params, "users", "enable", "nobody");
            assertEquals(ExitCode.INPUT, missing.exitCode, missing.toString());
            assertTrue(missing.err.contains("no such user"), missing.err);
        }
    }
}
