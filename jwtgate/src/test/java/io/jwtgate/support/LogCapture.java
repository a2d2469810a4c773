package io.jwtgate.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
 * Captures everything the test run logs, so the last test can search it for secrets:
 * java.util.logging at the root (JwtGate's System.Logger and audit log at every level, Tomcat's
 * JULI, and through the slf4j-jdk14 test binding SLF4J, where HikariCP and Jetty 12 log), plus
 * every line written to System.out and System.err (stack traces printed by a container, SLF4J's own
 * warnings). Registered for every test class through JUnit's extension auto-detection
 * (META-INF/services; the sample, which gets this class from the library's test-jar, lists it in
 * its own file); installed once, before the first class.
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
    private static final Logger HIKARI = Logger.getLogger("com.zaxxer.hikari");

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (LINES) {
            if (!installed) {
                installed = true;
                HANDLER.setLevel(Level.ALL);
                Logger.getLogger("").addHandler(HANDLER);
                JWTGATE.setLevel(Level.ALL);
                // HikariCP prints its configuration at DEBUG (FINE); the containers stay at INFO, as an
                // operator runs them. The library's logging.properties says the same; the sample has none.
                HIKARI.setLevel(Level.FINE);
                System.setOut(tee(System.out, "[stdout] "));
                System.setErr(tee(System.err, "[stderr] "));
            }
        }
    }

    /** Everything captured so far, formatted with messages, parameters and stack traces. */
    public static List<String> lines() {
        synchronized (LINES) {
            return new ArrayList<>(LINES);
        }
    }

    /**
     * Drops the captured lines that contain {@code marker}: the audit's self-test logs a secret on
     * purpose and must not leave it for the run-wide search.
     */
    public static void discardLinesContaining(String marker) {
        synchronized (LINES) {
            LINES.removeIf(line -> line.contains(marker));
        }
    }

    /** A stream writing to {@code original} that also records each completed line. */
    private static PrintStream tee(PrintStream original, String prefix) {
        OutputStream recorder = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                original.write(b);
                record(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                for (int i = off; i < off + len; i++) {
                    record(b[i]);
                }
            }

            private void record(int b) {
                if (b == '\n') {
                    LINES.add(prefix + line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        return new PrintStream(recorder, true, StandardCharsets.UTF_8);
    }
}
