package io.jwtgate.metrics;

import java.util.Map;

/**
 * JwtGate's counters, timers and gauges over JMX, as {@code io.jwtgate:type=Metrics,context="/app"}
 * (one per application; {@code context="none"} outside a servlet container). Counters count since
 * the application started; times are in milliseconds.
 */
public interface JwtGateMetricsMXBean {

    long getTokensIssued();

    long getTokensVerified();

    /** Credentials refused by the filter, all reasons together. */
    long getTokensRefused();

    /** Credentials refused by the filter per reason: {@code invalid_token}, {@code expired_token}, {@code revoked_token}, … */
    Map<String, Long> getTokensRefusedByReason();

    long getTokensRevoked();

    long getLoginsSucceeded();

    long getLoginsFailed();

    long getLoginsLocked();

    long getRefreshes();

    long getReuseDetections();

    long getStoreErrors();

    /** Revocations this node holds in memory. */
    int getRevocationStateSize();

    /** Seconds since this node last read the revocations from the store. */
    double getRevocationStalenessSeconds();

    long getLoginCount();

    double getLoginTotalMillis();

    double getLoginMaxMillis();

    long getVerificationCount();

    double getVerificationTotalMillis();

    double getVerificationMaxMillis();
}
