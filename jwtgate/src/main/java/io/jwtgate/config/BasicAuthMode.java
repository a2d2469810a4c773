package io.jwtgate.config;

/** Whether HTTP Basic credentials are accepted beside Bearer tokens (spec §2, {@code jwtgate.basic-auth}). */
public enum BasicAuthMode {
    /** Basic credentials are not accepted; only Bearer tokens authenticate. */
    OFF,
    /** Basic credentials are accepted beside Bearer tokens. */
    ALLOW,
    /** Basic is accepted, but each use is audited and answered with Deprecation and Sunset headers. */
    WARN
}
