package io.jwtgate.importer;

import java.util.regex.Pattern;

/**
 * Whether a text read as a user's name has the shape of a stored credential: a file whose columns
 * are in another order than its format says (a CSV without header, say) puts the digest where the
 * name is read, and the import report prints names. Such a name is refused and never printed.
 * A plain-text password has no shape and cannot be told from a name (decision 385).
 */
final class CredentialShape {

    /** {SHA}, {SSHA}, {MD5}...; $apr1$, $2a$, $2y$, $5$, $6$...; Jetty's MD5:, CRYPT:, OBF:. */
    private static final Pattern PREFIXED = Pattern.compile(
            "\\{[A-Za-z0-9:._-]+}.+|\\$[0-9A-Za-z]{1,8}\\$.+|(?i:md5|crypt|obf):.+", Pattern.DOTALL);
    /** Tomcat's salted form, salt$iterations$hash, all hex but the iterations. */
    private static final Pattern TOMCAT_SALTED = Pattern.compile("[0-9a-fA-F]*\\$[0-9]+\\$[0-9a-fA-F]{16,}");
    /** A bare hex digest of MD5, SHA-1, SHA-256 or SHA-512 length. */
    private static final Pattern HEX_DIGEST = Pattern.compile(
            "[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128}");

    private CredentialShape() {
    }

    static boolean of(String name) {
        return PREFIXED.matcher(name).matches() || TOMCAT_SALTED.matcher(name).matches()
                || HEX_DIGEST.matcher(name).matches();
    }
}
