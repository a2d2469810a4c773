package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
import io.jwtgate.store.DuplicateUserException;
import io.jwtgate.store.User;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {

    @TempDir
    Path tmp;

    private Path dir;
    private JwtGate gate;

    @BeforeEach
    void start() {
        dir = tmp.resolve("data");
        gate = JwtGate.start(TestSettings.defaultStoreSettings(TestSettings.params(dir)));
    }

    @Test
    void dataDirectoryIsCreatedOwnerOnly() throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(dir)));
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    @Test
    void passwordOf72BytesIsAcceptedAnd73Refused() {
        String seventyTwo = io.jwtgate.support.Seed.SEVENTY_TWO_BYTES;
        assertEquals(72, seventyTwo.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertEquals("carol", gate.accounts().create("carol", null, seventyTwo, Set.of("user")).username());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> gate.accounts().create("dave", null, seventyTwo + "x", Set.of("user")));
        assertEquals("password", e.field());
        assertThrows(InvalidInputException.class, () -> gate.accounts().create("erin", null, "short", Set.of()));
        assertThrows(InvalidInputException.class, () -> gate.accounts().create("fred", null, "pass\u0000word", Set.of()));
    }

    @Test
    void passwordIsStoredAsBcryptOfTheConfiguredCost() {
        User u = gate.accounts().create("carol", null, "a fine password", Set.of("user"));
        assertTrue(u.passwordHash().startsWith("$2a$10$"), u.passwordHash().substring(0, 7));
        assertFalse(u.passwordHash().contains("a fine password"));
    }

    @Test
    void usernamesAreNfcNormalisedSoLookAlikeSpellingsAreOneAccount() {
        gate.accounts().create("Jos\u00e9", null, "a fine password", Set.of());
        assertThrows(DuplicateUserException.class,
                () -> gate.accounts().create("Jose\u0301", null, "a fine password", Set.of()));
        assertTrue(gate.accounts().findByUsername("Jose\u0301").isPresent());
    }

    @Test
    void invisibleOrOverlongUsernamesAreRefused() {
        for (String bad : new String[] {"", " ", "a b", "a\u200bb", "a\u0000", "x".repeat(101), "tab\there"}) {
            assertThrows(InvalidInputException.class, () -> gate.accounts().create(bad, null, "a fine password", Set.of()),
                    bad);
        }
        assertEquals("x".repeat(100), gate.accounts().create("x".repeat(100), null, "a fine password", Set.of()).username());
    }

    @Test
    void applicationCodeGetsTheRegistrationRulesByDefault() {
        gate.accounts().create("admin", null, "a fine password", Set.of("admin"));
        for (String lookAlike : UsernameKeyTest.ADMIN_LOOK_ALIKES) {
            assertThrows(DuplicateUserException.class,
                    () -> gate.accounts().create(lookAlike, null, "a fine password", Set.of()), lookAlike);
        }
        InvalidInputException markup = assertThrows(InvalidInputException.class,
                () -> gate.accounts().create("<svg/onload=alert(1)>", null, "a fine password", Set.of()));
        assertEquals("username", markup.field());
        assertEquals("file", gate.accounts().create("\ufb01le", null, "a fine password", Set.of()).username());
    }

    @Test
    void theExplicitOverrideCreatesANameOutsideTheCharacterSetButNeverALookAlike() {
        User legacy = gate.accounts().create("Doe,John(ops)", null, "a fine password", Set.of("user"),
                Accounts.NameCheck.OVERRIDE_CHARACTER_SET);
        assertEquals("Doe,John(ops)", legacy.username());
        assertEquals("\ufb01le", gate.accounts().create("\ufb01le", null, "a fine password", Set.of(),
                Accounts.NameCheck.OVERRIDE_CHARACTER_SET).username(), "stored as given (NFC), not NFKC");
        assertTrue(gate.accounts().findByUsername("Doe,John(ops)").isPresent());
        assertThrows(DuplicateUserException.class, () -> gate.accounts().create("doe,john(OPS)", null,
                "a fine password", Set.of(), Accounts.NameCheck.OVERRIDE_CHARACTER_SET));
        assertThrows(DuplicateUserException.class, () -> gate.accounts().create("file", null, "a fine password",
                Set.of()), "fi ligature and fi look alike");
        assertThrows(InvalidInputException.class, () -> gate.accounts().create("a\u200bb", null, "a fine password",
                Set.of(), Accounts.NameCheck.OVERRIDE_CHARACTER_SET), "the override still wants visible characters");
    }

    @Test
    void duplicateEmailIsRefusedCaseInsensitively() {
        gate.accounts().create("a1", "Same@Example.org", "a fine password", Set.of());
        assertThrows(DuplicateUserException.class,
                () -> gate.accounts().create("a2", "same@example.ORG", "a fine password", Set.of()));
        assertThrows(InvalidInputException.class,
                () -> gate.accounts().create("a3", "not-an-address", "a fine password", Set.of()));
    }

    @Test
    void usersSurviveARestartOnTheSameDataDir() {
        gate.accounts().create("persist", null, "a fine password", Set.of("user"));
        gate.close();
        gate = JwtGate.start(TestSettings.defaultStoreSettings(TestSettings.params(dir)));
        assertEquals(Set.of("user"), gate.accounts().findByUsername("persist").orElseThrow().roles());
    }
}
