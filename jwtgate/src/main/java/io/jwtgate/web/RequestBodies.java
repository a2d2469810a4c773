package io.jwtgate.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Reads request bodies with a hard size limit, before anything parses or hashes them. */
public final class RequestBodies {

    /** Largest accepted body of a JwtGate endpoint. */
    public static final int MAX_BYTES = 16 * 1024;

    /**
     * An oversized body up to this size is read to its end and thrown away before the 413 goes
     * out. A server that answers and closes while the client is still sending makes its own
     * TCP stack reset the connection, and the client may then lose the 413 (RFC 9112 §9.6).
     * Tomcat swallows up to the same 2 MiB by default; Jetty 12 closes at once, so without this
     * the answer a client sees would depend on the container and on timing.
     */
    static final long MAX_DISCARDED_BYTES = 2 * 1024 * 1024;

    private RequestBodies() {
    }

    /**
     * @throws ApiException 413 when the body is larger than {@link #MAX_BYTES}
     */
    public static byte[] read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BYTES) {
            // A client that asked "Expect: 100-continue" has not sent the body and will not
            // while nobody reads it: reading would only invite the bytes we are about to refuse.
            if (declared <= MAX_DISCARDED_BYTES && !expectsContinue(request)) {
                discard(request.getInputStream(), declared);
            }
            throw new ApiException(AuthError.tooLarge(MAX_BYTES));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buffer = new byte[4096];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) {
                    discard(in, MAX_DISCARDED_BYTES - out.size());
                    throw new ApiException(AuthError.tooLarge(MAX_BYTES));
                }
            }
        }
        return out.toByteArray();
    }

    /**
     * The media type of the request without parameters, lower case; empty when absent.
     *
     * @throws ApiException 400 when the request has several {@code Content-Type} fields: which
     *     one counts would depend on who reads it (a proxy may take the last, we the first);
     *     415 when a {@code charset} parameter names anything but UTF-8
     */
    public static String mediaType(HttpServletRequest request) {
        java.util.Enumeration<String> fields = request.getHeaders("Content-Type");
        if (fields != null && fields.hasMoreElements()) {
            fields.nextElement();
            if (fields.hasMoreElements()) {
                throw new ApiException(AuthError.badRequest("The request has several Content-Type fields"));
            }
        }
        // The raw header, not getContentType(): Jetty 12 parses the charset parameter there and
        // throws on an unknown or malformed one, which would turn a client's bad header into a 500.
        String type = request.getHeader("Content-Type");
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            requireUtf8(type.substring(semicolon + 1));
        }
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * JwtGate reads every body as UTF-8, so a body declared in another charset is refused rather
     * than read as something it is not (decision 144): 415, as for another media type. A
     * {@code charset} parameter, quoted or not, must name UTF-8 in any case; other parameters are ignored.
     */
    private static void requireUtf8(String parameters) {
        for (String parameter : parameters.split(";")) {
            int eq = parameter.indexOf('=');
            String name = (eq < 0 ? parameter : parameter.substring(0, eq)).trim();
            if (!name.equalsIgnoreCase("charset")) {
                continue;
            }
            String value = eq < 0 ? "" : parameter.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!value.equalsIgnoreCase("utf-8")) {
                throw new ApiException(AuthError.unsupportedMediaType("The body must be UTF-8"));
            }
        }
    }

    private static boolean expectsContinue(HttpServletRequest request) {
        String expect = request.getHeader("Expect");
        return expect != null && expect.trim().equalsIgnoreCase("100-continue");
    }

    /**
     * Reads and drops at most {@code budget} more bytes; a body longer than that is left to the
     * container, which closes the connection.
     */
    /**
     * Reads and drops the rest of a small body that a refused request left unread. Jetty 12 closes
     * a connection whose request body was not read to its end once the answer is out, without a
     * {@code Connection: close} the client could see, so a client that reuses the connection finds
     * it dead on its next request. A declared body of at most {@link #MAX_BYTES} costs nothing to
     * read; a larger, chunked or {@code Expect: 100-continue} body is left to the container.
     */
    public static void discardUnread(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared <= 0 || declared > MAX_BYTES || expectsContinue(request)) {
            return;
        }
        try {
            discard(request.getInputStream(), declared);
        } catch (IOException | IllegalStateException e) {
            // The client went away, or the body was already taken as a reader: nothing left to drop.
        }
    }

    private static void discard(InputStream in, long budget) {
        byte[] buffer = new byte[8192];
        long left = budget;
        try {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException e) {
            // The client went away mid-body: the 413 is still the answer, the container will
            // notice the dead connection when it writes it.
        }
    }
}
