package io.jwtgate.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Typed look-ups over the ordered layers, each failure naming the key, where it was set and how
 * to fix it. Secret values are never repeated in a message.
 */
final class Values {

    private final List<ConfigSource> layers;

    Values(List<ConfigSource> layers) {
        this.layers = layers;
    }

    /** The raw value of the highest-precedence layer, or null. */
    String raw(String key) {
        for (ConfigSource layer : layers) {
            String value = layer.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    String origin(String key) {
        for (ConfigSource layer : layers) {
            if (layer.get(key) != null) {
                return layer.origin(key);
            }
        }
        return "default";
    }

    ConfigurationException error(String key, String problemAndFix) {
        return new ConfigurationException(key, problemAndFix + " (from " + origin(key) + ")");
    }

    String string(String key, String defaultValue) {
        String value = raw(key);
        return value == null ? defaultValue : value.trim();
    }

    /** The trimmed value, or null when unset or blank. */
    String optional(String key) {
        String value = raw(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    Duration duration(String key, Duration defaultValue) {
        String value = optional(key);
        if (value == null) {
            return defaultValue;
        }
        Duration parsed;
        try {
            parsed = value.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw error(key, "'" + value + "' is not a duration; write an ISO-8601 duration such as PT15M or P7D,"
                    + " or a number of seconds");
        }
        if (parsed.isNegative()) {
            throw error(key, "'" + value + "' is negative; write a positive duration such as PT15M");
        }
        return parsed;
    }

    Duration positiveDuration(String key, Duration defaultValue) {
        Duration d = duration(key, defaultValue);
        if (d.isZero()) {
            throw error(key, "the duration must be longer than zero; write e.g. PT15M");
        }
        return d;
    }

    int integer(String key, int defaultValue, int min, int max) {
        String value = optional(key);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw error(key, "'" + value + "' is not a whole number; write a number from " + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw error(key, parsed + " is out of range; write a number from " + min + " to " + max);
        }
        return parsed;
    }

    boolean bool(String key, boolean defaultValue) {
        String value = optional(key);
        if (value == null) {
            return defaultValue;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw error(key, "'" + value + "' is not a boolean; write true or false");
        }
    }

    /** Every key set in some layer that starts with {@code prefix}, in sorted order. */
    java.util.SortedSet<String> keysStartingWith(String prefix) {
        java.util.SortedSet<String> keys = new java.util.TreeSet<>();
        for (ConfigSource layer : layers) {
            for (String key : layer.values().keySet()) {
                if (key.startsWith(prefix)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }
}
