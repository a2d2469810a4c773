package io.jwtgate.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures everything logged through java.util.logging (where JwtGate's System.Logger, Tomcat's
 * JULI and the audit log end up) for the whole test run, at every level including DEBUG, so the
 * last test can search it for secrets. Registered for every test class through JUnit's extension
 * auto-detection (META-INF/services); the handler is installed once, before the first class.
 */
public final class LogCapture implements BeforeAllCallback {

    private static final List<String> LINES = Collections.synchronizedList(new ArrayList<>());
    private static final Handler HANDLER = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            LINES.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static boolean installed;
    // Held strongly: java.util.logging keeps loggers only weakly, and a collected logger loses its level.
    private static final Logger JWTGATE = Logger.getLogger("io.jwtgate");

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (LINES) {
            if (!installed) {
                installed = true;
                HANDLER.setLevel(Level.ALL);
                Logger.getLogger("").addHandler(HANDLER);
                JWTGATE.setLevel(Level.ALL);
            }
        }
    }

    /** Everything captured so far, formatted with messages, parameters and stack traces. */
    public static List<String> lines() {
        synchronized (LINES) {
            return new ArrayList<>(LINES);
        }
    }
}
