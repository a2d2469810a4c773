package io.jwtgate.password;

import io.jwtgate.config.Keys;
import io.jwtgate.config.Settings;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a credential as Tomcat, htpasswd, Jetty or JwtGate itself wrote it into what JwtGate keeps: a
 * self-describing digest (decision 320) or, where allowed, a plain-text password. The source decides how an
 * ambiguous text is read (a bare hex string is a Tomcat digest, 13 characters are an htpasswd crypt, a Jetty text
 * without prefix is plain text). Messages name what is wrong and which key to set, never the credential.
 */
public final class LegacyCredentials {

    /** Where a credential comes from; decides how an ambiguous text is read. */
    public enum Source { TOMCAT, HTPASSWD, JETTY, JWTGATE }

    /**
     * Texts that look like a digest in some format ({@code {SCHEME}...}, {@code $id$...} with the ids of passlib
     * ({@code $pbkdf2-sha256$}) and SunMD5 ({@code $md5,rounds=5000$}), Jetty's prefixes, 32 or more hex digits
     * (SHA-224, SHA-384, ...), the base64 of an MD5, SHA-1, SHA-256 or SHA-512 digest with its padding): never
     * read as plain text, even where plain text is allowed, since the digest itself would then log in
     * (decisions 321, 313, 317, 318).
     */
    private static final Pattern DIGEST_LIKE = Pattern.compile("\\{[A-Za-z0-9:._-]+}.*"
            + "|\\$[0-9A-Za-z][0-9A-Za-z,=._-]{0,31}\\$.*|(?i:MD5|CRYPT|MD|OBF):.*|[0-9a-fA-F]{32,}"
            + "|[A-Za-z0-9+/]{22}==|[A-Za-z0-9+/]{27}=|[A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{86}==", Pattern.DOTALL);
    private static final int MAX_OBFUSCATION_ROUNDS = 4;
    /** Tomcat's salted form: hex salt (possibly empty), decimal iterations, hex result. */
    private static final Pattern TOMCAT_SALTED = Pattern.compile("[0-9a-fA-F]*\\$[0-9]+\\$[0-9a-fA-F]+");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    /** The default of {@code jwtgate.bcrypt.cost}, for readers built without settings. */
    private static final int DEFAULT_MAX_BCRYPT_COST = 12;

    private final boolean allowPlaintext;
    private final TomcatDigest tomcatDigest;
    private final int maxBcryptCost;

    /** A reader that takes outside bcrypt hashes up to the default {@code jwtgate.bcrypt.cost}, 12. */
    public LegacyCredentials(boolean allowPlaintext, TomcatDigest tomcatDigest) {
        this(allowPlaintext, tomcatDigest, DEFAULT_MAX_BCRYPT_COST);
    }

    /**
     * @param maxBcryptCost the costliest outside bcrypt hash taken (decision 314): the configured
     *     {@code jwtgate.bcrypt.cost}
     */
    public LegacyCredentials(boolean allowPlaintext, TomcatDigest tomcatDigest, int maxBcryptCost) {
        this.allowPlaintext = allowPlaintext;
        this.tomcatDigest = tomcatDigest;
        this.maxBcryptCost = maxBcryptCost;
    }

    /** As {@code jwtgate.legacy.allow-plaintext}, {@code jwtgate.legacy.digest} and {@code jwtgate.bcrypt.cost} say. */
    public static LegacyCredentials from(Settings settings) {
        return new LegacyCredentials(settings.legacy().legacyAllowPlaintext(), settings.legacy().legacyDigest(), settings.login().bcryptCost());
    }

    /**
     * @param raw the credential as the source holds it
     * @throws UnrecognizedCredentialException whose message says what is wrong and what to set (e.g. names
     *         jwtgate.legacy.digest / allow-plaintext) but never contains the value
     */
    public LegacyCredential read(String raw, Source source) {
        if (raw == null || raw.isEmpty()) {
            throw new UnrecognizedCredentialException("the credential is empty");
        }
        Matcher bcrypt = BcryptForm.PATTERN.matcher(raw);
        if (bcrypt.matches()) {
            int cost = Integer.parseInt(bcrypt.group(1));
            if (cost > maxBcryptCost) {
                // Every login attempt for the name, anyone's, would spend 2^cost rounds (decision 314).
                throw new UnrecognizedCredentialException("a bcrypt hash of cost " + cost + " is costlier than "
                        + Keys.BCRYPT_COST + " (" + maxBcryptCost + "), and every login attempt for the name would"
                        + " spend that much; raise " + Keys.BCRYPT_COST + " or give the user a new password");
            }
            return new LegacyCredential.Digest(raw, "bcrypt");
        }
        return switch (source) {
            case TOMCAT -> tomcat(raw);
            case HTPASSWD -> htpasswd(raw);
            case JETTY -> jetty(raw);
            case JWTGATE -> jwtgate(raw);
        };
    }

    private LegacyCredential tomcat(String raw) {
        if (raw.startsWith("{MD5}") || raw.startsWith("{SHA}") || raw.startsWith("{SSHA}")) {
            return digest(raw, "tomcat " + raw.substring(0, raw.indexOf('}') + 1),
                    "a Tomcat " + raw.substring(0, raw.indexOf('}') + 1) + " credential whose base64 value has the"
                            + " wrong length or alphabet");
        }
        if (TOMCAT_SALTED.matcher(raw).matches()) {
            if (tomcatDigest == TomcatDigest.AUTO) {
                throw new UnrecognizedCredentialException("a Tomcat salted credential (salt$iterations$hash) does not"
                        + " say its algorithm: set " + Keys.LEGACY_DIGEST + " to the algorithm of the realm's"
                        + " CredentialHandler (" + TomcatDigest.names() + ")");
            }
            return tagged(raw);
        }
        if (HEX.matcher(raw).matches() && tomcatDigest != TomcatDigest.AUTO) {
            return tagged(raw);
        }
        if (HEX.matcher(raw).matches()) {
            TomcatDigest byLength = switch (raw.length()) {
                case 32 -> TomcatDigest.MD5;
                case 40 -> TomcatDigest.SHA_1;
                case 64 -> TomcatDigest.SHA_256;
                case 128 -> TomcatDigest.SHA_512;
                default -> null;
            };
            if (byLength != null) {
                return digest(StoredDigest.TOMCAT_TAG + byLength.tomcatName() + "}" + raw, null, null);
            }
        }
        if (tomcatDigest == TomcatDigest.AUTO && jettyPrefixed(raw)) {
            // A realm table Jetty's JDBCLoginService filled holds Jetty's credentials (decision 313).
            return jetty(raw);
        }
        if (tomcatDigest != TomcatDigest.AUTO) {
            // Tomcat with an algorithm set compares digests only: nothing else is a password there.
            throw new UnrecognizedCredentialException("the credential is not a " + tomcatDigest.tomcatName()
                    + " credential as " + Keys.LEGACY_DIGEST + " says (hex, or salt$iterations$hex)");
        }
        return plain(raw, "a Tomcat credential that is neither a hex digest nor {MD5}/{SHA}/{SSHA}");
    }

    /** A Tomcat hex or salted credential under the algorithm jwtgate.legacy.digest names. */
    private LegacyCredential tagged(String raw) {
        if (tomcatDigest.pbkdf2() && !raw.contains("$")) {
            throw new UnrecognizedCredentialException("a " + tomcatDigest.tomcatName() + " credential (as "
                    + Keys.LEGACY_DIGEST + " says) must be salt$iterations$hex, as SecretKeyCredentialHandler writes it");
        }
        return digest(StoredDigest.TOMCAT_TAG + tomcatDigest.tomcatName() + "}" + raw, null,
                "the credential does not fit " + tomcatDigest.tomcatName() + " (as " + Keys.LEGACY_DIGEST
                        + " says): wrong length, a salt that is not whole bytes, an empty PBKDF2 salt, or more than "
                        + StoredDigest.MAX_ITERATIONS + " iterations");
    }

    private LegacyCredential htpasswd(String raw) {
        if (raw.startsWith(Apr1Crypt.MAGIC) || raw.startsWith("{SHA}")) {
            return digest(raw, raw.startsWith("{SHA}") ? "htpasswd SHA" : null,
                    "an htpasswd " + (raw.startsWith("{SHA}") ? "{SHA}" : "$apr1$") + " entry that is not well formed");
        }
        if (DesCrypt.isShaped(raw)) {
            return digest(StoredDigest.CRYPT + raw, "htpasswd crypt", null);
        }
        return plain(raw, "an htpasswd entry in no format htpasswd writes ($apr1$, $2y$, {SHA}, crypt)");
    }

    private LegacyCredential jetty(String raw) {
        if (raw.startsWith(StoredDigest.JETTY_MD5) || raw.startsWith(StoredDigest.CRYPT)) {
            return digest(raw.startsWith(StoredDigest.CRYPT) ? raw : StoredDigest.JETTY_MD5
                    + raw.substring(StoredDigest.JETTY_MD5.length()).toLowerCase(Locale.ROOT),
                    raw.startsWith(StoredDigest.CRYPT) ? "jetty CRYPT" : "jetty MD5",
                    "a Jetty " + raw.substring(0, raw.indexOf(':') + 1) + " credential that is not well formed");
        }
        if (raw.startsWith(JettyObfuscation.PREFIX)) {
            return obfuscated(raw);
        }
        if (raw.startsWith("MD:")) {
            // Jetty 12.1's digest of a named algorithm: a digest, so never a password, and not one checked here.
            throw new UnrecognizedCredentialException("a Jetty MD: credential is not a format JwtGate checks (MD5:,"
                    + " CRYPT:, OBF: are); set a new password for the account");
        }
        // Jetty reads a credential without a known prefix as the password itself.
        return plain(raw, "a Jetty credential without MD5:, CRYPT: or OBF:");
    }

    private static boolean jettyPrefixed(String raw) {
        return raw.startsWith(StoredDigest.JETTY_MD5) || raw.startsWith(StoredDigest.CRYPT)
                || raw.startsWith(JettyObfuscation.PREFIX) || raw.startsWith("MD:");
    }

    private LegacyCredential jwtgate(String raw) {
        if (raw.startsWith(JettyObfuscation.PREFIX)) {
            return obfuscated(raw);
        }
        if (DIGEST_LIKE.matcher(raw).matches() || raw.startsWith(StoredDigest.JETTY_MD5)
                || raw.startsWith(StoredDigest.CRYPT)) {
            return digest(raw, null, "a hash in no form JwtGate keeps (bcrypt, {SHA}, {SSHA}, {MD5}, $apr1$, MD5:,"
                    + " CRYPT:, {tomcat:ALGORITHM}...), or one beyond its bounds");
        }
        return plain(raw, "a hash in no form JwtGate keeps");
    }

    /**
     * Jetty's {@code Password} reveals again while the text still starts with {@code OBF:} (a value obfuscated
     * twice); so does this, a few times at most (decision 318).
     */
    private static LegacyCredential obfuscated(String raw) {
        String text = raw;
        for (int round = 0; round < MAX_OBFUSCATION_ROUNDS && text.startsWith(JettyObfuscation.PREFIX); round++) {
            text = JettyObfuscation.reveal(text.substring(JettyObfuscation.PREFIX.length())).orElseThrow(
                    () -> new UnrecognizedCredentialException("a Jetty OBF: credential that is not well formed"));
        }
        if (text.startsWith(JettyObfuscation.PREFIX)) {
            throw new UnrecognizedCredentialException("a Jetty OBF: credential obfuscated more than "
                    + MAX_OBFUSCATION_ROUNDS + " times");
        }
        return new LegacyCredential.Plain(text);
    }

    /**
     * @param format the description for reports, or null for the stored form's own
     * @param problem what to say when the text does not parse, or null when the caller checked its shape already
     */
    private static LegacyCredential digest(String stored, String format, String problem) {
        StoredDigest d = StoredDigest.parse(stored).orElseThrow(() -> new UnrecognizedCredentialException(
                problem == null ? "the credential is not well formed" : problem));
        return new LegacyCredential.Digest(d.stored(), format == null ? d.format() : format);
    }

    private LegacyCredential plain(String raw, String what) {
        if (DIGEST_LIKE.matcher(raw).matches()) {
            throw new UnrecognizedCredentialException(what + ": it looks like a digest in a format JwtGate does not"
                    + " check, so it is not read as a plain-text password either");
        }
        if (!allowPlaintext) {
            throw new UnrecognizedCredentialException(what + "; if the source holds plain-text passwords, set "
                    + Keys.LEGACY_ALLOW_PLAINTEXT + "=true");
        }
        return new LegacyCredential.Plain(raw);
    }
}
