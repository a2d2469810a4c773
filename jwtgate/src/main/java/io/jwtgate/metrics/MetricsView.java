package io.jwtgate.metrics;

import io.jwtgate.report.RefusalReason;
import java.util.LinkedHashMap;
import java.util.Map;

/** The MBean: reads {@link GateMetrics} and {@link Gauges} when JMX asks. */
final class MetricsView implements JwtGateMetricsMXBean {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final GateMetrics metrics;
    private final Gauges gauges;

    MetricsView(GateMetrics metrics, Gauges gauges) {
        this.metrics = metrics;
        this.gauges = gauges;
    }

    @Override
    public long getTokensIssued() {
        return metrics.count(Count.TOKENS_ISSUED);
    }

    @Override
    public long getTokensVerified() {
        return metrics.count(Count.TOKENS_VERIFIED);
    }

    @Override
    public long getTokensRefused() {
        return metrics.refusedTotal();
    }

    @Override
    public Map<String, Long> getTokensRefusedByReason() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (RefusalReason r : GateMetrics.CREDENTIAL_REFUSALS) {
            byReason.put(r.code(), metrics.refused(r));
        }
        return byReason;
    }

    @Override
    public long getTokensRevoked() {
        return metrics.count(Count.TOKENS_REVOKED);
    }

    @Override
    public long getLoginsSucceeded() {
        return metrics.count(Count.LOGINS_SUCCEEDED);
    }

    @Override
    public long getLoginsFailed() {
        return metrics.count(Count.LOGINS_FAILED);
    }

    @Override
    public long getLoginsLocked() {
        return metrics.count(Count.LOGINS_LOCKED);
    }

    @Override
    public long getRefreshes() {
        return metrics.count(Count.REFRESHES);
    }

    @Override
    public long getReuseDetections() {
        return metrics.count(Count.REUSE_DETECTIONS);
    }

    @Override
    public long getStoreErrors() {
        return metrics.count(Count.STORE_ERRORS);
    }

    @Override
    public int getRevocationStateSize() {
        return gauges.revocationStateSize().getAsInt();
    }

    @Override
    public double getRevocationStalenessSeconds() {
        return gauges.stalenessSeconds();
    }

    @Override
    public long getLoginCount() {
        return metrics.logins().count();
    }

    @Override
    public double getLoginTotalMillis() {
        return metrics.logins().totalNanos() / NANOS_PER_MILLI;
    }

    @Override
    public double getLoginMaxMillis() {
        return metrics.logins().maxNanos() / NANOS_PER_MILLI;
    }

    @Override
    public long getVerificationCount() {
        return metrics.verifications().count();
    }

    @Override
    public double getVerificationTotalMillis() {
        return metrics.verifications().totalNanos() / NANOS_PER_MILLI;
    }

    @Override
    public double getVerificationMaxMillis() {
        return metrics.verifications().maxNanos() / NANOS_PER_MILLI;
    }
}
