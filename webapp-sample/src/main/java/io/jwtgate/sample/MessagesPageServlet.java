package io.jwtgate.sample;

import io.jwtgate.JwtGateAuthentication;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Base64;
import java.util.List;

/**
 * {@code /app/messages}: the sample's server-rendered page, as a legacy application has them. {@code GET}
 * lists the messages with a form to post one and a button to sign out; {@code POST} (a urlencoded form
 * with {@code text}) adds a message and answers 303 back to the page, so a reload never posts twice.
 *
 * <p>Both forms carry the caller's CSRF token in the hidden field {@code _csrf}: in cookie mode JwtGate
 * refuses an unsafe request without it (the page is the only place a browser learns it). A Bearer or Basic
 * caller has no token and needs none. Every value written into the page is escaped.
 */
public class MessagesPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The page's only style sheet, allowed by its hash in the Content-Security-Policy. */
    static final String CSS = "body{font-family:system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d1f23}"
            + "header{display:flex;justify-content:space-between;align-items:center;padding:.75rem 1.5rem;"
            + "background:#1f3a5f;color:#fff}"
            + "header form{margin:0}main{max-width:40rem;margin:1.5rem auto;padding:0 1rem}"
            + "h1{font-size:1.5rem}ol{padding:0;list-style:none}"
            + "li{background:#fff;border:1px solid #c9ced6;border-radius:6px;padding:.6rem .8rem;margin:.5rem 0}"
            + ".from{font-weight:600;margin-right:.5rem}.text{white-space:pre-wrap}"
            + "label{display:block;font-weight:600;margin:1rem 0 .3rem}"
            + "textarea{width:100%;box-sizing:border-box;min-height:4rem;font:inherit;padding:.4rem;"
            + "border:1px solid #6b7280;border-radius:4px}"
            + "button{font:inherit;padding:.45rem 1rem;border-radius:4px;border:1px solid #1f3a5f;"
            + "background:#1f3a5f;color:#fff;cursor:pointer;margin-top:.5rem}"
            + "header button{background:#fff;color:#1f3a5f;margin:0}"
            + "button:focus-visible,textarea:focus-visible{outline:3px solid #b45309;outline-offset:2px}"
            + ".error{color:#9b1c1c;font-weight:600}";
    /** No script, no external resource; the style sheet by hash; forms only to this origin; never framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256(CSS)
            + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(request, response, HttpServletResponse.SC_OK, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The filter fixed the request encoding before it read _csrf from this body; this is the same parse.
        String text = request.getParameter("text");
        if (!MessageBoard.acceptable(text)) {
            render(request, response, HttpServletResponse.SC_BAD_REQUEST,
                    "Write a message of 1 to " + MessageBoard.MAX_TEXT_LENGTH + " characters.");
            return;
        }
        Principal principal = request.getUserPrincipal();
        MessageBoard.of(getServletContext()).add(principal == null ? null : principal.getName(), text);
        // A relative Location (RFC 9110): the browser resolves it against the page it posted from.
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/app/messages");
    }

    private void render(HttpServletRequest request, HttpServletResponse response, int status, String error)
            throws IOException {
        String csrf = JwtGateAuthentication.of(request).map(JwtGateAuthentication::csrfToken).orElse(null);
        Principal principal = request.getUserPrincipal();
        String user = principal == null ? "" : principal.getName();
        String ctx = Html.escape(request.getContextPath());
        List<MessageBoard.Message> messages = MessageBoard.of(getServletContext()).list();

        StringBuilder page = new StringBuilder(2048);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Messages - JwtGate sample</title><style>").append(CSS).append("</style></head><body>")
                .append("<header><span>Signed in as <strong id=\"user\">").append(Html.escape(user))
                .append("</strong></span>")
                .append("<form method=\"post\" action=\"").append(ctx).append("/auth/logout\">")
                .append(csrfField(csrf)).append("<button type=\"submit\" id=\"logout\">Sign out</button></form>")
                .append("</header><main><h1>Messages</h1>");
        if (messages.isEmpty()) {
            page.append("<p id=\"no-messages\">No messages yet.</p>");
        } else {
            page.append("<ol id=\"messages\">");
            for (MessageBoard.Message m : messages) {
                page.append("<li class=\"message\"><span class=\"from\">")
                        .append(Html.escape(m.from() == null ? "anonymous" : m.from()))
                        .append("</span><span class=\"text\">").append(Html.escape(m.text())).append("</span></li>");
            }
            page.append("</ol>");
        }
        page.append("<form method=\"post\" action=\"").append(ctx).append("/app/messages\">").append(csrfField(csrf));
        if (error != null) {
            page.append("<p class=\"error\" role=\"alert\" id=\"message-error\">").append(Html.escape(error))
                    .append("</p>");
        }
        page.append("<label for=\"text\">New message</label><textarea id=\"text\" name=\"text\" required maxlength=\"")
                .append(MessageBoard.MAX_TEXT_LENGTH).append("\"></textarea>")
                .append("<button type=\"submit\" id=\"post\">Post</button></form></main></body></html>\n");

        byte[] body = page.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        // The page carries the CSRF token: no cache may keep it for another user.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String csrfField(String csrf) {
        return csrf == null ? "" : "<input type=\"hidden\" name=\"_csrf\" value=\"" + Html.escape(csrf) + "\">";
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
