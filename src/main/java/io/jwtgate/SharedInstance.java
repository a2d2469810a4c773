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

/**
 * Shares one {@link JwtGate} between the filter, the servlet and any listener of one web
 * application through a context attribute, counting users so the last one to leave closes it.
 * An application may instead place its own instance under {@link #ATTRIBUTE} before start; then
 * JwtGate uses it and leaves closing it to the application.
 */
final class SharedInstance {

    /** Context attribute holding the running {@link JwtGate}. */
    static final String ATTRIBUTE = JwtGate.class.getName();
    /** Optional context attribute holding a {@link Clock} to start with (tests). */
    static final String CLOCK_ATTRIBUTE = "io.jwtgate.clock";

    private static final String HOLDER = ATTRIBUTE + ".holder";
    private static final System.Logger LOG = System.getLogger(JwtGate.class.getName());
    // Start-up and shutdown only; serialises the filter's and the servlet's init in one application.
    private static final Object LOCK = new Object();

    private static final class Holder {
        final JwtGate gate;
        int users = 1;

        Holder(JwtGate gate) {
            this.gate = gate;
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
            Object holder = context.getAttribute(HOLDER);
            if (holder instanceof Holder) {
                ((Holder) holder).users++;
                return ((Holder) holder).gate;
            }
            Object provided = context.getAttribute(ATTRIBUTE);
            if (provided instanceof JwtGate) {
                return (JwtGate) provided;
            }
            JwtGate gate;
            try {
                Settings settings = Settings.from(layers(context, ownParams));
                Object clock = context.getAttribute(CLOCK_ATTRIBUTE);
                gate = JwtGate.start(settings, clock instanceof Clock ? (Clock) clock : Clock.systemUTC());
                LOG.log(Level.INFO, "JwtGate started for {0}: {1}", context.getContextPath(), settings);
                settings.rules().fallThroughs().forEach(gap -> LOG.log(Level.WARNING, gap.message()));
            } catch (ConfigurationException e) {
                LOG.log(Level.ERROR, "JwtGate refuses to start: {0}", e.getMessage());
                throw new UnavailableException("JwtGate configuration error: " + e.getMessage());
            } catch (JwtGateException e) {
                LOG.log(Level.ERROR, "JwtGate cannot start: " + e.getMessage(), e);
                throw new UnavailableException("JwtGate cannot start: " + e.getMessage());
            }
            context.setAttribute(ATTRIBUTE, gate);
            context.setAttribute(HOLDER, new Holder(gate));
            return gate;
        }
    }

    /** The configuration layers of spec §2 as this application sees them. */
    static List<ConfigSource> layers(ServletContext context, Map<String, String> ownParams) {
        return SettingsSources.resolve(System.getProperties(), System.getenv(), initParams(context, ownParams),
                contextParams(context), context.getClassLoader());
    }

    /** Gives back a reference taken by {@link #acquire}; the last one closes the instance. */
    static void release(ServletContext context) {
        synchronized (LOCK) {
            Object holder = context.getAttribute(HOLDER);
            if (!(holder instanceof Holder)) {
                return;
            }
            Holder h = (Holder) holder;
            if (--h.users == 0) {
                context.removeAttribute(HOLDER);
                context.removeAttribute(ATTRIBUTE);
                h.gate.close();
                LOG.log(Level.INFO, "JwtGate stopped for {0}", context.getContextPath());
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
