package io.jwtgate.report;

import io.jwtgate.rules.AccessRule;
import io.jwtgate.web.AuthError;
import jakarta.servlet.http.HttpServletRequest;

/**
 * One refusal {@code JwtAuthFilter} decided: what it answers when enforcing, and what a
 * {@code would_refuse} event reports otherwise.
 *
 * @param reason the stable reason code
 * @param error the answer an enforcing filter writes
 * @param offerBasic whether a 401 also offers the Basic challenge (on guarded application paths)
 * @param rule the matched rule; null when the path was refused before any rule could match
 * @param request the refused request (read for its method, dispatched path and client address)
 * @param username the authenticated caller a rule refused; null when there is none
 */
public record Refusal(RefusalReason reason, AuthError error, boolean offerBasic, AccessRule rule,
        HttpServletRequest request, String username) {
}
