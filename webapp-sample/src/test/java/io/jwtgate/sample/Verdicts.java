package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects the answers to many hostile requests of one test and fails the test once, listing
 * every construction that was not answered as it must be, so one run shows every hole at once.
 */
final class Verdicts {

    /** Text only the sample's servlets write: seeing it means the request reached the application. */
    static final List<String> APP_OUTPUT = List.of("admin area", "Hello, ", "\"messages\"", "api area",
            "legacy action", "sample home", "sample default servlet");

    static final String INVALID = "The access token is invalid";
    static final String EXPIRED = "The access token expired";
    static final String REVOKED = "The access token has been revoked";
    static final String UNAUTHORIZED_BODY =
            "{\"error\":\"unauthorized\",\"error_description\":\"Authentication is required\"}";
    static final String INVALID_GRANT_BODY =
            "{\"error\":\"invalid_grant\",\"error_description\":\"The username or password is incorrect\"}";
    /** The sample runs jwtgate.basic-auth=warn, so a 401 on an application path offers Basic after Bearer. */
    static final List<String> LOGIN_CHALLENGES = List.of("Bearer realm=\"jwtgate\"",
            "Basic realm=\"jwtgate\", charset=\"UTF-8\"");
    /** The login endpoints never offer Basic (issue 8 item 2): a browser would cache and resend it. */
    static final List<String> LOGIN_ENDPOINT_CHALLENGES = List.of("Bearer realm=\"jwtgate\"");

    /** Status, body and {@code WWW-Authenticate} values of an answer, whichever client got it. */
    record Answer(int status, String body, List<String> challenges) {

        static Answer of(HttpResponse<String> r) {
            return new Answer(r.statusCode(), r.body(), r.headers().allValues("WWW-Authenticate"));
        }

        static Answer of(RawHttp.Response r) {
            return new Answer(r.status(), r.body(), r.headers().stream()
                    .filter(h -> h[0].equalsIgnoreCase("WWW-Authenticate")).map(h -> h[1]).toList());
        }

        boolean reachedApplication() {
            return APP_OUTPUT.stream().anyMatch(body::contains);
        }

        /** The JSON body's field, or null when the body is not JSON or lacks it. */
        String field(String name) {
            try {
                JsonNode node = Http.JSON.readTree(body);
                return node != null && node.hasNonNull(name) ? node.get(name).asText() : null;
            } catch (java.io.IOException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            String shown = body.length() > 300 ? body.substring(0, 300) + "..." : body;
            return status + " " + challenges + " " + shown;
        }
    }

    private final String container;
    private final List<String> failures = new ArrayList<>();
    private int checked;

    Verdicts(ContainerKind container) {
        this.container = container.toString();
    }

    /** The exact Bearer challenge JwtGate sends with an error (RFC 6750 §3). */
    static String bearerError(String error, String description) {
        return "Bearer realm=\"jwtgate\", error=\"" + error + "\", error_description=\"" + description + "\"";
    }

    /**
     * 401 {@code invalid_token} with exactly the RFC 6750 challenge carrying {@code description},
     * then the Basic challenge (the sample runs {@code basic-auth=warn}), nothing of the application.
     *
     * @param description the expected error_description
     */
    void invalidToken(String label, Answer answer, String description) {
        invalidToken(label, answer, description, true);
    }

    /** {@link #invalidToken} from a login endpoint: the RFC 6750 challenge alone, never Basic. */
    void invalidTokenAtLoginEndpoint(String label, Answer answer, String description) {
        invalidToken(label, answer, description, false);
    }

    private void invalidToken(String label, Answer answer, String description, boolean offersBasic) {
        java.util.Objects.requireNonNull(description, "the exact error_description is required");
        checked++;
        List<String> wrong = new ArrayList<>();
        common(answer, wrong);
        if (answer.status() != 401) {
            wrong.add("status " + answer.status() + " instead of 401");
        }
        if (!"invalid_token".equals(answer.field("error"))) {
            wrong.add("error is not invalid_token");
        }
        if (description != null && !description.equals(answer.field("error_description"))) {
            wrong.add("error_description is not '" + description + "'");
        }
        List<String> challenges = offersBasic ? List.of(bearerError("invalid_token", description),
                LOGIN_CHALLENGES.get(1)) : List.of(bearerError("invalid_token", description));
        if (!answer.challenges().equals(challenges)) {
            wrong.add("challenges are not " + challenges);
        }
        record(label, answer, wrong);
    }

    /**
     * 400 {@code invalid_request}: the Authorization grammar or the request's form is wrong; the
     * only challenge is the Bearer one with the body's description.
     */
    void invalidRequest(String label, Answer answer) {
        invalidRequest(label, answer, null);
    }

    /**
     * 400 {@code invalid_request} with the Bearer challenge.
     *
     * @param description the exact error_description, in the body and in the challenge; null for any
     */
    void invalidRequest(String label, Answer answer, String description) {
        checked++;
        List<String> wrong = new ArrayList<>();
        common(answer, wrong);
        if (answer.status() != 400) {
            wrong.add("status " + answer.status() + " instead of 400");
        }
        if (!"invalid_request".equals(answer.field("error"))) {
            wrong.add("error is not invalid_request");
        }
        // A 400 offers no Basic challenge; the Bearer one repeats the body's description exactly.
        String actual = answer.field("error_description");
        if (actual == null || actual.isEmpty()) {
            wrong.add("no error_description");
        } else if (!answer.challenges().equals(List.of(bearerError("invalid_request", actual)))) {
            wrong.add("challenges are not exactly [" + bearerError("invalid_request", actual) + "]");
        }
        if (description != null && !description.equals(actual)) {
            wrong.add("error_description is not '" + description + "'");
        }
        record(label, answer, wrong);
    }

    /** 401 {@code invalid_grant} from the login endpoint, word for word, with no token. */
    void invalidGrant(String label, Answer answer) {
        checked++;
        List<String> wrong = new ArrayList<>();
        common(answer, wrong);
        if (answer.status() != 401) {
            wrong.add("status " + answer.status() + " instead of 401");
        }
        if (!INVALID_GRANT_BODY.equals(answer.body())) {
            wrong.add("body is not the invalid_grant body");
        }
        if (!answer.challenges().equals(LOGIN_ENDPOINT_CHALLENGES)) {
            wrong.add("challenges are not " + LOGIN_ENDPOINT_CHALLENGES);
        }
        record(label, answer, wrong);
    }

    /** 400 {@code invalid_request} for a malformed request body: no challenge, no token. */
    void badRequest(String label, Answer answer) {
        checked++;
        List<String> wrong = new ArrayList<>();
        common(answer, wrong);
        if (answer.status() != 400) {
            wrong.add("status " + answer.status() + " instead of 400");
        }
        if (!"invalid_request".equals(answer.field("error"))) {
            wrong.add("error is not invalid_request");
        }
        if (answer.field("error_description") == null || answer.field("error_description").isEmpty()) {
            wrong.add("no error_description");
        }
        record(label, answer, wrong);
    }

    /** Exactly {@code status}, with nothing of the application and no token. */
    void refusedWith(int status, String label, Answer answer) {
        checked++;
        List<String> wrong = new ArrayList<>();
        common(answer, wrong);
        if (answer.status() != status) {
            wrong.add("status " + answer.status() + " instead of " + status);
        }
        record(label, answer, wrong);
    }

    /**
     * 401 {@code unauthorized}: no credentials, or credentials that did not authenticate (a failed
     * Basic check), on a protected path, with the plain Bearer and Basic challenges, word for word.
     */
    void unauthorized(String label, Answer answer) {
        checked++;
        List<String> wrong = new ArrayList<>();
        common(answer, wrong);
        if (answer.status() != 401) {
            wrong.add("status " + answer.status() + " instead of 401");
        }
        if (!UNAUTHORIZED_BODY.equals(answer.body())) {
            wrong.add("body is not the unauthorized body");
        }
        if (!answer.challenges().equals(LOGIN_CHALLENGES)) {
            wrong.add("challenges are not " + LOGIN_CHALLENGES);
        }
        record(label, answer, wrong);
    }

    /**
     * The container's own refusal of a request head over its default 8 KiB limit, before any
     * filter runs: Jetty 12 answers 431 (RFC 6585), Tomcat 11 answers 400, each with its own HTML
     * page and no challenge. JwtGate never sees these requests, so this is the exact answer per
     * container rather than JwtGate's.
     */
    void headTooLargeForTheContainer(String label, Answer answer) {
        checked++;
        List<String> wrong = new ArrayList<>();
        common(answer, wrong);
        int expected = container.equals(ContainerKind.JETTY.toString()) ? 431 : 400;
        if (answer.status() != expected) {
            wrong.add("status " + answer.status() + " instead of " + container + "'s " + expected);
        }
        if (!answer.challenges().isEmpty()) {
            wrong.add("a challenge from a container refusal: " + answer.challenges());
        }
        if (answer.body().startsWith("{")) {
            wrong.add("a JSON body: JwtGate answered, not the container");
        }
        record(label, answer, wrong);
    }

    /** 200 with {@code marker} from the application: a positive control. */
    void reached(String label, Answer answer, String marker) {
        checked++;
        List<String> wrong = new ArrayList<>();
        if (answer.status() != 200) {
            wrong.add("status " + answer.status() + " instead of 200");
        }
        if (!answer.body().contains(marker)) {
            wrong.add("the application's '" + marker + "' is missing");
        }
        record(label, answer, wrong);
    }

    /** Failures every refusal shares: a server error, or the application's own output. */
    private static void common(Answer answer, List<String> wrong) {
        if (answer.status() >= 500) {
            wrong.add("server error " + answer.status());
        }
        if (answer.reachedApplication()) {
            wrong.add("REACHED THE APPLICATION");
        }
        // JwtGate answers in JSON with fixed texts; a container's own error page (Tomcat's for an
        // oversized head, say) is the container's business, but must not show JwtGate's insides.
        if (answer.body().startsWith("{") && answer.body().toLowerCase(Locale.ROOT).contains("exception")) {
            wrong.add("exception text in the JSON body");
        }
        if (answer.body().contains("access_token") || answer.body().contains("refresh_token")) {
            wrong.add("A TOKEN WAS ISSUED");
        }
        if (answer.body().contains("io.jwtgate.")) {
            wrong.add("JwtGate class names in the body");
        }
    }

    private void record(String label, Answer answer, List<String> wrong) {
        if (!wrong.isEmpty()) {
            failures.add(label + ": " + String.join(", ", wrong) + " <- " + answer);
        }
    }

    /** Fails the test listing every wrong answer; also fails when nothing was checked. */
    void assertAll() {
        assertTrue(checked > 0, "no construction was checked");
        assertEquals(List.of(), failures, failures.size() + " of " + checked + " constructions wrongly answered in "
                + container);
    }
}
