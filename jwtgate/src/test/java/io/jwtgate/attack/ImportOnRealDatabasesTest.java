package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.store.User;
import io.jwtgate.support.RealDatabase;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Case and accent variants of an existing admin imported into PostgreSQL and MariaDB stores, whose
 * collations differ (MariaDB's utf8mb4 collations fold case and accents): whatever the engine, the
 * existing account keeps its roles, password, email and state, and no variant is created.
 */
class ImportOnRealDatabasesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void variantsOfAnExistingAdminNeverChangeItOnAnyEngine(RealDatabase engine) throws Exception {
        try (RealDatabase.Schema schema = engine.create()) {
            CliHarness cli = new CliHarness(dir);
            cli.settings.put("jwtgate.jdbc.url", schema.url());
            cli.settings.put("jwtgate.jdbc.username", schema.user());
            cli.addUser("admin", CliHarness.ADMIN_PASSWORD, "admin");
            User before = cli.user("admin").orElseThrow();
            String hash = "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=";
            Path file = cli.write("users.csv", "username,email,roles,hash\n"
                    + "ADMIN,a@example.org,superuser," + hash + "\n"
                    + "Admin,b@example.org,superuser," + hash + "\n"
                    + "adm\u00EDn,c@example.org,superuser," + hash + "\n"
                    + "admin,d@example.org,superuser," + hash + "\n");
            CliHarness.Run r = cli.importFile(file);
            assertFalse(r.out().contains(": created "), r.toString());
            assertEquals(1, cli.users().size(), r.toString());
            User after = cli.user("admin").orElseThrow();
            assertEquals(before, after, "the existing admin changed: " + r);
            assertEquals(Set.of("admin"), after.roles());
            assertTrue(after.enabled());
        }
    }
}
