package io.jwtgate.config;

import io.jwtgate.password.TomcatDigest;
import java.util.Optional;

/**
 * How credentials brought from a legacy realm are read ({@code jwtgate.legacy.*}): whether an
 * unrecognised credential may be plain text, the Tomcat digest of credentials that do not name
 * theirs, and the realm table read in place. Part of {@link Settings}.
 */
public final class LegacySettings {

    private final boolean legacyAllowPlaintext;
    private final TomcatDigest legacyDigest;
    private final Optional<LegacyTable> legacyTable;

    LegacySettings(Values v) {
        legacyAllowPlaintext = v.bool(Keys.LEGACY_ALLOW_PLAINTEXT, false);
        legacyDigest = TomcatDigest.parse(v.string(Keys.LEGACY_DIGEST, "auto")).orElseThrow(() -> v.error(
                Keys.LEGACY_DIGEST, "is not an algorithm of Tomcat's MessageDigestCredentialHandler or"
                        + " SecretKeyCredentialHandler; use one of " + TomcatDigest.names()));
        legacyTable = LegacyTable.from(v);
    }

    /**
     * Whether a legacy credential in no known digest format is a plain-text password
     * ({@code jwtgate.legacy.allow-plaintext}); off by default, so such a credential never matches.
     */
    public boolean legacyAllowPlaintext() {
        return legacyAllowPlaintext;
    }

    /** The Tomcat algorithm of legacy credentials whose text does not say it ({@code jwtgate.legacy.digest}). */
    public TomcatDigest legacyDigest() {
        return legacyDigest;
    }

    /** The existing realm table read in place at login, when {@code jwtgate.legacy.users-table} is set. */
    public Optional<LegacyTable> legacyTable() {
        return legacyTable;
    }
}
