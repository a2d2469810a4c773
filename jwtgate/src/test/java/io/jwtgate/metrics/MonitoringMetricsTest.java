package io.jwtgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The choice of publication at start, MBean names, and JwtGate without Micrometer on the class path. */
class MonitoringMetricsTest {

    private static final Gauges GAUGES = new Gauges(() -> 7, () -> Duration.ofMillis(1500));
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void withJmxAndMicrometerOffNothingIsRegisteredAndNothingRecorded() {
        try (Monitoring off = Monitoring.start(false, false, "/off", GAUGES)) {
            assertSame(Metrics.NONE, off.metrics());
            assertTrue(off.mbeanName().isEmpty());
            assertFalse(off.micrometerBound());
        }
    }

    @Test
    void withJmxOffTheMBeanIsNotRegisteredButMicrometerStillCounts() throws Exception {
        try (Monitoring meters = Monitoring.start(false, true, "/jmx-off", GAUGES)) {
            assertTrue(meters.mbeanName().isEmpty());
            assertFalse(server.isRegistered(JmxRegistration.baseName("/jmx-off")));
            assertTrue(meters.micrometerBound());
            assertNotEquals(Metrics.NONE, meters.metrics());
        }
    }

    @Test
    void theMBeanReadsTheGaugesAndTheAuditStreamAndCloseUnregistersIt() throws Exception {
        ObjectName name;
        try (Monitoring m = Monitoring.start(true, false, "/gauges", GAUGES)) {
            name = m.mbeanName().orElseThrow();
            assertEquals(JmxRegistration.baseName("/gauges"), name);
            assertEquals("\"/gauges\"", name.getKeyProperty("context"));
            m.metrics().auditEvent("token_refreshed");
            m.metrics().auditEvent("lockout");
            m.metrics().auditEvent("user_registered");
            m.metrics().storeUnavailable();
            assertEquals(7, server.getAttribute(name, "RevocationStateSize"));
            assertEquals(1.5, server.getAttribute(name, "RevocationStalenessSeconds"));
            assertEquals(1L, server.getAttribute(name, "TokensIssued"));
            assertEquals(1L, server.getAttribute(name, "Refreshes"));
            assertEquals(1L, server.getAttribute(name, "LoginsLocked"));
            assertEquals(1L, server.getAttribute(name, "StoreErrors"));
            assertEquals(0L, server.getAttribute(name, "LoginsSucceeded"));
        }
        assertFalse(server.isRegistered(name));
    }

    @Test
    void twoInstancesOnOneContextGetTwoMBeans() {
        try (Monitoring first = Monitoring.start(true, false, "none", GAUGES);
                Monitoring second = Monitoring.start(true, false, "none", GAUGES)) {
            ObjectName one = first.mbeanName().orElseThrow();
            ObjectName two = second.mbeanName().orElseThrow();
            assertNotEquals(one, two);
            assertTrue(server.isRegistered(one));
            assertTrue(server.isRegistered(two));
        }
    }

    @Test
    void theLabelIsTheContextPathTheRootIsSlashAndOutsideAContainerNone() {
        assertEquals("/shop", Monitoring.label(Optional.of("/shop")));
        assertEquals("/", Monitoring.label(Optional.of("")));
        assertEquals("none", Monitoring.label(Optional.empty()));
    }

    @Test
    void withoutMicrometerOnTheClassPathJwtGateStartsWithItsMBeanAndNeverLoadsTheMicrometerClass() throws Exception {
        List<URL> withoutMicrometer = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("micrometer")) {
                withoutMicrometer.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(withoutMicrometer.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass(Monitoring.MICROMETER_PROBE));
            Class<?> gauges = loader.loadClass(Gauges.class.getName());
            Object noGauges = gauges.getConstructor(IntSupplier.class, Supplier.class)
                    .newInstance((IntSupplier) () -> 0, (Supplier<Duration>) () -> Duration.ZERO);
            Class<?> monitoring = loader.loadClass(Monitoring.class.getName());
            Method start = monitoring.getDeclaredMethod("start", boolean.class, boolean.class, String.class, gauges);
            start.setAccessible(true);
            // Micrometer asked for but absent: no NoClassDefFoundError, the MBean alone.
            AutoCloseable started = (AutoCloseable) start.invoke(null, true, true, "/no-micrometer", noGauges);
            try {
                assertEquals(false, monitoring.getMethod("micrometerBound").invoke(started));
                assertTrue(server.isRegistered(JmxRegistration.baseName("/no-micrometer")));
            } finally {
                started.close();
            }
        }
        assertFalse(server.isRegistered(JmxRegistration.baseName("/no-micrometer")));
    }
}
