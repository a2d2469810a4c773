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

    private RequestBodies() {
    }

    /**
     * @throws ApiException 413 when the body is larger than {@link #MAX_BYTES}
     */
    public static byte[] read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw new ApiException(AuthError.tooLarge(MAX_BYTES));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buffer = new byte[4096];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) {
                    throw new ApiException(AuthError.tooLarge(MAX_BYTES));
                }
            }
        }
        return out.toByteArray();
    }

    /** The media type of the request without parameters, lower case; empty when absent. */
    public static String mediaType(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
