package io.jwtgate.config;

import java.util.List;

/**
 * The external identity providers whose tokens the filter accepts beside JwtGate's own, one per
 * name of {@code jwtgate.trusted-issuer.<name>.*}; none by default.
 */
public final class TrustedIssuers {

    private static final TrustedIssuers NONE = new TrustedIssuers(List.of());

    private final List<String> names;

    private TrustedIssuers(List<String> names) {
        this.names = List.copyOf(names);
    }

    static TrustedIssuers from(Values v) {
        if (v.keysStartingWith(Keys.TRUSTED_ISSUER_PREFIX).isEmpty()) {
            return NONE;
        }
        throw v.error(Keys.TRUSTED_ISSUER_PREFIX + "*", "trusted external issuers are not supported yet");
    }

    /** The configured names, sorted. */
    public List<String> names() {
        return names;
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }
}
