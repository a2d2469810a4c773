package io.jwtgate.config;

import io.jwtgate.JwtGateException;

/**
 * Invalid or unsafe configuration. The message names the key, the problem and the fix, and never
 * contains a configured value that could be a secret.
 */
public final class ConfigurationException extends JwtGateException {

    private final String key;

    public ConfigurationException(String key, String problemAndFix) {
        super(key + ": " + problemAndFix);
        this.key = key;
    }

    /** The configuration key at fault, e.g. {@code jwtgate.signing.secret}. */
    public String key() {
        return key;
    }
}
