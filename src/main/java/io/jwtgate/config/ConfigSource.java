package io.jwtgate.config;

import java.util.Map;
import java.util.Objects;

/**
 * One named layer of configuration values keyed by their canonical {@code jwtgate.*} names.
 * {@link #origin(String)} says where a value came from so error messages can point the operator
 * at the right place without repeating the value.
 */
public final class ConfigSource {

    private final String description;
    private final Map<String, String> values;
    private final Map<String, String> rawNames;

    /**
     * @param description what this layer is, e.g. "context-param"
     * @param values canonical key to value
     * @param rawNames canonical key to the name the operator wrote (environment variables differ)
     */
    public ConfigSource(String description, Map<String, String> values, Map<String, String> rawNames) {
        this.description = Objects.requireNonNull(description);
        this.values = Map.copyOf(values);
        this.rawNames = Map.copyOf(rawNames);
    }

    /** A layer whose names are already the canonical keys. */
    public static ConfigSource of(String description, Map<String, String> values) {
        return new ConfigSource(description, values, Map.of());
    }

    public String description() {
        return description;
    }

    public Map<String, String> values() {
        return values;
    }

    public String get(String key) {
        return values.get(key);
    }

    /** Human description of where {@code key} was set, e.g. "environment variable JWTGATE_ISSUER". */
    public String origin(String key) {
        return description + " " + rawNames.getOrDefault(key, key);
    }
}
