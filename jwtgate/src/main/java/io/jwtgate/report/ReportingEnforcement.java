package io.jwtgate.report;

import io.jwtgate.web.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@code report-only} mode: a refusal writes nothing to the response and the request passes
 * on; the refusal becomes a {@code would_refuse} event in the bounded {@link WouldRefuseAudit}.
 */
public final class ReportingEnforcement implements Enforcement {

    private final WouldRefuseAudit audit;
    private final TrustedProxies proxies;

    public ReportingEnforcement(WouldRefuseAudit audit, TrustedProxies proxies) {
        this.audit = audit;
        this.proxies = proxies;
    }

    @Override
    public boolean refuse(HttpServletResponse response, Refusal refusal) {
        HttpServletRequest request = refusal.request();
        String pathInfo = request.getPathInfo();
        // The dispatched path, as the rules saw it; getRequestURI would carry path parameters, and the
        // query string is left out altogether (it may hold a token the filter refused).
        String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
        audit.record(new WouldRefuse(refusal.rule() == null ? WouldRefuse.NO_RULE : refusal.rule().toString(),
                refusal.reason(), request.getMethod(), WouldRefuse.boundedPath(path), refusal.error().status(),
                proxies.clientAddress(request), refusal.username()));
        return false;
    }

    @Override
    public void close() {
        audit.flush();
    }
}
