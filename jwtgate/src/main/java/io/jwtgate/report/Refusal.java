package io.jwtgate.report;

import io.jwtgate.rules.AccessRule;
import io.jwtgate.web.AuthError;
import jakarta.servlet.http.HttpServletRequest;

/**
 * One refusal {@code JwtAuthFilter} decided: what it answers when enforcing, and what a
 * {@code would_refuse} event reports otherwise.
 *
 * <p>A class rather than a record on purpose: the Eclipse Transformer that builds
 * {@code jwtgate-javax} leaves the servlet type in a record's {@code Record} attribute untouched,
 * so the javax jar would still name {@code jakarta.servlet} (decision 253).
 */
public final class Refusal {

    private final RefusalReason reason;
    private final AuthError error;
    private final boolean offerBasic;
    private final AccessRule rule;
    private final HttpServletRequest request;
    private final String username;

    /**
     * @param reason the stable reason code
     * @param error the answer an enforcing filter writes
     * @param offerBasic whether a 401 also offers the Basic challenge (on guarded application paths)
     * @param rule the matched rule; null when the path was refused before any rule could match
     * @param request the refused request (read for its method, dispatched path and client address)
     * @param username the authenticated caller a rule refused; null when there is none
     */
    public Refusal(RefusalReason reason, AuthError error, boolean offerBasic, AccessRule rule,
            HttpServletRequest request, String username) {
        this.reason = reason;
        this.error = error;
        this.offerBasic = offerBasic;
        this.rule = rule;
        this.request = request;
        this.username = username;
    }

    public RefusalReason reason() {
        return reason;
    }

    public AuthError error() {
        return error;
    }

    public boolean offerBasic() {
        return offerBasic;
    }

    /** Null when the path was refused before any rule could match. */
    public AccessRule rule() {
        return rule;
    }

    public HttpServletRequest request() {
        return request;
    }

    /** Null unless an authenticated caller was refused by a rule. */
    public String username() {
        return username;
    }
}
