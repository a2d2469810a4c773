package io.jwtgate.metrics;

/** JwtGate's counters: the Micrometer meter name and the MBean attribute of each. */
public enum Count {
    TOKENS_ISSUED("jwtgate.tokens.issued", "access tokens issued (logins, refreshes, minted tokens)"),
    TOKENS_VERIFIED("jwtgate.tokens.verified", "Bearer tokens that passed verification in the filter"),
    TOKENS_REVOKED("jwtgate.tokens.revoked", "tokens and sessions revoked (logout, revocation endpoints, session limit)"),
    LOGINS_SUCCEEDED("jwtgate.logins.succeeded", "password logins that succeeded"),
    LOGINS_FAILED("jwtgate.logins.failed", "password logins that failed"),
    LOGINS_LOCKED("jwtgate.logins.locked", "lockouts begun (an account or address reached its failure limit)"),
    REFRESHES("jwtgate.refreshes", "refresh tokens exchanged for new tokens"),
    REUSE_DETECTIONS("jwtgate.refresh.reuse", "spent refresh tokens presented again (the family was revoked)"),
    STORE_ERRORS("jwtgate.store.errors", "requests answered 503 because the store could not be reached");

    private final String meterName;
    private final String description;

    Count(String meterName, String description) {
        this.meterName = meterName;
        this.description = description;
    }

    /** The Micrometer meter name. */
    public String meterName() {
        return meterName;
    }

    public String description() {
        return description;
    }
}
