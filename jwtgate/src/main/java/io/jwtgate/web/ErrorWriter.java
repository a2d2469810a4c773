package io.jwtgate.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The one place that turns an {@link AuthError} into a response: status, challenge header(s),
 * {@code Cache-Control: no-store} and the JSON body {@code {"error","error_description"}}.
 *
 * <p>A Basic challenge makes a browser show its login dialog and then send the cached credentials
 * to the site on its own, so it is offered only where the filter guards application paths
 * ({@link #writeOfferingBasic}); {@link #write} never offers it (decision 95).
 */
public final class ErrorWriter {

    private final String bearerChallenge;
    private final String basicChallenge;

    /**
     * @param realm validated by the settings: printable ASCII without quotes or backslashes
     * @param offerBasic whether 401 answers of {@link #writeOfferingBasic} also offer a Basic challenge
     */
    public ErrorWriter(String realm, boolean offerBasic) {
        this.bearerChallenge = "Bearer realm=\"" + realm + "\"";
        this.basicChallenge = offerBasic ? "Basic realm=\"" + realm + "\", charset=\"UTF-8\"" : null;
    }

    /** The exact {@code WWW-Authenticate} value for {@code error}, or null when it has none. */
    public String bearerChallenge(AuthError error) {
        switch (error.challenge()) {
            case PLAIN:
                return bearerChallenge;
            case WITH_ERROR:
                StringBuilder b = new StringBuilder(bearerChallenge)
                        .append(", error=\"").append(error.error()).append('"')
                        .append(", error_description=\"").append(error.description()).append('"');
                if (error.scope() != null) {
                    b.append(", scope=\"").append(error.scope()).append('"');
                }
                return b.toString();
            default:
                return null;
        }
    }

    /** Writes {@code error} with at most a Bearer challenge: the login endpoints and every other answer. */
    public void write(HttpServletResponse response, AuthError error) throws IOException {
        write(response, error, false);
    }

    /**
     * Writes {@code error} on an application path the filter guards: a 401 also offers Basic while
     * Basic is allowed (spec §4), so legacy Basic clients learn they may use it there.
     */
    public void writeOfferingBasic(HttpServletResponse response, AuthError error) throws IOException {
        write(response, error, true);
    }

    private void write(HttpServletResponse response, AuthError error, boolean mayOfferBasic) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(error.status());
        String challenge = bearerChallenge(error);
        if (challenge != null) {
            response.addHeader("WWW-Authenticate", challenge);
            if (mayOfferBasic && basicChallenge != null && error.status() == 401) {
                response.addHeader("WWW-Authenticate", basicChallenge);
            }
        }
        if (error.retryAfterSeconds() != null) {
            response.setHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        ObjectNode body = StrictJson.mapper().createObjectNode()
                .put("error", error.error())
                .put("error_description", error.description());
        JsonResponse.write(response, body);
    }
}
