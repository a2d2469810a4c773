package io.jwtgate.issuers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches one key set document over HTTP(S). {@link HttpURLConnection} rather than
 * {@code java.net.http.HttpClient}: on Java 17 an {@code HttpClient} owns a selector thread that
 * outlives the web application until the garbage collector finds the client, which is a leak on
 * redeploy. A fetch here runs on the caller's thread; a connection the server keeps open goes to
 * the JDK's keep-alive cache, whose {@code Keep-Alive-Timer} is an innocuous system thread (no
 * context class loader, so it pins no web application) that ends once the idle connections expire
 * (decision 432).
 *
 * <p>Bounds: the connect and read timeouts, an overall deadline of connect + read timeout for the whole
 * exchange, status line and headers included, enforced by the {@link FetchWatchdog} disconnecting the
 * connection (a server dripping bytes cannot hold a request thread for long), and at most
 * {@code maxBytes + 1} bytes read. Redirects are never followed: a key set lives where it was
 * configured.
 */
public final class JwksClient {

    private final URI uri;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxBytes;
    private final FetchWatchdog watchdog;

    public JwksClient(URI uri, Duration connectTimeout, Duration readTimeout, int maxBytes, FetchWatchdog watchdog) {
        this.uri = uri;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
        this.watchdog = watchdog;
    }

    /**
     * @return the body of a 200 answer, at most {@code maxBytes} long
     * @throws JwksFetchException for every other outcome
     */
    public byte[] fetch() throws JwksFetchException {
        Duration total = connectTimeout.plus(readTimeout);
        HttpURLConnection connection;
        try {
            URLConnection c = uri.toURL().openConnection();
            if (!(c instanceof HttpURLConnection)) {
                throw new JwksFetchException("not an HTTP address: " + uri);
            }
            connection = (HttpURLConnection) c;
        } catch (IOException | IllegalArgumentException e) {
            throw new JwksFetchException("cannot open " + uri + ": " + e, e);
        }
        AtomicBoolean aborted = new AtomicBoolean();
        HttpURLConnection open = connection;
        FetchWatchdog.Deadline abort = watchdog.abortAfter(total, () -> {
            aborted.set(true);
            open.disconnect();
        });
        try {
            if (aborted.get()) {
                throw new JwksFetchException("not fetching " + uri + ": JwtGate is closing");
            }
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(millis(connectTimeout));
            connection.setReadTimeout(millis(readTimeout));
            connection.setRequestProperty("Accept", "application/json, application/jwk-set+json");
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new JwksFetchException(uri + " answered " + status + (status / 100 == 3
                        ? " (redirects are not followed: configure the key set's final address)" : ""));
            }
            long declared = connection.getContentLengthLong();
            if (declared > maxBytes) {
                throw new JwksFetchException(uri + " announced " + declared + " bytes, more than the " + maxBytes
                        + " allowed");
            }
            try (InputStream in = connection.getInputStream()) {
                return readBounded(in);
            }
        } catch (IOException e) {
            if (aborted.get()) {
                throw new JwksFetchException(uri + " took longer than the connect and read timeouts together ("
                        + total.toMillis() + " ms)", e);
            }
            throw new JwksFetchException("fetching " + uri + " failed: " + e, e);
        } finally {
            abort.cancel();
            connection.disconnect();
        }
    }

    private byte[] readBounded(InputStream in) throws IOException, JwksFetchException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes + 1, 8192));
        byte[] buffer = new byte[8192];
        while (true) {
            int n = in.read(buffer, 0, Math.min(buffer.length, maxBytes + 1 - out.size()));
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
            if (out.size() > maxBytes) {
                throw new JwksFetchException(uri + " answered more than the " + maxBytes + " bytes allowed");
            }
        }
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    @Override
    public String toString() {
        return "JwksClient[" + uri + "]";
    }
}
