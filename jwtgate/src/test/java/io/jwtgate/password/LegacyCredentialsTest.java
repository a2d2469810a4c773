package io.jwtgate.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.password.LegacyCredentials.Source;
import io.jwtgate.support.Htpasswd;
import java.security.NoSuchAlgorithmException;
import org.apache.catalina.realm.MessageDigestCredentialHandler;
import org.apache.catalina.realm.SecretKeyCredentialHandler;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.Password;
import org.junit.jupiter.api.Test;

/** read(): what each source's text is taken for, and what is refused with which advice. */
class LegacyCredentialsTest {

    private static final String PW = "correct horse battery";
    private static final String BCRYPT = "$2a$04$abcdefghijklmnopqrstuuJqQKnlv8JV6pG3l7Ig7vX5u4cF0xZ6C";

    private final LegacyCredentials strict = new LegacyCredentials(false, TomcatDigest.AUTO);
    private final LegacyCredentials lenient = new LegacyCredentials(true, TomcatDigest.AUTO);

    @Test
    void bcryptIsReadAsBcryptFromEverySource() {
        for (Source s : Source.values()) {
            assertEquals(new LegacyCredential.Digest(BCRYPT, "bcrypt"), strict.read(BCRYPT, s));
        }
    }

    @Test
    void tomcatBareHexIsReadByItsLengthAndTagged() {
        String sha256 = tomcat("SHA-256", 0, 1);
        LegacyCredential.Digest d = digest(strict.read(sha256.toUpperCase(), Source.TOMCAT));
        assertEquals("{tomcat:SHA-256}" + sha256, d.stored());
        assertEquals("tomcat SHA-256", d.format());
        assertEquals("{tomcat:MD5}" + tomcat("MD5", 0, 1),
                digest(strict.read(tomcat("MD5", 0, 1), Source.TOMCAT)).stored());
        assertEquals("{tomcat:SHA-1}" + tomcat("SHA-1", 0, 1),
                digest(strict.read(tomcat("SHA-1", 0, 1), Source.TOMCAT)).stored());
        assertEquals("{tomcat:SHA-512}" + tomcat("SHA-512", 0, 1),
                digest(strict.read(tomcat("SHA-512", 0, 1), Source.TOMCAT)).stored());
    }

    @Test
    void tomcatSaltedFormNeedsTheAlgorithmNamed() {
        String salted = tomcat("SHA-256", 16, 1000);
        UnrecognizedCredentialException e = assertThrows(UnrecognizedCredentialException.class,
                () -> strict.read(salted, Source.TOMCAT));
        assertTrue(e.getMessage().contains("jwtgate.legacy.digest"), e.getMessage());
        assertFalse(e.getMessage().contains(salted));
        LegacyCredential.Digest d = digest(new LegacyCredentials(false, TomcatDigest.SHA_256).read(salted, Source.TOMCAT));
        assertEquals("{tomcat:SHA-256}" + salted, d.stored());
        assertEquals("tomcat SHA-256 salted", d.format());
    }

    @Test
    void tomcatPbkdf2IsReadUnderItsAlgorithm() throws NoSuchAlgorithmException {
        SecretKeyCredentialHandler h = new SecretKeyCredentialHandler();
        h.setAlgorithm("PBKDF2WithHmacSHA512");
        h.setIterations(1000);
        String stored = h.mutate(PW);
        LegacyCredential.Digest d = digest(new LegacyCredentials(false, TomcatDigest.PBKDF2_SHA512)
                .read(stored, Source.TOMCAT));
        assertEquals("{tomcat:PBKDF2WithHmacSHA512}" + stored, d.stored());
        assertEquals("tomcat PBKDF2WithHmacSHA512", d.format());
    }

    @Test
    void tomcatWithANamedAlgorithmRefusesWhatDoesNotFitIt() {
        LegacyCredentials sha256 = new LegacyCredentials(true, TomcatDigest.SHA_256);
        assertThrows(UnrecognizedCredentialException.class, () -> sha256.read(tomcat("MD5", 0, 1), Source.TOMCAT));
        UnrecognizedCredentialException e = assertThrows(UnrecognizedCredentialException.class,
                () -> sha256.read("just a password", Source.TOMCAT));
        assertTrue(e.getMessage().contains("jwtgate.legacy.digest"), e.getMessage());
    }

    @Test
    void tomcatLdapFormsAreKeptAsTheyAre() {
        MessageDigestCredentialHandler h = new MessageDigestCredentialHandler();
        try {
            h.setAlgorithm("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        String sha = "{SHA}" + java.util.Base64.getEncoder().encodeToString(sha1(PW));
        assertTrue(h.matches(PW, sha), "Tomcat itself accepts the {SHA} form");
        assertEquals(new LegacyCredential.Digest(sha, "tomcat {SHA}"), strict.read(sha, Source.TOMCAT));
    }

    @Test
    void plainTextOnlyWhenAllowedAndTheMessageNamesTheKey() {
        for (Source s : Source.values()) {
            UnrecognizedCredentialException e = assertThrows(UnrecognizedCredentialException.class,
                    () -> strict.read("hunter22", s));
            assertTrue(e.getMessage().contains("jwtgate.legacy.allow-plaintext"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter22"));
            assertEquals(new LegacyCredential.Plain("hunter22"), lenient.read("hunter22", s));
        }
    }

    @Test
    void aDigestInAnUnknownFormatIsNeverTakenForPlainText() {
        for (String foreign : new String[] {"$6$salt$abcdef", "{CRYPT}abcdef", "{SSHA512}abcd", "$1$abc$def"}) {
            for (Source s : Source.values()) {
                assertThrows(UnrecognizedCredentialException.class, () -> lenient.read(foreign, s), foreign);
            }
        }
    }

    @Test
    void aRealmTableOfJettyCredentialsIsReadAsJettyWritesThem() {
        String md5 = Credential.MD5.digest(PW);
        assertEquals("jetty MD5", digest(strict.read(md5, Source.TOMCAT)).format());
        String crypt = Credential.Crypt.crypt("alice", PW);
        assertEquals(new LegacyCredential.Digest(crypt, "jetty CRYPT"), strict.read(crypt, Source.TOMCAT));
        assertEquals(new LegacyCredential.Plain(PW), strict.read(Password.obfuscate(PW), Source.TOMCAT));
    }

    @Test
    void jettyPrefixedTextsAreNeverPlainTextWhereTheyCannotBeRead() {
        // Jetty's digests given where only Tomcat's are expected, or malformed: refused, not compared as passwords,
        // since the digest itself would then log in.
        for (String jettyLike : new String[] {"MD5:not-hex", "CRYPT:", "MD:SHA-256:abcd", "OBF:1x!z"}) {
            for (Source s : Source.values()) {
                assertThrows(UnrecognizedCredentialException.class, () -> lenient.read(jettyLike, s), jettyLike);
            }
        }
        String md5 = Credential.MD5.digest(PW);
        assertThrows(UnrecognizedCredentialException.class,
                () -> new LegacyCredentials(true, TomcatDigest.SHA_256).read(md5, Source.TOMCAT));
        assertThrows(UnrecognizedCredentialException.class, () -> lenient.read(md5, Source.HTPASSWD));
    }

    @Test
    void anOutsideBcryptHashCostlierThanTheConfiguredCostIsRefusedNamingTheKey() {
        String cost13 = "$2a$13$abcdefghijklmnopqrstuuJqQKnlv8JV6pG3l7Ig7vX5u4cF0xZ6C";
        for (Source s : Source.values()) {
            UnrecognizedCredentialException e = assertThrows(UnrecognizedCredentialException.class,
                    () -> new LegacyCredentials(false, TomcatDigest.AUTO, 12).read(cost13, s));
            assertTrue(e.getMessage().contains("jwtgate.bcrypt.cost"), e.getMessage());
            assertFalse(e.getMessage().contains(cost13.substring(7)), e.getMessage());
            assertEquals(new LegacyCredential.Digest(cost13, "bcrypt"),
                    new LegacyCredentials(false, TomcatDigest.AUTO, 13).read(cost13, s));
        }
    }

    @Test
    void plainHidesThePasswordInToString() {
        assertFalse(new LegacyCredential.Plain("hunter22").toString().contains("hunter22"));
        assertFalse(new LegacyCredential.Digest(BCRYPT, "bcrypt").toString().contains(BCRYPT));
    }

    @Test
    void htpasswdFormsAreRecognised() {
        assertEquals("htpasswd apr1", digest(strict.read(Htpasswd.hash(Htpasswd.Algorithm.APR1, PW),
                Source.HTPASSWD)).format());
        assertEquals("htpasswd SHA", digest(strict.read(Htpasswd.hash(Htpasswd.Algorithm.SHA, PW),
                Source.HTPASSWD)).format());
        String crypt = Htpasswd.hash(Htpasswd.Algorithm.CRYPT, PW);
        assertEquals(new LegacyCredential.Digest("CRYPT:" + crypt, "htpasswd crypt"), strict.read(crypt, Source.HTPASSWD));
        String bcrypt = Htpasswd.hash(Htpasswd.Algorithm.BCRYPT, PW);
        assertEquals(new LegacyCredential.Digest(bcrypt, "bcrypt"), strict.read(bcrypt, Source.HTPASSWD));
    }

    @Test
    void jettyFormsAreRecognisedAndObfIsPlain() {
        // Jetty writes the hex in mixed case; what is kept is lower case.
        String md5 = Credential.MD5.digest(PW);
        assertEquals(new LegacyCredential.Digest(md5.toLowerCase().replace("md5:", "MD5:"), "jetty MD5"),
                strict.read(md5, Source.JETTY));
        String crypt = Credential.Crypt.crypt("alice", PW);
        assertEquals(new LegacyCredential.Digest(crypt, "jetty CRYPT"), strict.read(crypt, Source.JETTY));
        assertEquals(new LegacyCredential.Plain(PW), strict.read(Password.obfuscate(PW), Source.JETTY));
        assertEquals(new LegacyCredential.Plain("Gr\u00fc\u00dfe \u65e5\u672c"),
                strict.read(Password.obfuscate("Gr\u00fc\u00dfe \u65e5\u672c"), Source.JETTY));
        assertThrows(UnrecognizedCredentialException.class, () -> strict.read("OBF:1x!z", Source.JETTY));
        assertThrows(UnrecognizedCredentialException.class, () -> lenient.read("MD:SHA-256:abcd", Source.JETTY));
    }

    @Test
    void jwtgateReadsEveryStoredFormBack() {
        String[] stored = {
            "{tomcat:SHA-256}" + tomcat("SHA-256", 0, 1),
            "{tomcat:SHA-512}" + tomcat("SHA-512", 8, 3),
            Credential.MD5.digest(PW).toLowerCase().replace("md5:", "MD5:"),
            Credential.Crypt.crypt("alice", PW),
            Htpasswd.hash(Htpasswd.Algorithm.APR1, PW),
            Htpasswd.hash(Htpasswd.Algorithm.SHA, PW),
            BCRYPT,
        };
        for (String s : stored) {
            assertEquals(s, digest(strict.read(s, Source.JWTGATE)).stored());
        }
        assertEquals(new LegacyCredential.Plain(PW), strict.read(Password.obfuscate(PW), Source.JWTGATE));
        // A bare Tomcat hex is not a stored form: in a CSV it must carry its tag.
        assertThrows(UnrecognizedCredentialException.class, () -> strict.read(tomcat("SHA-256", 0, 1), Source.JWTGATE));
    }

    @Test
    void absurdIterationCountsAreRefused() {
        String tooMany = "{tomcat:SHA-256}00$10000001$" + tomcat("SHA-256", 0, 1);
        assertThrows(UnrecognizedCredentialException.class, () -> strict.read(tooMany, Source.JWTGATE));
        String pbkdf2 = "a1b2$10000001$" + "ab".repeat(20);
        assertThrows(UnrecognizedCredentialException.class,
                () -> new LegacyCredentials(false, TomcatDigest.PBKDF2_SHA1).read(pbkdf2, Source.TOMCAT));
        String longKey = "a1b2$1000$" + "ab".repeat(StoredDigest.MAX_KEY_BYTES + 1);
        assertThrows(UnrecognizedCredentialException.class,
                () -> new LegacyCredentials(false, TomcatDigest.PBKDF2_SHA1).read(longKey, Source.TOMCAT));
    }

    @Test
    void emptyAndMalformedAreRefused() {
        assertThrows(UnrecognizedCredentialException.class, () -> lenient.read("", Source.JETTY));
        assertThrows(UnrecognizedCredentialException.class, () -> lenient.read(null, Source.TOMCAT));
        assertThrows(UnrecognizedCredentialException.class, () -> lenient.read("{SHA}notbase64!", Source.HTPASSWD));
        assertThrows(UnrecognizedCredentialException.class, () -> lenient.read("$apr1$toolongsalt$x", Source.HTPASSWD));
        assertThrows(UnrecognizedCredentialException.class, () -> lenient.read("MD5:abc", Source.JETTY));
    }

    @Test
    void anyTextIsReadIntoACheckableFormOrRefusedWithoutEchoingIt() {
        java.util.Random random = new java.util.Random(320);
        String[] starts = {"", "{SHA}", "{SSHA}", "{MD5}", "$apr1$", "$2y$04$", "MD5:", "CRYPT:", "OBF:", "{tomcat:SHA-256}",
            "{tomcat:PBKDF2WithHmacSHA1}", "U", "$", "{"};
        String alphabet = "0123456789abcdefABCDEF$./:{}=+Uxyz \u00e9\u65e5";
        LegacyCredentials[] readers = {strict, lenient, new LegacyCredentials(true, TomcatDigest.SHA_1),
            new LegacyCredentials(false, TomcatDigest.PBKDF2_SHA256)};
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder(starts[random.nextInt(starts.length)]);
            int length = random.nextInt(70);
            StringBuilder tail = new StringBuilder();
            for (int k = 0; k < length; k++) {
                tail.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = b.append(tail).toString();
            for (LegacyCredentials reader : readers) {
                for (Source s : Source.values()) {
                    try {
                        LegacyCredential c = reader.read(raw, s);
                        if (c instanceof LegacyCredential.Digest d) {
                            assertTrue(BcryptForm.is(d.stored()) || StoredDigest.parse(d.stored()).isPresent(), raw);
                        }
                    } catch (UnrecognizedCredentialException e) {
                        if (tail.length() >= 8) {
                            assertFalse(e.getMessage().contains(tail), e.getMessage());
                        }
                    }
                }
            }
        }
    }

    static LegacyCredential.Digest digest(LegacyCredential c) {
        return assertInstanceOf(LegacyCredential.Digest.class, c);
    }

    /** What Tomcat's MessageDigestCredentialHandler stores for {@link #PW}. */
    static String tomcat(String algorithm, int saltLength, int iterations) {
        MessageDigestCredentialHandler h = new MessageDigestCredentialHandler();
        try {
            h.setAlgorithm(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        h.setSaltLength(saltLength);
        h.setIterations(iterations);
        return h.mutate(PW);
    }

    private static byte[] sha1(String s) {
        return Digests.digest("SHA-1").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
