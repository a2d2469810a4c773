package io.jwtgate.metrics;

import io.jwtgate.report.RefusalReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JwtGate's meters in Micrometer's global registry, removed again on close. The only class that
 * names Micrometer: {@link Monitoring} loads it only after finding Micrometer on the class path, so
 * an application without Micrometer never resolves it.
 *
 * <p>The meters read JwtGate's own counters when the registry publishes (function counters and
 * timers), so recording stays a {@code LongAdder} increment either way.
 */
final class MicrometerMeters implements Registration {

    private final MeterRegistry registry;
    private final List<Meter> meters;

    private MicrometerMeters(MeterRegistry registry, List<Meter> meters) {
        this.registry = registry;
        this.meters = meters;
    }

    /** Registers every meter, tagged {@code context=<context>}, in {@code Metrics.globalRegistry}. */
    static MicrometerMeters register(GateMetrics metrics, Gauges gauges, String context) {
        MeterRegistry registry = io.micrometer.core.instrument.Metrics.globalRegistry;
        Tags tags = Tags.of("context", context);
        List<Meter> meters = new ArrayList<>();
        for (Count c : Count.values()) {
            meters.add(FunctionCounter.builder(c.meterName(), metrics, m -> m.count(c))
                    .description(c.description()).tags(tags).register(registry));
        }
        for (RefusalReason r : GateMetrics.CREDENTIAL_REFUSALS) {
            meters.add(FunctionCounter.builder("jwtgate.tokens.refused", metrics, m -> m.refused(r))
                    .description("credentials the filter refused, by reason").tags(tags).tag("reason", r.code())
                    .register(registry));
        }
        meters.add(Gauge.builder("jwtgate.revocations.size", gauges, g -> g.revocationStateSize().getAsInt())
                .description("revocations this node holds in memory").tags(tags).register(registry));
        meters.add(TimeGauge.builder("jwtgate.revocations.staleness", gauges, TimeUnit.SECONDS, Gauges::stalenessSeconds)
                .description("time since this node last read the revocations from the store").tags(tags)
                .register(registry));
        timer(meters, registry, tags, "jwtgate.login", "password logins, bcrypt included", metrics.logins());
        timer(meters, registry, tags, "jwtgate.verification", "credential checks in the filter", metrics.verifications());
        return new MicrometerMeters(registry, meters);
    }

    private static void timer(List<Meter> meters, MeterRegistry registry, Tags tags, String name, String description,
            TimerStats stats) {
        meters.add(FunctionTimer.builder(name, stats, TimerStats::count, TimerStats::totalNanos, TimeUnit.NANOSECONDS)
                .description(description).tags(tags).register(registry));
        meters.add(TimeGauge.builder(name + ".max", stats, TimeUnit.NANOSECONDS, TimerStats::maxNanos)
                .description("the longest since start: " + description).tags(tags).register(registry));
    }

    @Override
    public void close() {
        for (Meter m : meters) {
            registry.remove(m);
        }
    }
}
