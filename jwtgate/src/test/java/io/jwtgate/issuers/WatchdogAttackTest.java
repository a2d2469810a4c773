package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attack probes of the second round (attack2, issue 12) on decision 432 that hold: with one shared
 * {@link FetchWatchdog}, eight issuers whose key-set servers each misbehave differently at once (drip
 * the status line, drip header bytes, drip the body, accept and never answer, answer nothing after
 * reading the request) all end, concurrently, not one deadline after another (usually within 1-2 s
 * for a 1 s deadline; see the comment in the test for the slower outlier); and a fetch asked for after JwtGate closed does not start a connection.
 */
class WatchdogAttackTest {

    private final FetchWatchdog watchdog = new FetchWatchdog();
    private final List<ServerSocket> servers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void stop() throws IOException, InterruptedException {
        watchdog.close();
        for (Thread t : threads) {
            t.interrupt();
        }
        for (ServerSocket s : servers) {
            s.close();
        }
        for (Thread t : threads) {
            t.join(2000);
        }
    }

    /** A server whose one connection gets {@code prefix}, then one byte of {@code drip} every 100 ms (none if empty). */
    private URI server(String prefix, String drip) throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                in.read(new byte[4096]);
                OutputStream out = s.getOutputStream();
                out.write(prefix.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    if (!drip.isEmpty()) {
                        out.write(drip.charAt(i % drip.length()));
                        out.flush();
                    }
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }, "hostile-jwks");
        t.setDaemon(true);
        t.start();
        threads.add(t);
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/jwks");
    }

    @Test
    void eightHostileIssuersAtOnceAllEndWithinTheirDeadline() throws IOException {
        List<URI> uris = List.of(
                server("", "HTTP/1.1 200 OK\r\n"),
                server("HTTP/1.1 200 OK\r\nX-Drip: ", "a"),
                server("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n{\"keys\":[", " "),
                server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "1\r\n \r\n"),
                server("", ""),
                server("HTTP/1.1 200 OK\r\n", ""),
                server("HTTP/1.1 200 OK\r\nX-Drip: ", "b"),
                server("HTTP/1.1 200 OK\r\nX-Drip: ", "c"));
        assertTimeoutPreemptively(Duration.ofSeconds(8), () -> {
            List<CompletableFuture<Throwable>> fetches = new ArrayList<>();
            long start = System.nanoTime();
            for (URI uri : uris) {
                JwksClient client = new JwksClient(uri, Duration.ofMillis(300), Duration.ofMillis(700), 65536, watchdog);
                fetches.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        client.fetch();
                        return null;
                    } catch (JwksFetchException e) {
                        return e;
                    }
                }, r -> new Thread(r, "fetch").start()));
            }
            for (CompletableFuture<Throwable> f : fetches) {
                assertInstanceOf(JwksFetchException.class, f.join());
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            // Usually all end at 1-2 s; in about one run of three one fetch, already marked aborted, ended
            // only near 4 s (see the attack2 report: suspected the JDK's silent retry of a GET after the
            // disconnect). The bound asserted is what holds: bounded, and not eight deadlines in turn.
            assertTrue(ms < 6000, "all eight ended, not one deadline after another: " + ms + " ms");
        });
    }

    @Test
    void aFetchAfterCloseOpensNoConnection() throws Exception {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        servers.add(server);
        server.setSoTimeout(300);
        watchdog.close();
        JwksClient client = new JwksClient(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/jwks"),
                Duration.ofMillis(300), Duration.ofMillis(300), 65536, watchdog);
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try {
                client.fetch();
                return false;
            } catch (JwksFetchException | IllegalStateException e) {
                return true;
            }
        }));
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try (Socket s = server.accept()) {
                return s.isClosed();
            } catch (java.net.SocketTimeoutException e) {
                return true;
            }
        }), "no connection was made after close");
    }
}
