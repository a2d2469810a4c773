package io.jwtgate.browser;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * JwtGate's built-in login page (decision 662): plain HTML and one inline style sheet, no script and
 * no external resource, so its Content-Security-Policy can allow nothing but that style sheet (by
 * its hash) and form posts to its own origin. Accessible: a language, a main landmark and a heading,
 * a label for each field, autocomplete hints for password managers, errors announced through
 * {@code role="alert"} and tied to the fields with {@code aria-describedby}, a visible focus ring,
 * and text contrast of at least 4.5:1. Every value is escaped with {@link HtmlText}.
 *
 * <p>Messages never tell whether a user exists: a wrong password and an unknown name get the same
 * text, and lockout counts every name alike.
 */
public final class LoginPage {

    /** What went wrong with the previous attempt, if anything; the names are the override's attribute values. */
    public enum Problem {
        /** Wrong name or password, never told apart. */
        CREDENTIALS("credentials"),
        /** The account or address is locked out after failed passwords. */
        LOCKED("locked"),
        /** The per-address request budget is spent. */
        THROTTLED("throttled"),
        /** The form's CSRF token or its origin did not match: an old or forged form. */
        CSRF("csrf"),
        /** A field was empty. */
        INCOMPLETE("incomplete");

        private final String code;

        Problem(String code) {
            this.code = code;
        }

        /** The value of the request attribute {@code jwtgate.login.error} for a custom page. */
        public String code() {
            return code;
        }
    }

    /**
     * What one rendering shows.
     *
     * @param action the form's target, the context path plus the login path
     * @param csrfToken the value of the CSRF cookie, echoed in the form (double submit)
     * @param redirect where a successful login goes, already checked by the safe-redirect rules
     * @param problem the previous attempt's problem, or null
     * @param retryAfterSeconds for {@link Problem#LOCKED} and {@link Problem#THROTTLED}: when to try again
     * @param loggedOut whether to show that the user has just signed out
     */
    public record Content(String action, String csrfToken, String redirect, Problem problem, long retryAfterSeconds,
            boolean loggedOut) {
    }

    /** The one style sheet; its hash is in the CSP, so any change here changes the policy with it. */
    static final String CSS = String.join("\n",
            "*{box-sizing:border-box}",
            "body{margin:0;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
                    + "color:#1a1a1a;background:#f4f5f7}",
            "main{max-width:24rem;margin:4rem auto;padding:2rem;background:#fff;border:1px solid #c4c7cc;"
                    + "border-radius:8px}",
            "h1{margin:0 0 1.5rem;font-size:1.5rem}",
            "label{display:block;margin:1rem 0 .25rem;font-weight:600}",
            "input{width:100%;padding:.5rem;font:inherit;color:#1a1a1a;background:#fff;border:1px solid #5f6368;"
                    + "border-radius:4px}",
            "button{margin-top:1.5rem;width:100%;padding:.6rem;font:inherit;font-weight:600;color:#fff;"
                    + "background:#0b57d0;border:0;border-radius:4px;cursor:pointer}",
            "button:hover{background:#0842a0}",
            "input:focus-visible,button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}",
            "button:focus-visible{outline-color:#1a1a1a}",
            ".alert{margin:0 0 1rem;padding:.75rem;color:#8c1d18;background:#fdecea;border:1px solid #8c1d18;"
                    + "border-radius:4px}",
            ".notice{margin:0 0 1rem;padding:.75rem;color:#0d5223;background:#e6f4ea;border:1px solid #0d5223;"
                    + "border-radius:4px}");

    /**
     * The page's Content-Security-Policy: nothing may load or run but the inline style sheet, forms
     * post only to this origin, and no other page may frame this one (clickjacking).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256(CSS)
            + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String ERROR_ID = "login-error";

    private LoginPage() {
    }

    /** The page as HTML text. */
    public static String html(Content c) {
        String message = c.problem() == null ? null : message(c.problem(), c.retryAfterSeconds());
        String describedBy = message == null ? "" : " aria-describedby=\"" + ERROR_ID + "\" aria-invalid=\"true\"";
        StringBuilder h = new StringBuilder(2048);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Sign in</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>Sign in</h1>\n");
        if (message != null) {
            h.append("<p id=\"").append(ERROR_ID).append("\" class=\"alert\" role=\"alert\">")
                    .append(HtmlText.escape(message)).append("</p>\n");
        } else if (c.loggedOut()) {
            h.append("<p class=\"notice\" role=\"status\">You have signed out.</p>\n");
        }
        h.append("<form method=\"post\" action=\"").append(HtmlText.escape(c.action())).append("\">\n")
                .append("<input type=\"hidden\" name=\"_csrf\" value=\"").append(HtmlText.escape(c.csrfToken()))
                .append("\">\n")
                .append("<input type=\"hidden\" name=\"redirect\" value=\"").append(HtmlText.escape(c.redirect()))
                .append("\">\n")
                .append("<label for=\"username\">Username</label>\n")
                .append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\"")
                .append(" autocapitalize=\"none\" spellcheck=\"false\" required").append(describedBy).append(">\n")
                .append("<label for=\"password\">Password</label>\n")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"")
                .append(" required").append(describedBy).append(">\n")
                .append("<button type=\"submit\">Sign in</button>\n</form>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /**
     * Writes the page with {@code status} and the headers that keep it out of caches and frames.
     * Nothing the page shows comes from another origin, so the policy can be this strict.
     */
    public static void write(HttpServletResponse response, int status, Content c) throws IOException {
        byte[] body = html(c).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        headers(response);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The security and cache headers of every rendering. */
    static void headers(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
    }

    /** The text shown for a problem; the same for every user name, existing or not. */
    static String message(Problem problem, long retryAfterSeconds) {
        return switch (problem) {
            case CREDENTIALS -> "The username or password is incorrect.";
            case LOCKED, THROTTLED -> "Too many failed attempts. Try again in " + minutes(retryAfterSeconds) + ".";
            case CSRF -> "This sign-in form has expired. Please try again.";
            case INCOMPLETE -> "Enter your username and password.";
        };
    }

    /** Whole minutes, rounded up, at least one: "1 minute", "15 minutes". */
    private static String minutes(long seconds) {
        long m = Math.max(1, (seconds + 59) / 60);
        return m + (m == 1 ? " minute" : " minutes");
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
