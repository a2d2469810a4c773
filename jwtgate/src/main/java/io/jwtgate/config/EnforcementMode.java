package io.jwtgate.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether {@code JwtAuthFilter} answers the refusals its rules and credential checks decide
 * ({@code jwtgate.enforcement}).
 */
public enum EnforcementMode {
    /** Refusals are answered with 400, 401 or 403 (the default). */
    ENFORCE("enforce"),
    /**
     * Refusals are logged and audited as {@code would_refuse} and the request passes on, anonymous
     * when its credentials were bad: for switching JwtGate on in production before enforcing.
     */
    REPORT_ONLY("report-only");

    private final String value;

    EnforcementMode(String value) {
        this.value = value;
    }

    /** The mode named by a configuration value, case-insensitive; empty for anything else. */
    public static Optional<EnforcementMode> parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (EnforcementMode mode : values()) {
            if (mode.value.equals(wanted)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** The configuration value, e.g. {@code report-only}. */
    @Override
    public String toString() {
        return value;
    }
}
