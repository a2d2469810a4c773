package io.jwtgate.web;

import io.jwtgate.JwtGateAuthentication;

/** The result of looking at a request's credentials. */
public sealed interface AuthOutcome {

    /** No usable credentials: the rules decide whether that is enough. */
    record Anonymous() implements AuthOutcome { }

    /** Credentials checked and good. */
    record Authenticated(JwtGateAuthentication authentication) implements AuthOutcome { }

    /** Credentials present and bad (or the request malformed): answer with the error. */
    record Rejected(AuthError error) implements AuthOutcome { }

    AuthOutcome ANONYMOUS = new Anonymous();
}
