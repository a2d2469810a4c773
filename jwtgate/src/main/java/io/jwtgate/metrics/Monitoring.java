package io.jwtgate.metrics;

import io.jwtgate.config.MetricsSettings;
import java.lang.System.Logger.Level;
import java.util.Optional;
import javax.management.ObjectName;

/**
 * The metrics of one JwtGate and where they are published: the MBean ({@code jwtgate.metrics.jmx})
 * and Micrometer meters ({@code jwtgate.metrics.micrometer}, when Micrometer is on the class path).
 * With neither, {@link #metrics()} is {@link Metrics#NONE}. Publication that fails is logged, never
 * a reason to stop the application. Closing unregisters everything.
 */
public final class Monitoring implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Monitoring.class.getName());
    static final String MICROMETER_PROBE = "io.micrometer.core.instrument.MeterRegistry";

    private final Metrics metrics;
    private final JmxRegistration jmx;
    private final Registration micrometer;

    private Monitoring(Metrics metrics, JmxRegistration jmx, Registration micrometer) {
        this.metrics = metrics;
        this.jmx = jmx;
        this.micrometer = micrometer;
    }

    /**
     * @param contextPath the application's context path; empty outside a servlet container
     */
    public static Monitoring start(MetricsSettings settings, Optional<String> contextPath, Gauges gauges) {
        return start(settings.jmx(), settings.micrometer(), label(contextPath), gauges);
    }

    /** The {@code context} of the MBean name and the meters' tag: the path, {@code /} for the root, or {@code none}. */
    static String label(Optional<String> contextPath) {
        return contextPath.map(p -> p.isEmpty() ? "/" : p).orElse("none");
    }

    static Monitoring start(boolean jmxOn, boolean micrometerOn, String context, Gauges gauges) {
        boolean withMicrometer = micrometerOn && micrometerPresent();
        if (!jmxOn && !withMicrometer) {
            return new Monitoring(Metrics.NONE, null, null);
        }
        GateMetrics metrics = new GateMetrics();
        JmxRegistration jmx = jmxOn ? JmxRegistration.register(context, new MetricsView(metrics, gauges)) : null;
        Registration meters = null;
        if (withMicrometer) {
            try {
                meters = MicrometerMeters.register(metrics, gauges, context);
            } catch (LinkageError e) {
                // A Micrometer too old for the builders used: the MBean still works.
                LOG.log(Level.WARNING, "JwtGate meters not registered with Micrometer ({0}); jwtgate.metrics.micrometer"
                        + "=false silences this", e.toString());
            }
        }
        return new Monitoring(metrics, jmx, meters);
    }

    /** Whether Micrometer can be loaded by JwtGate's own class loader (it is an optional dependency). */
    static boolean micrometerPresent() {
        try {
            Class.forName(MICROMETER_PROBE, false, Monitoring.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Where the request path records: {@link Metrics#NONE} when nothing publishes. */
    public Metrics metrics() {
        return metrics;
    }

    /** The registered MBean's name, if one is registered. */
    public Optional<ObjectName> mbeanName() {
        return Optional.ofNullable(jmx).map(JmxRegistration::name);
    }

    /** Whether meters were registered with Micrometer. */
    public boolean micrometerBound() {
        return micrometer != null;
    }

    @Override
    public void close() {
        if (jmx != null) {
            jmx.close();
        }
        if (micrometer != null) {
            micrometer.close();
        }
    }
}
