package io.jwtgate.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A legacy digest in the self-describing form JwtGate stores in {@code jwtgate_users.password_hash} until the first
 * successful login replaces it with bcrypt (decision 320 lists the forms). Parsing checks the shape and bounds
 * everything that sets the work of a check, so a crafted value cannot make a login burn the CPU; checking compares
 * in constant time.
 */
public final class StoredDigest {

    /** The most iterations a stored digest may ask for (decision 322). */
    public static final int MAX_ITERATIONS = 10_000_000;
    /** The longest stored form, the width of {@code jwtgate_users.password_hash}. */
    public static final int MAX_LENGTH = 512;
    /** The longest PBKDF2 key, in bytes (Tomcat's default is 20). */
    static final int MAX_KEY_BYTES = 64;

    static final String TOMCAT_TAG = "{tomcat:";
    static final String JETTY_MD5 = "MD5:";
    static final String CRYPT = "CRYPT:";

    private static final Pattern TOMCAT = Pattern.compile(
            "\\{tomcat:([A-Za-z0-9-]+)}(?:([0-9a-fA-F]*)\\$([1-9][0-9]{0,7})\\$)?([0-9a-fA-F]+)");

    private final String stored;
    private final String format;
    private final Predicate<String> check;

    private StoredDigest(String stored, String format, Predicate<String> check) {
        this.stored = stored;
        this.format = format;
        this.check = check;
    }

    /** The canonical stored form (hex in lower case). */
    public String stored() {
        return stored;
    }

    /** A short description for reports and logs, e.g. "tomcat SHA-256 salted"; never the value. */
    public String format() {
        return format;
    }

    /** Whether the password is the one this digest was made from; the comparison takes constant time. */
    public boolean matches(String password) {
        return check.test(password);
    }

    @Override
    public String toString() {
        return "StoredDigest[" + format + "]";
    }

    /**
     * Reads a stored legacy form; bcrypt is not one (the hasher checks it directly).
     *
     * @return empty for any text that is not exactly one of the forms, within its bounds
     */
    public static Optional<StoredDigest> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (text.startsWith("{SHA}")) {
            return base64(text, "{SHA}").filter(b -> b.length == 20)
                    .map(d -> new StoredDigest(text, "ldap SHA", pw -> eitherEncoding(pw, b -> same(d,
                            sha("SHA-1", b, new byte[0])))));
        }
        if (text.startsWith("{SSHA}")) {
            return base64(text, "{SSHA}").filter(b -> b.length > 20).map(b -> {
                byte[] digest = Arrays.copyOf(b, 20);
                byte[] salt = Arrays.copyOfRange(b, 20, b.length);
                return new StoredDigest(text, "ldap SSHA", pw -> eitherEncoding(pw, p -> same(digest,
                        sha("SHA-1", p, salt))));
            });
        }
        if (text.startsWith("{MD5}")) {
            return base64(text, "{MD5}").filter(b -> b.length == 16)
                    .map(d -> new StoredDigest(text, "ldap MD5", pw -> eitherEncoding(pw, b -> same(d,
                            sha("MD5", b, new byte[0])))));
        }
        if (text.startsWith(Apr1Crypt.MAGIC)) {
            if (!Apr1Crypt.SHAPE.matcher(text).matches()) {
                return Optional.empty();
            }
            String salt = Apr1Crypt.salt(text);
            return Optional.of(new StoredDigest(text, "htpasswd apr1",
                    pw -> same(ascii(text), ascii(Apr1Crypt.crypt(pw, salt)))));
        }
        if (text.startsWith(JETTY_MD5)) {
            String hex = text.substring(JETTY_MD5.length());
            return Hex.is(hex, 32) ? Hex.decode(hex).map(d -> new StoredDigest(
                    JETTY_MD5 + hex.toLowerCase(Locale.ROOT), "jetty MD5",
                    pw -> latin1(pw).map(b -> same(d, sha("MD5", b, new byte[0]))).orElse(false))) : Optional.empty();
        }
        if (text.startsWith(CRYPT)) {
            String crypt = text.substring(CRYPT.length());
            return DesCrypt.isShaped(crypt) ? Optional.of(new StoredDigest(text, "crypt",
                    pw -> DesCrypt.crypt(pw, crypt).map(c -> same(ascii(crypt), ascii(c))).orElse(false)))
                    : Optional.empty();
        }
        if (text.startsWith(TOMCAT_TAG)) {
            return tomcat(text);
        }
        return Optional.empty();
    }

    /** {@code {tomcat:ALG}hex} or {@code {tomcat:ALG}salthex$iterations$hex} (decision 311). */
    private static Optional<StoredDigest> tomcat(String text) {
        Matcher m = TOMCAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<TomcatDigest> named = TomcatDigest.parse(m.group(1))
                .filter(d -> d != TomcatDigest.AUTO && d.tomcatName().equals(m.group(1)));
        if (named.isEmpty()) {
            return Optional.empty();
        }
        TomcatDigest alg = named.get();
        boolean salted = m.group(3) != null;
        String hex = m.group(4).toLowerCase(Locale.ROOT);
        Optional<byte[]> expected = Hex.decode(hex);
        Optional<byte[]> salt = salted ? Hex.decode(m.group(2)) : Optional.of(new byte[0]);
        if (expected.isEmpty() || salt.isEmpty()) {
            return Optional.empty();
        }
        int iterations = salted ? Integer.parseInt(m.group(3)) : 1;
        if (iterations > MAX_ITERATIONS) {
            return Optional.empty();
        }
        String canonical = TOMCAT_TAG + alg.tomcatName() + "}"
                + (salted ? m.group(2).toLowerCase(Locale.ROOT) + "$" + iterations + "$" : "") + hex;
        byte[] want = expected.get();
        byte[] s = salt.get();
        if (alg.pbkdf2()) {
            // Tomcat's SecretKeyCredentialHandler always writes the salted form, and the JDK refuses an empty salt.
            if (!salted || s.length == 0 || want.length > MAX_KEY_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new StoredDigest(canonical, "tomcat " + alg.tomcatName(), pw -> same(want,
                    Digests.pbkdf2(alg.tomcatName(), pw, s, iterations, want.length * 8))));
        }
        if (want.length != Digests.digest(alg.tomcatName()).getDigestLength()) {
            return Optional.empty();
        }
        return Optional.of(new StoredDigest(canonical, "tomcat " + alg.tomcatName() + (salted ? " salted" : ""),
                pw -> same(want, Digests.iterated(alg.tomcatName(), iterations, s, utf8(pw)))));
    }

    private static Optional<byte[]> base64(String text, String prefix) {
        String encoded = text.substring(prefix.length());
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            // Only the canonical, padded encoding: one stored text per digest, as the tools write it.
            return Base64.getEncoder().encodeToString(bytes).equals(encoded) ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A digest of password then salt (LDAP's SSHA order; an empty salt for the unsalted forms). */
    private static byte[] sha(String algorithm, byte[] password, byte[] salt) {
        MessageDigest md = Digests.digest(algorithm);
        md.update(password);
        md.update(salt);
        return md.digest();
    }

    private static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The LDAP forms are written by tools that digest UTF-8 (htpasswd, LDAP servers) and by Tomcat, which digests
     * ISO-8859-1: a password of Latin-1 characters is tried in both faithful encodings, anything beyond Latin-1 in
     * UTF-8 only (decision 323). Both are computed, so the time does not say which one matched.
     */
    private static boolean eitherEncoding(String password, Predicate<byte[]> check) {
        boolean utf8 = check.test(utf8(password));
        Optional<byte[]> latin1 = latin1(password);
        boolean other = latin1.isPresent() && check.test(latin1.get());
        return utf8 | other;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The ISO-8859-1 bytes Jetty's MD5 credential (and Tomcat's LDAP forms) digest; empty for a password with a
     * character beyond it, which those tools turned into '?' and which therefore never matches that way (decision
     * 323).
     */
    private static Optional<byte[]> latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return Optional.empty();
            }
        }
        return Optional.of(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
