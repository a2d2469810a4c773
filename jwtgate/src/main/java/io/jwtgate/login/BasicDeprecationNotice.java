package io.jwtgate.login;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.store.AuditLog;
import io.jwtgate.web.BasicNotice;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code warn} mode of {@code jwtgate.basic-auth}: every Basic answer carries
 * {@code Deprecation: @<epoch>} and {@code Sunset: <HTTP-date>}; a {@code basic_auth_used} audit
 * event is stored at most once per user and hour on each node, which is enough to see who still
 * uses Basic without one row per request.
 */
public final class BasicDeprecationNotice implements BasicNotice {

    private static final Duration AUDIT_EVERY = Duration.ofHours(1);

    private final String deprecation;
    private final String sunset;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Long> lastAudited = new ConcurrentHashMap<>();

    public BasicDeprecationNotice(Instant deprecation, Instant sunset, AuditLog audit, Clock clock) {
        this.deprecation = "@" + deprecation.getEpochSecond();
        this.sunset = DateTimeFormatter.RFC_1123_DATE_TIME.format(sunset.atOffset(ZoneOffset.UTC));
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void apply(HttpServletResponse response, JwtGateAuthentication caller, String address) {
        response.setHeader("Deprecation", deprecation);
        response.setHeader("Sunset", sunset);
        long now = clock.millis();
        Long last = lastAudited.get(caller.subject());
        if (last == null || now - last >= AUDIT_EVERY.toMillis()) {
            lastAudited.put(caller.subject(), now);
            audit.record("basic_auth_used", caller.username(), address, Map.of());
        }
    }
}
