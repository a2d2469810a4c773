package io.jwtgate.report;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What {@code JwtAuthFilter} does with a refusal, chosen once at start from
 * {@code jwtgate.enforcement} (decision 245): {@link #enforcing} writes the error answer,
 * {@link ReportingEnforcement} audits a {@code would_refuse} event and lets the request pass. Every
 * refusal point of the filter goes through {@link #refuse}, so the two modes cannot drift apart and
 * the enforcing path asks no "which mode?" question per request.
 */
public interface Enforcement extends AutoCloseable {

    /**
     * @return true when the refusal was answered and the request must stop here; false when it was
     *     only reported and the request passes on
     */
    boolean refuse(HttpServletResponse response, Refusal refusal) throws IOException;

    /** Writes out whatever a reporting implementation still holds (counts of suppressed events). */
    @Override
    default void close() {
    }

    /** Answers every refusal with its error (the {@code enforce} mode). */
    static Enforcement enforcing(io.jwtgate.web.ErrorWriter errors) {
        return (response, refusal) -> {
            if (refusal.offerBasic()) {
                errors.writeOfferingBasic(response, refusal.error());
            } else {
                errors.write(response, refusal.error());
            }
            return true;
        };
    }
}
