package io.jwtgate.jaspic;

import io.jwtgate.JwtGate;
import io.jwtgate.config.Keys;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.System.Logger.Level;

/**
 * The application's {@link JwtGate} as the JASPIC module sees it: acquired on the module's first use,
 * once, and released when the application stops. The registration itself must happen in the jar's
 * initializer (Jetty picks its authenticator before any listener runs), but the settings must not be
 * read there: set-up code hands them over in its {@code contextInitialized} (decision 151), which runs
 * later. The first request comes after every listener, in every container (decision 292).
 */
final class LazyGate implements GateSource {

    private static final System.Logger LOG = System.getLogger(LazyGate.class.getName());

    private final ServletContext context;
    /** Set once, under the lock; read without it on every request once set. */
    private volatile JwtGate gate;
    private boolean closed;
    /** The last failure logged at ERROR, so a broken configuration is not logged once per request. */
    private String lastFailure;

    LazyGate(ServletContext context) {
        this.context = context;
    }

    /**
     * The running JwtGate, started from the application's configuration on the first call.
     *
     * @throws ServletException when JwtGate cannot start (a configuration error, an unreachable
     *     store), or the application is stopping; the next call tries again
     */
    @Override
    public JwtGate get() throws ServletException {
        JwtGate current = gate;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (gate != null) {
                return gate;
            }
            if (closed) {
                throw new ServletException("the application is stopping");
            }
            JwtGate started;
            try {
                started = JwtGate.acquire(context);
            } catch (ServletException | RuntimeException e) {
                logFailure("JwtGate, the Jakarta Authentication module of " + displayPath()
                        + ", cannot start; requests get 503 until it can: " + e.getMessage());
                throw e instanceof ServletException ? (ServletException) e : new ServletException(e.getMessage(), e);
            }
            if (!started.settings().rules().jaspicEnabled()) {
                // The initializer saw the setting on, the full settings (with the set-up code's) say off:
                // the filter would judge as well as the module. Neither guess is safe; refuse (decision 295).
                JwtGate.release(context);
                String message = "JwtGate, the Jakarta Authentication module of " + displayPath()
                        + ", refuses every request: " + Keys.JASPIC_ENABLED + " is true where the initializer reads it"
                        + " but false in the settings JwtGate starts with; set it in one place the initializer reads"
                        + " (docs/jaspic.md)";
                logFailure(message);
                throw new ServletException(message);
            }
            gate = started;
            lastFailure = null;
            return started;
        }
    }

    /** The context path for log lines: the root application's is empty, which reads as a gap. */
    private String displayPath() {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private void logFailure(String message) {
        if (!message.equals(lastFailure)) {
            LOG.log(Level.ERROR, message);
            lastFailure = message;
        } else {
            LOG.log(Level.DEBUG, message);
        }
    }

    /** Gives back the reference taken by {@link #get()}, if any; later calls to it fail. */
    synchronized void close() {
        closed = true;
        if (gate != null) {
            gate = null;
            JwtGate.release(context);
        }
    }
}
