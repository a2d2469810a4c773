package io.jwtgate.report;

import io.jwtgate.token.BadTokenException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.Authenticator;

/**
 * Why {@code JwtAuthFilter} refuses a request: the stable code a {@code would_refuse} audit event
 * carries in report-only mode (decision 247). Codes never change once released; operators group
 * and filter reports by them.
 */
public enum RefusalReason {
    /** 401: no usable credentials on a path whose rule needs a caller. */
    NO_CREDENTIALS("no_credentials"),
    /** 401: a Bearer token that is malformed, badly signed, for another issuer or audience, or not yet valid. */
    INVALID_TOKEN("invalid_token"),
    /** 401: a Bearer token past its {@code exp}. */
    EXPIRED_TOKEN("expired_token"),
    /** 401: a Bearer token whose {@code jti} or session was revoked. */
    REVOKED_TOKEN("revoked_token"),
    /** 401: Basic credentials with an unknown user or a wrong password. */
    INVALID_CREDENTIALS("invalid_credentials"),
    /** 429: Basic credentials for an account or client address that is locked out. */
    LOCKED_OUT("locked_out"),
    /** 400: a malformed Authorization header, or several of them. */
    INVALID_REQUEST("invalid_request"),
    /** 400: an {@code access_token} query parameter (RFC 6750 §2.3 tokens are refused outright). */
    QUERY_TOKEN("query_token"),
    /** 403: a state-changing Basic request from another site's page. */
    CROSS_ORIGIN_BASIC("cross_origin_basic"),
    /** 403: a state-changing request with JwtGate's session cookie but without the CSRF token or from another origin. */
    CSRF_REFUSED("csrf_refused"),
    /** 403: the caller lacks a role the rule requires. */
    FORBIDDEN("forbidden"),
    /** 403: the caller's token lacks a scope the rule requires. */
    INSUFFICIENT_SCOPE("insufficient_scope"),
    /** 403: the rule says {@code deny}. */
    DENIED("denied"),
    /** 400: the dispatched path holds an encoded semicolon, backslash, dot segment or control character. */
    PATH_REFUSED("path_refused");

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    /** The code stored in the audit event's {@code reason} detail. */
    public String code() {
        return code;
    }

    /** Why the credentials of a request were rejected, from the error the authenticator chose. */
    public static RefusalReason ofRejectedCredentials(AuthError error) {
        if (error.status() == 429) {
            return LOCKED_OUT;
        }
        if ("invalid_token".equals(error.error())) {
            if (BadTokenException.Reason.EXPIRED.description().equals(error.description())) {
                return EXPIRED_TOKEN;
            }
            if (BadTokenException.Reason.REVOKED.description().equals(error.description())) {
                return REVOKED_TOKEN;
            }
            return INVALID_TOKEN;
        }
        if (error.status() == 400) {
            return Authenticator.QUERY_TOKEN_REFUSED.equals(error.description()) ? QUERY_TOKEN : INVALID_REQUEST;
        }
        if (error.status() == 403) {
            return AuthError.csrfRefused().equals(error) ? CSRF_REFUSED : CROSS_ORIGIN_BASIC;
        }
        return INVALID_CREDENTIALS;
    }

    /** Why a rule refused a caller (or the lack of one), from the authorizer's error. */
    public static RefusalReason ofRuleDecision(AuthError error) {
        if (error.status() == 401) {
            return NO_CREDENTIALS;
        }
        return "insufficient_scope".equals(error.error()) ? INSUFFICIENT_SCOPE : FORBIDDEN;
    }

    @Override
    public String toString() {
        return code;
    }
}
