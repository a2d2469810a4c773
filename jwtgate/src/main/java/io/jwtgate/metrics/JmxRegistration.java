package io.jwtgate.metrics;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The MBean of one JwtGate in the platform MBean server, unregistered on close. Named by context
 * path, so applications in one container do not collide; when the name is taken anyway (two
 * applications on one path in different virtual hosts, or several JwtGates started outside a
 * container) the next gets {@code instance=2}, 3, …
 */
final class JmxRegistration implements Registration {

    private static final System.Logger LOG = System.getLogger(JmxRegistration.class.getName());
    private static final int MAX_INSTANCES = 1000;

    private final MBeanServer server;
    private final ObjectName name;

    private JmxRegistration(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    /** The base name of the MBean of the application at {@code context} (a context path, or {@code none}). */
    static ObjectName baseName(String context) {
        return objectName(context, 1);
    }

    private static ObjectName objectName(String context, int instance) {
        try {
            return new ObjectName("io.jwtgate:type=Metrics,context=" + ObjectName.quote(context)
                    + (instance == 1 ? "" : ",instance=" + instance));
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("a quoted value always makes a valid name", e);
        }
    }

    /** Registers {@code bean}; null (and a warning) when JMX refuses it: metrics are no reason to stop. */
    static JmxRegistration register(String context, JwtGateMetricsMXBean bean) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (int instance = 1; instance <= MAX_INSTANCES; instance++) {
            ObjectName name = objectName(context, instance);
            try {
                server.registerMBean(bean, name);
                return new JmxRegistration(server, name);
            } catch (InstanceAlreadyExistsException e) {
                // Taken by another JwtGate with the same context: try the next instance number.
            } catch (JMException | SecurityException e) {
                LOG.log(Level.WARNING, "JwtGate metrics MBean not registered ({0}); jwtgate.metrics.jmx=false"
                        + " silences this", e.getClass().getSimpleName());
                return null;
            }
        }
        LOG.log(Level.WARNING, "JwtGate metrics MBean not registered: {0} instances for context {1} exist",
                MAX_INSTANCES, context);
        return null;
    }

    ObjectName name() {
        return name;
    }

    @Override
    public void close() {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // Someone unregistered it already; nothing is left to clean up.
        } catch (JMException e) {
            LOG.log(Level.WARNING, "JwtGate metrics MBean {0} not unregistered ({1})", name,
                    e.getClass().getSimpleName());
        }
    }
}
