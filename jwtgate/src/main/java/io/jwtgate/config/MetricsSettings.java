package io.jwtgate.config;

/**
 * Where JwtGate publishes its counters and timers: a JMX MBean ({@code jwtgate.metrics.jmx}) and
 * Micrometer meters when Micrometer is on the application's class path
 * ({@code jwtgate.metrics.micrometer}). Part of {@link Settings}.
 */
public final class MetricsSettings {

    private final boolean jmx;
    private final boolean micrometer;

    MetricsSettings(Values v) {
        jmx = v.bool(Keys.METRICS_JMX, true);
        micrometer = v.bool(Keys.METRICS_MICROMETER, true);
    }

    /** Whether the MBean is registered. */
    public boolean jmx() {
        return jmx;
    }

    /** Whether meters are registered with Micrometer's global registry when Micrometer is present. */
    public boolean micrometer() {
        return micrometer;
    }
}
