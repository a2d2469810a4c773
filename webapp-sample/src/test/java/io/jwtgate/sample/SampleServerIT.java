package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive sample server ({@code exec:java}) binds where {@code HOST} says, loopback by
 * default, and says where it bound. Checked with real sockets: where this machine has a
 * non-loopback address, a connection to it must be refused by default and served with
 * {@code HOST=0.0.0.0}.
 */
class SampleServerIT {

    @TempDir
    Path temp;

    private RunningApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private RunningApp start(Map<String, String> env) throws Exception {
        return SampleServer.start(env, Map.of("jwtgate.data-dir", temp.resolve("data").toString(),
                "demo.password", AbstractSampleAppIT.PASSWORD, "jwtgate.bcrypt.cost", "10"));
    }

    /** The first IPv4 address of an interface that is up and not loopback, if the machine has one. */
    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    /** The status line of GET /public/health over a plain socket to {@code address}. */
    private static String health(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /public/health HTTP/1.1\r\nHost: sample\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.substring(0, response.indexOf("\r\n"));
        }
    }

    @Test
    void bindsToLoopbackByDefaultAndRefusesConnectionsToOtherLocalAddresses() throws Exception {
        app = start(Map.of("PORT", "0"));

        InetSocketAddress bound = app.localAddress();
        assertEquals("127.0.0.1", bound.getAddress().getHostAddress());
        assertEquals("HTTP/1.1 200 OK", health(InetAddress.getByName("127.0.0.1"), bound.getPort()));
        Optional<InetAddress> other = nonLoopbackAddress();
        if (other.isPresent()) {
            assertThrows(ConnectException.class, () -> health(other.get(), bound.getPort()),
                    "connecting through " + other.get());
        }
        assertTrue(SampleServer.banner(app).startsWith("JwtGate sample listening on 127.0.0.1:" + bound.getPort()
                + " (this machine only; set HOST to change): http://127.0.0.1:" + bound.getPort() + "/public/health"),
                SampleServer.banner(app));
    }

    @Test
    void hostFromTheEnvironmentChoosesTheBindAddress() throws Exception {
        app = start(Map.of("HOST", "0.0.0.0", "PORT", "0"));

        InetSocketAddress bound = app.localAddress();
        assertTrue(bound.getAddress().isAnyLocalAddress(), bound.toString());
        Optional<InetAddress> other = nonLoopbackAddress();
        if (other.isPresent()) {
            assertEquals("HTTP/1.1 200 OK", health(other.get(), bound.getPort()), "through " + other.get());
        }
        assertTrue(SampleServer.banner(app).contains("(every interface): http://localhost:" + bound.getPort()),
                SampleServer.banner(app));
    }

    @Test
    void blankHostMeansTheLoopbackDefault() throws Exception {
        app = start(Map.of("HOST", " ", "PORT", "0"));

        assertEquals("127.0.0.1", app.localAddress().getAddress().getHostAddress());
    }
}
