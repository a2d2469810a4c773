package io.jwtgate.sample;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Another origin for the CSRF scenarios: a JDK HTTP server on 127.0.0.1 that serves {@code /evil.html}, a form
 * posting a message to the sample. Opened as {@code http://127.0.0.1:port} it is another <em>site</em>; opened as
 * {@code http://localhost:port} it is the same site (ports do not make sites) but another <em>origin</em>. It
 * never reads the cookies the browser may send it.
 */
final class CrossSiteServer implements AutoCloseable {

    /** The text the forged form posts; a test finds it nowhere on the board. */
    static final String FORGED_TEXT = "forged by another origin";

    private final HttpServer server;

    private CrossSiteServer(HttpServer server) {
        this.server = server;
    }

    /** Serves a form posting to {@code target} (the sample's {@code /app/messages}). */
    static CrossSiteServer serving(URI target) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>You won</title></head>"
                + "<body><form method=\"post\" action=\"" + target + "\">"
                + "<input type=\"hidden\" name=\"text\" value=\"" + FORGED_TEXT + "\">"
                + "<button type=\"submit\" id=\"claim\">Claim your prize</button></form></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/evil.html", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        return new CrossSiteServer(server);
    }

    /** The attack page under {@code host} ({@code 127.0.0.1}: cross-site; {@code localhost}: same-site). */
    URI page(String host) {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/evil.html");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
