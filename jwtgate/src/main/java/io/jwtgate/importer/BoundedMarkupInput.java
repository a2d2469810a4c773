package io.jwtgate.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of an XML file with two bounds the JDK's StAX parser does not set: the file's size, and
 * the length of a run of bytes without a {@code <} (one tag with all its attributes, or one text
 * between tags), which the parser holds whole in memory. Beyond a bound it stops with
 * {@link LimitExceeded}; the parser wraps that, so the reader asks {@link #exceeded()} afterwards
 * for the clear message.
 */
final class BoundedMarkupInput extends FilterInputStream {

    /** Why the input stopped. */
    static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message);
        }
    }

    private final long maxTotal;
    private final long maxRun;
    private long total;
    private long run;
    private String exceeded;

    /**
     * @param maxTotal the most bytes read in all
     * @param maxRun the most bytes read in a row without a {@code <}
     */
    BoundedMarkupInput(InputStream in, long maxTotal, long maxRun) {
        super(in);
        this.maxTotal = maxTotal;
        this.maxRun = maxRun;
    }

    /** The bound that stopped the input, in words after "it" ("is larger than 32 MiB"), or null. */
    String exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (exceeded != null) {
            throw new LimitExceeded(exceeded);
        }
        int n = super.read(b, off, len);
        for (int i = off; i < off + Math.max(n, 0); i++) {
            run = b[i] == '<' ? 0 : run + 1;
            if (run > maxRun) {
                stop("has a tag or text longer than " + maxRun / 1024 + " KiB");
            }
        }
        total += Math.max(n, 0);
        if (total > maxTotal) {
            stop("is larger than " + maxTotal / (1024 * 1024) + " MiB");
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would not be counted: read them instead.
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void stop(String why) throws LimitExceeded {
        exceeded = why;
        throw new LimitExceeded(why);
    }
}
