package io.jwtgate.web;

/** What the {@code Authorization} header carried, as a closed set of cases. */
public sealed interface Credentials {

    /** No Authorization header. */
    record None() implements Credentials { }

    /** {@code Bearer b64token}; the token is not verified yet. Its toString hides the token. */
    record Bearer(String token) implements Credentials {
        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }

    /** {@code Basic} user-id and password (RFC 7617, UTF-8). Its toString hides the password. */
    record Basic(String userId, String password) implements Credentials {
        @Override
        public String toString() {
            return "Basic[" + userId + ", ***]";
        }
    }

    /** A scheme JwtGate does not handle; treated like no credentials (RFC 6750 §3.1). */
    record OtherScheme(String scheme) implements Credentials { }

    /**
     * A header that breaks the grammar: a 400 {@code invalid_request}, except that a malformed
     * {@code Basic} header is no credentials at all while Basic is off (decision 53).
     *
     * @param basicScheme whether the header named the Basic scheme
     */
    record Malformed(String reason, boolean basicScheme) implements Credentials {

        public Malformed(String reason) {
            this(reason, false);
        }
    }

    Credentials NONE = new None();
}
