package io.jwtgate.sample;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.List;

/**
 * {@code /api/messages}: {@code GET} lists the messages, {@code POST {"text": "..."}} adds one
 * from the caller. The messages live in the application's {@link MessageBoard}, which the page
 * {@code /app/messages} shares.
 */
public class MessagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Bodies beyond this are refused before parsing, so a client cannot make us buffer megabytes. */
    static final int MAX_BODY_BYTES = 8 * 1024;
    /** Longest message text, in UTF-16 units. */
    static final int MAX_TEXT_LENGTH = MessageBoard.MAX_TEXT_LENGTH;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<MessageBoard.Message> snapshot = MessageBoard.of(getServletContext()).list();
        ObjectNode body = JsonResponses.object();
        ArrayNode list = body.putArray("messages");
        for (MessageBoard.Message m : snapshot) {
            list.add(toJson(m));
        }
        JsonResponses.write(response, HttpServletResponse.SC_OK, body);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] bytes = readLimited(request);
        if (bytes == null) {
            JsonResponses.error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "invalid_request",
                    "The body is larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        String text;
        try {
            text = textOf(JsonResponses.MAPPER.readTree(bytes));
        } catch (JacksonException e) {
            // The parser's message may echo the input; the client gets a fixed text instead.
            JsonResponses.error(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
                    "The body is not well-formed JSON");
            return;
        }
        if (text == null) {
            JsonResponses.error(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
                    "Send a JSON object {\"text\": \"...\"} with 1 to " + MAX_TEXT_LENGTH + " characters of text");
            return;
        }
        Principal principal = request.getUserPrincipal();
        String from = principal == null ? null : principal.getName();
        MessageBoard.Message message = MessageBoard.of(getServletContext()).add(from, text);
        JsonResponses.write(response, HttpServletResponse.SC_CREATED, toJson(message));
    }

    /** The message text, or null when the document is not {@code {"text": non-blank string}}. */
    private static String textOf(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual() || !MessageBoard.acceptable(text.textValue())) {
            return null;
        }
        return text.textValue();
    }

    /** The body, or null when it exceeds {@link #MAX_BODY_BYTES}. */
    private static byte[] readLimited(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY_BYTES) {
                    return null;
                }
            }
        }
        return out.toByteArray();
    }

    private static ObjectNode toJson(MessageBoard.Message m) {
        return JsonResponses.object().put("id", m.id()).put("from", m.from()).put("text", m.text());
    }
}
