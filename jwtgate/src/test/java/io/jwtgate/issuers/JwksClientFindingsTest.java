package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Findings against {@link JwksClient} (attack-issuers, issue 12). These tests assert the CORRECT
 * behaviour and fail today.
 *
 * <p>Evidence: decision 432 and the class Javadoc promise "an overall deadline of connect + read
 * timeout checked between reads (a server dripping bytes cannot hold a request thread for long)".
 * The deadline is checked only in {@code readBounded}, i.e. while the BODY is read;
 * {@code HttpURLConnection.getResponseCode()} reads the status line and headers with the read timeout
 * applying per socket read only. A provider (or anyone on the path to a loopback/https key set who
 * controls the answer) that sends the status line and then one header byte every 100 ms, under the
 * read timeout, never ends: the fetch hangs forever. It runs on a request thread holding the
 * issuer's fetch lock ({@code RemoteKeySet.fetching}), so every request of that issuer that needs a
 * fetch (the first ones, any unknown {@code kid}) queues behind it without bound: the thread pool
 * drains. Observed: with connect 200 ms / read 300 ms, the fetch had not returned after 5 s (and
 * does not return until the server closes).
 */
class JwksClientFindingsTest {

    private ServerSocket server;
    private Thread dripper;

    @AfterEach
    void stop() throws IOException, InterruptedException {
        if (dripper != null) {
            dripper.interrupt();
        }
        if (server != null) {
            server.close();
        }
        if (dripper != null) {
            dripper.join(2000);
        }
    }

    /** A server that answers a status line, then drips one header byte every 100 ms, forever. */
    private URI drippingHeaders() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        dripper = new Thread(() -> {
            try (Socket s = server.accept()) {
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nX-Drip: ".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (!Thread.currentThread().isInterrupted()) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }, "dripping-jwks");
        dripper.setDaemon(true);
        dripper.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/jwks");
    }

    @Test
    void aProviderDrippingHeadersForeverCannotHoldTheFetchBeyondConnectPlusReadTimeout() throws IOException {
        JwksClient client = new JwksClient(drippingHeaders(), Duration.ofMillis(200), Duration.ofMillis(300), 65536);
        // The promised bound is 500 ms; 5 s leaves room for a slow machine.
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(JwksFetchException.class, client::fetch),
                "the fetch must give up after connect + read timeout even while header bytes keep dripping");
    }
}
