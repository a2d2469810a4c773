package io.jwtgate.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.support.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests to a {@link RunningApp} through the JDK's HTTP client, with JSON helpers. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    // HTTP/1.1 only: the containers run without h2c, and an upgrade attempt adds nothing here.
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    private final RunningApp app;
    private final String clientAddress;

    Http(RunningApp app) {
        this(app, null);
    }

    /**
     * @param clientAddress sent as {@code X-Forwarded-For} on every request, as a trusted proxy in
     *     front of the application would, so that the request counts under this address; null for none
     */
    Http(RunningApp app, String clientAddress) {
        this.app = app;
        this.clientAddress = clientAddress;
    }

    /** The address every request claims through {@code X-Forwarded-For}, or null. */
    String clientAddress() {
        return clientAddress;
    }

    HttpResponse<String> get(String path) {
        return get(path, null);
    }

    /** @param token a bearer token, or null to send no credentials */
    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    /** GET with a bearer token and a request timeout of its own. */
    HttpResponse<String> get(String path, String token, Duration timeout) {
        return send(request(path, token).timeout(timeout).GET().build());
    }

    /** GET with a verbatim {@code Authorization} header value (Basic credentials, say). */
    HttpResponse<String> getWithAuthorization(String path, String authorization) {
        return send(request(path, null).header("Authorization", authorization).GET().build());
    }

    /** @param token a bearer token, or null to send no credentials */
    HttpResponse<String> delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    HttpResponse<String> postJson(String path, JsonNode body, String token) {
        return postJson(path, body.toString(), token);
    }

    /** Sends {@code body} verbatim as application/json, so tests can send broken JSON too. */
    HttpResponse<String> postJson(String path, String body, String token) {
        Secrets.rememberBody(body);
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> postForm(String path, String urlEncodedForm) {
        Secrets.rememberBody(urlEncodedForm);
        return send(request(path, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlEncodedForm))
                .build());
    }

    /**
     * GET with extra headers given as name, value, name, value, ...; a name may repeat, so a
     * request can carry several fields of one header.
     */
    HttpResponse<String> getWithHeaders(String path, String... namesAndValues) {
        return send(withHeaders(request(path, null), namesAndValues).GET().build());
    }

    /**
     * POST of {@code body} bytes as {@code contentType}, with a bearer token (or null) and extra
     * headers given as name, value, name, value, ...
     */
    HttpResponse<String> post(String path, String contentType, byte[] body, String token, String... namesAndValues) {
        Secrets.rememberBody(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        return send(withHeaders(request(path, token), namesAndValues)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /**
     * POST of an oversized body on a connection of its own. A server that answers before reading
     * the whole body (413) closes that connection afterwards; a pooled connection would then fail
     * the next request that picks it up, so this one comes from a client used only once.
     *
     * @param chunked true to send without Content-Length, so only reading reveals the size
     */
    HttpResponse<String> postOversized(String path, String contentType, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest request = request(path, null).header("Content-Type", contentType).POST(publisher).build();
        HttpClient once = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
        Secrets.rememberBody(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return remembered(once.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder b, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Secrets.rememberHeaderLine(namesAndValues[i] + ": " + namesAndValues[i + 1]);
            if (namesAndValues[i].equalsIgnoreCase("X-Forwarded-For")) {
                // A test that writes the header itself replaces the default hop.
                b.setHeader(namesAndValues[i], namesAndValues[i + 1]);
            } else {
                b.header(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return b;
    }

    private HttpRequest.Builder request(String path, String token) {
        URI uri = app.uri(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        if (clientAddress != null) {
            b.setHeader("X-Forwarded-For", clientAddress);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        Secrets.rememberHeaders(request.headers().map());
        try {
            return remembered(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Tokens the server hands out are secrets the log audit must not find anywhere. */
    private static HttpResponse<String> remembered(HttpResponse<String> response) {
        Secrets.rememberBody(response.body());
        return response;
    }

    /** The body as JSON, failing the test with the body in the message when it is not JSON. */
    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
