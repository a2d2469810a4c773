package io.jwtgate.sample;

import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample's messages, in memory, shared by the JSON API ({@code /api/messages}) and the page
 * ({@code /app/messages}) through one context attribute, so a message posted by either shows in both.
 * They vanish with the application: the sample shows authentication, not persistence.
 */
final class MessageBoard {

    /** The context attribute holding the application's board. */
    static final String ATTRIBUTE = "io.jwtgate.sample.messages";
    /** Longest message text, in UTF-16 units. */
    static final int MAX_TEXT_LENGTH = 1000;

    /** One message; {@code from} is the caller's name, null for an anonymous caller. */
    record Message(long id, String from, String text) {
    }

    // Guarded by itself: ids and list order must agree, so both change under one lock.
    private final List<Message> messages = new ArrayList<>();
    private long lastId;

    /** The context's board, created on first use; the lock makes two first requests agree on one board. */
    static MessageBoard of(ServletContext context) {
        synchronized (MessageBoard.class) {
            Object board = context.getAttribute(ATTRIBUTE);
            if (board instanceof MessageBoard existing) {
                return existing;
            }
            MessageBoard created = new MessageBoard();
            context.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }

    /** Whether {@code text} is acceptable: not blank and at most {@link #MAX_TEXT_LENGTH} long. */
    static boolean acceptable(String text) {
        return text != null && !text.isBlank() && text.length() <= MAX_TEXT_LENGTH;
    }

    /** Adds a message whose text is {@link #acceptable}; returns it with its new id. */
    Message add(String from, String text) {
        if (!acceptable(text)) {
            throw new IllegalArgumentException("unacceptable message text");
        }
        synchronized (messages) {
            Message message = new Message(++lastId, from, text);
            messages.add(message);
            return message;
        }
    }

    /** The messages in the order they were posted. */
    List<Message> list() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
