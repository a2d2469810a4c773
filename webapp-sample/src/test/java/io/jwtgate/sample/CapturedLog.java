package io.jwtgate.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects java.util.logging output while open. Both Tomcat and JwtGate (through
 * {@link System.Logger}) log there, so a test can check what an operator would read.
 */
final class CapturedLog extends Handler implements AutoCloseable {

    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<String> lines = new ArrayList<>();
    private final Logger root = Logger.getLogger("");

    CapturedLog() {
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        StringBuilder text = new StringBuilder(formatter.formatMessage(record));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append(" | ").append(t);
        }
        lines.add(text.toString());
    }

    /** Every line logged so far, with the messages of any exception chain appended. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
        // Nothing is buffered.
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
