package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The user store against real PostgreSQL and MariaDB servers, through a JDBC URL. */
class RealDatabaseStoreTest {

    @TempDir
    Path dir;

    private Map<String, String> params(RealDatabase.Schema schema) {
        Map<String, String> p = TestSettings.params(dir);
        p.put("jwtgate.jdbc.url", schema.url());
        p.put("jwtgate.jdbc.username", schema.user());
        return p;
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void schemaIsCreatedOnceAndUsersRoundTrip(RealDatabase db) throws Exception {
        try (RealDatabase.Schema schema = db.create()) {
            try (JwtGate gate = JwtGate.start(TestSettings.settings(params(schema)))) {
                gate.accounts().create("alice", "Alice@Example.org", "a fine password", Set.of("user", "ops"));
            }
            // A second start finds the schema at the latest version and the data intact.
            try (JwtGate gate = JwtGate.start(TestSettings.settings(params(schema)))) {
                User alice = gate.accounts().findByUsername("alice").orElseThrow();
                assertEquals(Set.of("user", "ops"), alice.roles());
                assertEquals("alice@example.org", alice.email());
                assertTrue(alice.passwordHash().startsWith("$2a$10$"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void usernamesAreLookedUpExactlyAndUniqueIgnoringCase(RealDatabase db) throws Exception {
        try (RealDatabase.Schema schema = db.create();
                JwtGate gate = JwtGate.start(TestSettings.settings(params(schema)))) {
            gate.accounts().create("alice", null, "a fine password", Set.of());
            assertTrue(gate.accounts().findByUsername("ALICE").isEmpty(), "MariaDB must compare names in binary");
            assertThrows(DuplicateUserException.class,
                    () -> gate.accounts().create("ALICE", null, "a fine password", Set.of()));
            assertThrows(DuplicateUserException.class,
                    () -> gate.accounts().create("alice", null, "a fine password", Set.of()));
            gate.accounts().create("J\u00fcrgen\u2603", null, "a fine password", Set.of(),
                    io.jwtgate.login.Accounts.NameCheck.OVERRIDE_CHARACTER_SET);
            assertEquals("J\u00fcrgen\u2603", gate.accounts().findByUsername("J\u00fcrgen\u2603").orElseThrow().username());
        }
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void passwordHashColumnHoldsLegacyDigestsOfFiveHundredCharacters(RealDatabase db) throws Exception {
        try (RealDatabase.Schema schema = db.create();
                Database store = Database.open(TestSettings.settings(params(schema)), java.time.Clock.systemUTC())) {
            UserStore users = new UserStore(store, java.time.Clock.systemUTC(), String::toLowerCase);
            String digest = "{tomcat-pbkdf2:PBKDF2WithHmacSHA512}" + "a".repeat(470);
            users.create("legacy", null, digest, Set.of("user"));
            assertEquals(digest, users.findByUsername("legacy").orElseThrow().passwordHash());
        }
    }
}
