package io.jwtgate.web;

/**
 * Checks HTTP Basic user-id and password. One method, so the filter does not know how (bcrypt,
 * caching, lockout) it is done.
 */
@FunctionalInterface
public interface BasicCredentialsChecker {

    /**
     * @param address the client address failures are counted under
     * @return {@link AuthOutcome.Authenticated}, or {@link AuthOutcome.Rejected} with 401 or 429;
     *     throws only for store faults
     */
    AuthOutcome check(String userId, String password, String address);
}
