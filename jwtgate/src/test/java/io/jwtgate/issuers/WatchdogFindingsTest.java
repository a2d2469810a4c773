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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Findings of the second attack round (attack2, issue 12) against the fix of decision 432: the
 * {@link FetchWatchdog} bounded a key-set fetch only while JwtGate was open (fixed by decision 446).
 *
 * <p>Evidence: {@code FetchWatchdog.close()} calls {@code shutdownNow()}, which drops every scheduled
 * abort. A fetch already in flight when JwtGate closes (undeploy, redeploy, a container stopping while
 * a request waits for a provider) is then bounded by the per-read timeout only: a provider dripping one
 * header byte every 100 ms holds that request thread (and the issuer's fetch lock) for as long as it
 * drips, pinning the undeployed web application's class loader: the very hang decision 432 fixed.
 * Observed: with connect 200 ms / read 300 ms, closing the watchdog 150 ms into the fetch, the fetch
 * had not returned after 5 s. Correct: the deadline still holds (the abort runs, or close() disconnects
 * the fetches in flight), so the fetch fails with {@link JwksFetchException} within about 500 ms.
 */
class WatchdogFindingsTest {

    private final FetchWatchdog watchdog = new FetchWatchdog();
    private ServerSocket server;
    private Thread dripper;

    @AfterEach
    void stop() throws IOException, InterruptedException {
        watchdog.close();
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

    /** A server that answers a status line, then drips one header byte every 100 ms until interrupted. */
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
    void aFetchInFlightWhenJwtGateClosesStillEndsAtItsDeadline() throws IOException {
        JwksClient client = new JwksClient(drippingHeaders(), Duration.ofMillis(200), Duration.ofMillis(300), 65536, watchdog);
        CompletableFuture<Throwable> fetch = CompletableFuture.supplyAsync(() -> {
            try {
                client.fetch();
                return null;
            } catch (JwksFetchException e) {
                return e;
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(6), () -> {
            Thread.sleep(150);
            watchdog.close(); // JwtGate.close() while the fetch waits for headers
            Throwable outcome;
            try {
                outcome = fetch.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                outcome = e.getCause();
            }
            Throwable seen = outcome;
            assertThrows(JwksFetchException.class, () -> {
                if (seen != null) {
                    throw seen;
                }
            }, "the fetch must fail at its deadline even though JwtGate closed meanwhile");
        }, "a fetch in flight when JwtGate closes must not outlive connect + read timeout");
    }
}
