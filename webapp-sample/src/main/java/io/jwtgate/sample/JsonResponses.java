package io.jwtgate.sample;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes the sample's JSON answers. Bodies are always built as Jackson trees and serialised by
 * one shared mapper, so a user name or message text can never break the JSON.
 */
final class JsonResponses {

    /**
     * Thread-safe once configured; shared by every servlet of the sample. Trailing content after
     * the document is an error, so {@code {"text":"a"} junk} is refused rather than half-read.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonResponses() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void write(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The same error shape JwtGate uses, so clients parse one format for every failure. */
    static void error(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        write(response, status, object().put("error", error).put("error_description", description));
    }
}
