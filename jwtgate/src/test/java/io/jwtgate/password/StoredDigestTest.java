package io.jwtgate.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.Htpasswd;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.catalina.realm.MessageDigestCredentialHandler;
import org.apache.catalina.realm.SecretKeyCredentialHandler;
import org.eclipse.jetty.util.security.Credential;
import org.junit.jupiter.api.Test;

/**
 * Each stored form checked right and wrong, with values made by the real tools: Tomcat's credential handlers,
 * Jetty's Credential, Apache's htpasswd.
 */
class StoredDigestTest {

    private static final List<String> PASSWORDS = List.of("correct horse battery", "Gr\u00fc\u00dfe aus K\u00f6ln",
            "x", "\u65e5\u672c\u8a9e\u306e\u5408\u8a00\u8449");

    @Test
    void tomcatMessageDigestHandlerFormsVerify() throws NoSuchAlgorithmException {
        for (String alg : List.of("MD5", "SHA-1", "SHA-256", "SHA-512")) {
            for (int[] saltAndRounds : new int[][] {{0, 1}, {16, 1}, {8, 1000}, {0, 5}}) {
                MessageDigestCredentialHandler h = new MessageDigestCredentialHandler();
                h.setAlgorithm(alg);
                h.setSaltLength(saltAndRounds[0]);
                h.setIterations(saltAndRounds[1]);
                for (String pw : PASSWORDS) {
                    String made = h.mutate(pw);
                    assertTrue(h.matches(pw, made), "Tomcat agrees with itself");
                    assertRightAndWrong("{tomcat:" + alg + "}" + made, pw,
                            "tomcat " + alg + (made.contains("$") ? " salted" : ""));
                }
            }
        }
    }

    @Test
    void tomcatSecretKeyHandlerFormsVerify() throws NoSuchAlgorithmException {
        for (String alg : List.of("PBKDF2WithHmacSHA1", "PBKDF2WithHmacSHA256", "PBKDF2WithHmacSHA512")) {
            for (int keyLength : new int[] {160, 256, 512}) {
                SecretKeyCredentialHandler h = new SecretKeyCredentialHandler();
                h.setAlgorithm(alg);
                h.setKeyLength(keyLength);
                h.setIterations(1000);
                for (String pw : PASSWORDS) {
                    String made = h.mutate(pw);
                    assertTrue(h.matches(pw, made), "Tomcat agrees with itself");
                    assertRightAndWrong("{tomcat:" + alg + "}" + made, pw, "tomcat " + alg);
                }
            }
        }
    }

    @Test
    void ldapFormsVerifyAsTomcatReadsThem() throws NoSuchAlgorithmException {
        for (String pw : PASSWORDS) {
            byte[] utf8 = pw.getBytes(StandardCharsets.UTF_8);
            byte[] salt = {1, 2, 3, 4, 5, 6, 7, 8};
            String sha = "{SHA}" + b64(MessageDigest.getInstance("SHA-1").digest(utf8));
            String md5 = "{MD5}" + b64(MessageDigest.getInstance("MD5").digest(utf8));
            MessageDigest ssha = MessageDigest.getInstance("SHA-1");
            ssha.update(utf8);
            ssha.update(salt);
            byte[] digest = ssha.digest();
            byte[] withSalt = new byte[digest.length + salt.length];
            System.arraycopy(digest, 0, withSalt, 0, digest.length);
            System.arraycopy(salt, 0, withSalt, digest.length, salt.length);
            String sshaText = "{SSHA}" + b64(withSalt);
            MessageDigestCredentialHandler sha1 = new MessageDigestCredentialHandler();
            sha1.setAlgorithm("SHA-1");
            MessageDigestCredentialHandler md = new MessageDigestCredentialHandler();
            md.setAlgorithm("MD5");
            if (pw.chars().allMatch(c -> c < 0x80)) {
                // Tomcat digests ISO-8859-1 for these forms: it agrees with the UTF-8 tools on ASCII only.
                assertTrue(sha1.matches(pw, sha), "Tomcat reads {SHA}");
                assertTrue(sha1.matches(pw, sshaText), "Tomcat reads {SSHA}");
                assertTrue(md.matches(pw, md5), "Tomcat reads {MD5}");
            }
            assertRightAndWrong(sha, pw, "ldap SHA");
            assertRightAndWrong(sshaText, pw, "ldap SSHA");
            assertRightAndWrong(md5, pw, "ldap MD5");
        }
    }

    @Test
    void htpasswdFormsVerify() {
        for (String pw : PASSWORDS) {
            assertRightAndWrong(Htpasswd.hash(Htpasswd.Algorithm.APR1, pw), pw, "htpasswd apr1");
            assertRightAndWrong(Htpasswd.hash(Htpasswd.Algorithm.SHA, pw), pw, "ldap SHA");
            if (pw.chars().allMatch(c -> c < 0x80)) {
                assertRightAndWrong("CRYPT:" + Htpasswd.hash(Htpasswd.Algorithm.CRYPT, pw), pw, "crypt");
            }
        }
    }

    @Test
    void apr1OfAnEmptyPasswordAndOfLongOnesMatchesHtpasswd() {
        for (String pw : List.of("", "y".repeat(16), "z".repeat(17), "long ".repeat(30))) {
            String made = Htpasswd.hash(Htpasswd.Algorithm.APR1, pw);
            assertEquals(made, Apr1Crypt.crypt(pw, Apr1Crypt.salt(made)));
        }
    }

    @Test
    void jettyFormsVerify() {
        for (String pw : PASSWORDS) {
            if (pw.chars().allMatch(c -> c <= 0xff)) {
                assertRightAndWrong(Credential.MD5.digest(pw).toLowerCase().replace("md5:", "MD5:"), pw, "jetty MD5");
            }
            if (pw.chars().allMatch(c -> c < 0x80)) {
                assertRightAndWrong(Credential.Crypt.crypt("alice", pw), pw, "crypt");
            }
        }
    }

    @Test
    void ldapFormsOfALatin1PasswordVerifyInTomcatsEncodingToo() throws NoSuchAlgorithmException {
        String pw = "Gr\u00fc\u00dfe aus K\u00f6ln";
        String latin1 = "{SHA}" + b64(MessageDigest.getInstance("SHA-1").digest(pw.getBytes(StandardCharsets.ISO_8859_1)));
        MessageDigestCredentialHandler sha1 = new MessageDigestCredentialHandler();
        sha1.setAlgorithm("SHA-1");
        assertTrue(sha1.matches(pw, latin1), "Tomcat made it");
        assertRightAndWrong(latin1, pw, "ldap SHA");
        String mangled = "{SHA}" + b64(MessageDigest.getInstance("SHA-1").digest("??".getBytes(StandardCharsets.ISO_8859_1)));
        assertFalse(StoredDigest.parse(mangled).orElseThrow().matches("\u65e5\u672c"));
    }

    @Test
    void charactersTheOldToolsMangledNeverMatch() {
        // Jetty digests ISO-8859-1 bytes, turning every other character into '?': such a password would match any
        // other with '?' in the same places, so it is refused (decision 323).
        String japanese = "\u65e5\u672c";
        StoredDigest md5 = StoredDigest.parse(Credential.MD5.digest(japanese).toLowerCase().replace("md5:", "MD5:"))
                .orElseThrow();
        assertFalse(md5.matches(japanese));
        assertFalse(md5.matches("\u4e00\u4e01"));
        StoredDigest crypt = StoredDigest.parse(Credential.Crypt.crypt("alice", "caf\u00e9")).orElseThrow();
        assertFalse(crypt.matches("caf\u00e9"));
    }

    @Test
    void malformedOrOutOfBoundsTextsAreNotStoredDigests() {
        String sha256 = "a".repeat(64);
        List<String> bad = new ArrayList<>(List.of("", "plain", "{SHA}", "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g",
                "{SHA}AAAA", "{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", "{MD5}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
                "$apr1$$abcdefghijklmnopqrstuv", "$apr1$123456789$abcdefghijklmnopqrstuv", "MD5:abc", "MD5:" + "g".repeat(32),
                "CRYPT:abc", "CRYPT:ab!defghijklm", "{tomcat:SHA-256}" + "a".repeat(63), "{tomcat:SHA-256}" + "a".repeat(40),
                "{tomcat:sha-256}" + sha256, "{tomcat:auto}" + sha256, "{tomcat:SHA-384}" + "a".repeat(96),
                "{tomcat:SHA-256}abc$1$" + sha256, "{tomcat:SHA-256}ab$0$" + sha256,
                "{tomcat:SHA-256}ab$10000001$" + sha256, "{tomcat:SHA-256}ab$01$" + sha256,
                "{tomcat:PBKDF2WithHmacSHA1}" + "a".repeat(40), "{tomcat:PBKDF2WithHmacSHA1}$1000$" + "a".repeat(40),
                "{tomcat:PBKDF2WithHmacSHA1}ab$1000$" + "a".repeat(2 * StoredDigest.MAX_KEY_BYTES + 2),
                "{tomcat:SHA-256}" + "ab".repeat(300) + "$1$" + sha256,
                "$2a$10$tooShortToBeABcryptHash", "\uff10".repeat(32)));
        for (String text : bad) {
            assertTrue(StoredDigest.parse(text).isEmpty(), text);
        }
        assertTrue(StoredDigest.parse(null).isEmpty());
    }

    @Test
    void toStringNamesOnlyTheFormat() {
        String stored = "{tomcat:SHA-256}" + "a".repeat(64);
        StoredDigest d = StoredDigest.parse(stored).orElseThrow();
        assertEquals("StoredDigest[tomcat SHA-256]", d.toString());
        assertEquals("{tomcat:SHA-256}" + "a".repeat(64), StoredDigest.parse(stored.toUpperCase()
                .replace("{TOMCAT:", "{tomcat:")).orElseThrow().stored());
    }

    private static void assertRightAndWrong(String stored, String password, String format) {
        StoredDigest d = StoredDigest.parse(stored).orElseThrow(() -> new AssertionError("not read: " + format));
        assertEquals(format, d.format());
        assertTrue(d.matches(password), format + " right password");
        assertFalse(d.matches("!" + password), format + " wrong password");
        if (!format.equals("crypt")) {
            // crypt reads 8 characters only (cryptKeepsOnlyTheFirstEightCharacters).
            assertFalse(d.matches(password + "!"), format + " longer password");
        }
        assertFalse(d.matches(password.isEmpty() ? "x" : password.substring(1)), format + " shorter password");
        assertFalse(d.matches(password.toUpperCase().equals(password) ? password + " " : password.toUpperCase()),
                format + " other case");
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
