package io.jwtgate.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.login.CredentialChecker;
import io.jwtgate.login.LoginFailedException;
import io.jwtgate.login.PasswordHasher;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.store.Database;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.util.security.Credential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replacement of a legacy digest against a real H2 store: conditional, and required for the login. */
class CredentialCheckerLegacyTest {

    private static final String PW = "correct horse battery";

    @TempDir
    Path dir;

    @Test
    void aDigestReplacedBetweenTheCheckAndItsUpgradeFailsTheLogin() {
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(TestSettings.settings(TestSettings.params(dir)), clock)) {
            UserStore users = new UserStore(db, clock, UsernameKey::of);
            PasswordHasher hasher = new PasswordHasher(4);
            CredentialChecker checker = new CredentialChecker(users, hasher);
            String digest = Credential.Crypt.crypt("carol", PW);
            users.create("carol", null, digest, Set.of("user"));
            Optional<User> seen = checker.find("carol", false);
            // A password change lands after the row was read and before the digest is replaced.
            String changed = hasher.hash("a new password entirely");
            assertTrue(users.upgradePasswordHash(seen.orElseThrow().id(), digest, changed));
            LoginFailedException e = assertThrows(LoginFailedException.class, () -> checker.check(seen, PW));
            assertEquals("credential_changed", e.reason());
            assertEquals(changed, users.findByUsername("carol").orElseThrow().passwordHash());
        }
    }

    @Test
    void theDigestWorksOnceEvenForACallerHoldingTheOldRow() {
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(TestSettings.settings(TestSettings.params(dir)), clock)) {
            UserStore users = new UserStore(db, clock, UsernameKey::of);
            CredentialChecker checker = new CredentialChecker(users, new PasswordHasher(4));
            users.create("dave", null, "{tomcat:SHA-256}" + LegacyCredentialsTest.tomcat("SHA-256", 0, 1), Set.of("user"));
            Optional<User> seen = checker.find("dave", false);
            assertEquals("dave", checker.check(seen, PW).username());
            String bcrypt = users.findByUsername("dave").orElseThrow().passwordHash();
            assertTrue(bcrypt.startsWith("$2a$04$"), "replaced by bcrypt at the configured cost");
            assertEquals("credential_changed",
                    assertThrows(LoginFailedException.class, () -> checker.check(seen, PW)).reason());
            assertEquals("dave", checker.check("dave", false, PW).username());
            assertEquals(bcrypt, users.findByUsername("dave").orElseThrow().passwordHash());
        }
    }
}
