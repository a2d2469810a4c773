package io.jwtgate.sample;

import io.jwtgate.support.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for requests whose target must reach the container byte for
 * byte: {@code java.net.URI} and HTTP clients may resolve {@code ..}, collapse {@code //} or
 * re-encode {@code %61}, which would test the client instead of the server.
 */
final class RawHttp {

    /** A parsed response; header names are compared case-insensitively. */
    record Response(int status, List<String[]> headers, String body) {

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code method target HTTP/1.1} with {@code Connection: close} and reads until the
     * server closes.
     *
     * @param bearerToken null for none
     */
    static Response send(int port, String method, String target, String bearerToken) throws IOException {
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        if (bearerToken != null) {
            Secrets.rememberAuthorization("Bearer " + bearerToken);
            request.append("Authorization: Bearer ").append(bearerToken).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Http.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    /**
     * Sends {@code method target HTTP/1.1} with {@code Host}, {@code Connection: close} and then
     * {@code headers} verbatim (name and value exactly as given, repeated names allowed), so tests
     * can send what an HTTP client would refuse or normalise: tabs, empty values, several
     * {@code Authorization} fields. The server may answer before it has read everything (an
     * oversized header, say) and close; a failed write is then ignored and the answer read.
     *
     * @param headers name and value pairs
     * @param body null for none; otherwise sent with its {@code Content-Length}
     */
    static Response send(int port, String method, String target, List<String[]> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        for (String[] h : headers) {
            Secrets.rememberHeaderLine(h[0] + ": " + h[1]);
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        if (body != null) {
            Secrets.rememberBody(new String(body, StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.write(body);
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Http.TIMEOUT.toMillis());
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.toByteArray());
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server answered early and closed its side; its answer may still be there.
            }
            return parse(readUntilClosed(socket));
        }
    }

    /** Reads until the server closes; a reset after the answer has arrived ends the read too. */
    private static byte[] readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = socket.getInputStream().read(buffer)) != -1) {
                in.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            if (in.size() == 0) {
                throw e;
            }
        }
        return in.toByteArray();
    }

    private static Response parse(byte[] raw) throws IOException {
        int end = indexOf(raw, new byte[] {'\r', '\n', '\r', '\n'});
        if (end < 0) {
            throw new IOException("no complete response head in " + raw.length + " bytes");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding")
                && h[1].toLowerCase(Locale.ROOT).contains("chunked"));
        if (chunked) {
            body = dechunk(body);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Secrets.rememberBody(text);
        return new Response(status, headers, text);
    }

    private static byte[] dechunk(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int lineEnd = indexOf(data, new byte[] {'\r', '\n'}, pos);
            if (lineEnd < 0) {
                throw new IOException("truncated chunked body");
            }
            String sizeText = new String(data, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
            pos = lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(data, pos, size);
            pos += size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] needle) {
        return indexOf(data, needle, 0);
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
