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
    private final boolean jvmWide;

    /**
     * @param description what this layer is, e.g. "context-param"
     * @param values canonical key to value
     * @param rawNames canonical key to the name the operator wrote (environment variables differ)
     */
    public ConfigSource(String description, Map<String, String> values, Map<String, String> rawNames) {
        this(description, values, rawNames, false);
    }

    private ConfigSource(String description, Map<String, String> values, Map<String, String> rawNames,
            boolean jvmWide) {
        this.description = Objects.requireNonNull(description);
        this.values = Map.copyOf(values);
        this.rawNames = Map.copyOf(rawNames);
        this.jvmWide = jvmWide;
    }

    /**
     * A layer every application in the JVM sees (system properties, environment): its values win
     * over an application's own, which start-up reports (see {@link SettingsSources#overrides}).
     */
    public static ConfigSource jvmWide(String description, Map<String, String> values, Map<String, String> rawNames) {
        return new ConfigSource(description, values, rawNames, true);
    }

    /** A layer whose names are already the canonical keys. */
    public static ConfigSource of(String description, Map<String, String> values) {
        return new ConfigSource(description, values, Map.of());
    }

    /** Whether every application in the JVM sees this layer, as opposed to one application's own. */
    public boolean isJvmWide() {
        return jvmWide;
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
