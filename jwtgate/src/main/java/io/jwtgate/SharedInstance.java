package io.jwtgate;

import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Settings;
import io.jwtgate.config.SettingsSources;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Registration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.UnavailableException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Shares one {@link JwtGate} between the filter, the servlet and any listener of one web
 * application through a context attribute, counting users so the last one to leave closes it.
 * The attribute holds an opaque {@link Holder} (a non-public class with no methods of its own),
 * never the {@link JwtGate}: expression language in a page (a JSP injection) reads context
 * attributes, and the instance would hand it the issuer, the accounts and the sessions. An
 * application may instead place its own instance under {@link #ATTRIBUTE} before start; then
 * JwtGate moves it into a holder, uses it and leaves closing it to the application.
 */
final class SharedInstance {

    /** Context attribute holding the running {@link JwtGate}, wrapped in a {@link Holder}. */
    static final String ATTRIBUTE = JwtGate.class.getName();
    /** Optional context attribute holding a {@link Clock} to start with (tests). */
    static final String CLOCK_ATTRIBUTE = "io.jwtgate.clock";
    /**
     * Optional context attribute holding a {@code Map<String, String>} of {@code jwtgate.*} values
     * this application sees as JVM system properties, below the real ones (tests and embedders that
     * run several applications in one JVM). Read once at start and removed, so a secret in it does
     * not stay reachable from the application.
     */
    static final String SYSTEM_PROPERTIES_ATTRIBUTE = "io.jwtgate.system-properties";
    /** See {@link JwtGate#PRIVATE_SETTINGS_ATTRIBUTE}. */
    static final String PRIVATE_SETTINGS_ATTRIBUTE = JwtGate.PRIVATE_SETTINGS_ATTRIBUTE;

    private static final System.Logger LOG = System.getLogger(JwtGate.class.getName());
    // Start-up and shutdown only; serialises the filter's and the servlet's init in one application.
    private static final Object LOCK = new Object();

    /** The attribute's value: deliberately not public and without accessors. */
    static final class Holder {
        private final JwtGate gate;
        private final boolean owned;
        private int users = 1;

        Holder(JwtGate gate, boolean owned) {
            this.gate = gate;
            this.owned = owned;
        }
    }

    private SharedInstance() {
    }

    /**
     * @param ownParams the calling component's init-params
     * @throws ServletException naming the configuration key when JwtGate cannot start
     */
    static JwtGate acquire(ServletContext context, Map<String, String> ownParams) throws ServletException {
        synchronized (LOCK) {
            Object current = context.getAttribute(ATTRIBUTE);
            if (current instanceof Holder) {
                Holder holder = (Holder) current;
                if (holder.owned) {
                    holder.users++;
                }
                return holder.gate;
            }
            if (current instanceof JwtGate) {
                // The application's own instance: hidden like ours, never closed by us.
                context.setAttribute(ATTRIBUTE, new Holder((JwtGate) current, false));
                return (JwtGate) current;
            }
            JwtGate gate;
            try {
                List<ConfigSource> layers;
                try {
                    layers = layers(context, ownParams);
                } finally {
                    // Read once, then gone: a secret in them must not stay reachable from a page.
                    context.removeAttribute(SYSTEM_PROPERTIES_ATTRIBUTE);
                    context.removeAttribute(PRIVATE_SETTINGS_ATTRIBUTE);
                }
                Settings settings = Settings.from(layers, context.getContextPath());
                Object clock = context.getAttribute(CLOCK_ATTRIBUTE);
                gate = JwtGate.start(settings, clock instanceof Clock ? (Clock) clock : Clock.systemUTC());
                String app = displayPath(context);
                LOG.log(Level.INFO, "JwtGate started for {0}: {1}", app, settings);
                LOG.log(Level.INFO, "JwtGate for {0}: {1}", app, settings.sources());
                SettingsSources.overrides(layers).forEach(warning -> LOG.log(Level.WARNING,
                        "JwtGate for {0}: {1}", app, warning));
                settings.rules().accessRules().fallThroughs().forEach(gap -> LOG.log(Level.WARNING, gap.message()));
                if (settings.rules().enforcement() == io.jwtgate.config.EnforcementMode.REPORT_ONLY) {
                    LOG.log(Level.WARNING, "JwtGate for {0} does NOT enforce: jwtgate.enforcement=report-only lets every"
                            + " request through and audits what it would refuse as would_refuse", app);
                }
            } catch (ConfigurationException e) {
                LOG.log(Level.ERROR, "JwtGate refuses to start: {0}", e.getMessage());
                throw new UnavailableException("JwtGate configuration error: " + e.getMessage());
            } catch (JwtGateException e) {
                LOG.log(Level.ERROR, "JwtGate cannot start: " + e.getMessage(), e);
                throw new UnavailableException("JwtGate cannot start: " + e.getMessage());
            }
            context.setAttribute(ATTRIBUTE, new Holder(gate, true));
            return gate;
        }
    }

    /** The context path for log lines: the root application's is empty, which reads as a gap. */
    static String displayPath(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** The configuration layers of spec §2 as this application sees them. */
    static List<ConfigSource> layers(ServletContext context, Map<String, String> ownParams) {
        return SettingsSources.resolve(systemProperties(context), System.getenv(), privateSettings(context),
                initParams(context, ownParams), contextParams(context), context.getClassLoader());
    }

    /** The values of {@link #PRIVATE_SETTINGS_ATTRIBUTE}, copied; empty when it is not set. */
    private static Map<String, String> privateSettings(ServletContext context) {
        Object given = context.getAttribute(PRIVATE_SETTINGS_ATTRIBUTE);
        if (given == null) {
            return Map.of();
        }
        if (!(given instanceof Map)) {
            throw new ConfigurationException(PRIVATE_SETTINGS_ATTRIBUTE, "the context attribute holds a "
                    + given.getClass().getName() + "; set a Map<String, String> of jwtgate.* keys to values");
        }
        Map<String, String> copy = new HashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) given).entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                throw new ConfigurationException(PRIVATE_SETTINGS_ATTRIBUTE, "the context attribute's map holds"
                        + " something other than text; set a Map<String, String> of jwtgate.* keys to values");
            }
            copy.put((String) e.getKey(), (String) e.getValue());
        }
        return copy;
    }

    /** The real system properties over the stand-ins of {@link #SYSTEM_PROPERTIES_ATTRIBUTE}, if any. */
    private static Properties systemProperties(ServletContext context) {
        Object standIns = context.getAttribute(SYSTEM_PROPERTIES_ATTRIBUTE);
        if (!(standIns instanceof Map)) {
            return System.getProperties();
        }
        Properties merged = new Properties();
        ((Map<?, ?>) standIns).forEach((k, v) -> merged.setProperty(String.valueOf(k), String.valueOf(v)));
        Properties real = System.getProperties();
        for (String name : real.stringPropertyNames()) {
            merged.setProperty(name, real.getProperty(name));
        }
        return merged;
    }

    /** Gives back a reference taken by {@link #acquire}; the last one closes the instance. */
    static void release(ServletContext context) {
        synchronized (LOCK) {
            Object holder = context.getAttribute(ATTRIBUTE);
            if (!(holder instanceof Holder) || !((Holder) holder).owned) {
                return;
            }
            Holder h = (Holder) holder;
            if (--h.users == 0) {
                context.removeAttribute(ATTRIBUTE);
                h.gate.close();
                LOG.log(Level.INFO, "JwtGate stopped for {0}", displayPath(context));
            }
        }
    }

    /**
     * Init-params of every JwtGate filter and servlet registration, so the settings do not depend
     * on which of them the container initialises first. Different values for one key fail.
     */
    private static Map<String, String> initParams(ServletContext context, Map<String, String> ownParams) {
        Map<String, String> merged = new HashMap<>();
        Map<String, String> from = new HashMap<>();
        merge(merged, from, ownParams, "this component");
        for (Registration r : registrations(context)) {
            String cls = r.getClassName();
            if (JwtAuthFilter.class.getName().equals(cls) || LoginServlet.class.getName().equals(cls)) {
                merge(merged, from, r.getInitParameters(), r.getName());
            }
        }
        return merged;
    }

    private static void merge(Map<String, String> merged, Map<String, String> from, Map<String, String> params,
            String owner) {
        for (Map.Entry<String, String> e : params.entrySet()) {
            String previous = merged.putIfAbsent(e.getKey(), e.getValue());
            if (previous != null && !previous.equals(e.getValue())) {
                throw new ConfigurationException(e.getKey(), "the init-params of " + from.get(e.getKey()) + " and "
                        + owner + " disagree; set the key once, as a context-param");
            }
            from.putIfAbsent(e.getKey(), owner);
        }
    }

    private static Collection<Registration> registrations(ServletContext context) {
        List<Registration> all = new java.util.ArrayList<>();
        try {
            Map<String, ? extends FilterRegistration> filters = context.getFilterRegistrations();
            Map<String, ? extends ServletRegistration> servlets = context.getServletRegistrations();
            all.addAll(filters.values());
            all.addAll(servlets.values());
        } catch (UnsupportedOperationException e) {
            // Some containers refuse the registration API here; the component's own params still apply.
            return Collections.emptyList();
        }
        return all;
    }

    private static Map<String, String> contextParams(ServletContext context) {
        Map<String, String> params = new HashMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            params.put(name, context.getInitParameter(name));
        }
        return params;
    }

    /** The servlet names under which {@link LoginServlet} is registered. */
    static java.util.Set<String> loginServletNames(ServletContext context) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Registration r : registrations(context)) {
            if (r instanceof ServletRegistration && LoginServlet.class.getName().equals(r.getClassName())) {
                names.add(r.getName());
            }
        }
        return names;
    }
}
