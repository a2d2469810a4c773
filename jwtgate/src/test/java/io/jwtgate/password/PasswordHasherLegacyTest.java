package io.jwtgate.password;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.login.PasswordHasher;
import io.jwtgate.password.LegacyCredentials.Source;
import java.util.List;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.Password;
import org.junit.jupiter.api.Test;

/** PasswordHasher on the credentials LegacyCredentials reads and the digests JwtGate stores. */
class PasswordHasherLegacyTest {

    private static final String PW = "correct horse battery";

    private final PasswordHasher hasher = new PasswordHasher(4);
    private final LegacyCredentials lenient = new LegacyCredentials(true, TomcatDigest.AUTO);

    @Test
    void everyReadDigestMatchesItsPasswordByCredentialAndByStoredText() {
        List<LegacyCredential> read = List.of(
                lenient.read(LegacyCredentialsTest.tomcat("SHA-256", 0, 1), Source.TOMCAT),
                lenient.read(Credential.MD5.digest(PW), Source.JETTY),
                lenient.read(Credential.Crypt.crypt("alice", PW), Source.JETTY),
                lenient.read(hasher.hash(PW), Source.JWTGATE));
        for (LegacyCredential c : read) {
            assertTrue(hasher.matches(PW, c), c.toString());
            assertFalse(hasher.matches("not " + PW, c), c.toString());
            String stored = ((LegacyCredential.Digest) c).stored();
            assertTrue(hasher.matches(PW, stored), c.toString());
            assertFalse(hasher.matches("not " + PW, stored), c.toString());
        }
    }

    @Test
    void plainTextComparesExactly() {
        LegacyCredential plain = lenient.read(PW, Source.JETTY);
        assertTrue(hasher.matches(PW, plain));
        assertFalse(hasher.matches(PW + " ", plain));
        assertFalse(hasher.matches(PW.substring(1), plain));
        assertTrue(hasher.matches(PW, lenient.read(Password.obfuscate(PW), Source.JETTY)));
        assertFalse(hasher.matches("x".repeat(2000), new LegacyCredential.Plain("x".repeat(2000))),
                "longer than any password JwtGate accepts");
    }

    @Test
    void everyLegacyFormNeedsRehashAndBcryptAtTheCostDoesNot() {
        String legacy = ((LegacyCredential.Digest) lenient.read(Credential.MD5.digest(PW), Source.JETTY)).stored();
        assertTrue(hasher.needsRehash(legacy));
        assertTrue(PasswordHasher.isLegacy(legacy));
        String bcrypt = hasher.hash(PW);
        assertFalse(hasher.needsRehash(bcrypt));
        assertFalse(PasswordHasher.isLegacy(bcrypt));
        assertTrue(new PasswordHasher(5).needsRehash(bcrypt));
    }

    @Test
    void aStoredTextInNoFormIsMalformed() {
        for (String bad : List.of("plain", "{SHA}short", "MD5:xyz", "CRYPT:", "{tomcat:SHA-256}00")) {
            assertThrows(PasswordHasher.MalformedHashException.class, () -> hasher.matches(PW, bad), bad);
        }
    }
}
