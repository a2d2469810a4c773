package io.jwtgate.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Real HTTP against an embedded server. {@link #raw} writes the request bytes itself so paths and
 * headers reach the container exactly as written (no client normalisation, repeated headers).
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final int port;

    public Http(int port, String contextPath) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port + contextPath;
    }

    /** The origin (RFC 6454) the container sees for requests sent through this client. */
    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** A response read back: status, headers by lower-case name, body. */
    public record Response(int status, Map<String, List<String>> headers, String body) {
        public Response {
            rememberTokens(body);
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    public Response get(String path, String... headerPairs) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headerPairs);
    }

    public Response post(String path, String contentType, String body, String... headerPairs) {
        Secrets.rememberBody(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", contentType);
        return send(b, headerPairs);
    }

    public Response postJson(String path, String json, String... headerPairs) {
        return post(path, "application/json", json, headerPairs);
    }

    public Response bearerGet(String path, String token) {
        return get(path, "Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder b, String... headerPairs) {
        for (int i = 0; i < headerPairs.length; i += 2) {
            Secrets.rememberHeaderLine(headerPairs[i] + ": " + headerPairs[i + 1]);
            b.header(headerPairs[i], headerPairs[i + 1]);
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            return new Response(r.statusCode(), headers, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code method target HTTP/1.1} with the given header lines verbatim over a socket.
     *
     * @param target the request target exactly as it should appear on the wire
     */
    public Response raw(String method, String target, List<String> headerLines, String body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder();
            req.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            req.append("Host: 127.0.0.1:").append(port).append("\r\n");
            req.append("Connection: close\r\n");
            for (String line : headerLines) {
                Secrets.rememberHeaderLine(line);
                req.append(line).append("\r\n");
            }
            Secrets.rememberBody(body);
            byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                req.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bodyBytes);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code request} to a new connection exactly as given and returns everything the
     * server sends until it closes, undecoded.
     *
     * @throws IllegalStateException also when the server resets the connection
     */
    public String rawExchange(byte[] request) {
        String text = new String(request, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        for (String line : (headEnd < 0 ? text : text.substring(0, headEnd)).split("\r\n")) {
            Secrets.rememberHeaderLine(line);
        }
        if (headEnd >= 0) {
            Secrets.rememberBody(text.substring(headEnd + 4));
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tokens in a response are secrets the log audit must not find anywhere. */
    private static void rememberTokens(String body) {
        if (body == null || !(body.contains("access_token") || body.contains("refresh_token"))) {
            return;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode json = io.jwtgate.json.StrictJson.parse(
                    body.getBytes(StandardCharsets.UTF_8));
            Secrets.remember(json.path("access_token").asText(null));
            Secrets.remember(json.path("refresh_token").asText(null));
        } catch (RuntimeException e) {
            // Not a token response (an error text that mentions the words): nothing to remember.
        }
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                }
            }
        }
        return new Response(status, headers, chunked ? dechunk(body) : body);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int lineEnd = body.indexOf("\r\n", i);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(i, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
