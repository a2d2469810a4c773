package io.jwtgate.issuers;

import io.jwtgate.config.TrustedIssuer;
import io.jwtgate.config.TrustedIssuers;
import io.jwtgate.token.RevocationCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds one {@link ExternalTokenVerifier} per configured trusted issuer; fetches nothing (keys come lazily). */
public final class TrustedIssuerVerifiers {

    private TrustedIssuerVerifiers() {
    }

    /**
     * @param maxRemainingLifetime {@code jwtgate.access-token.max-ttl}: no accepted token lives longer
     *     than a revocation is kept
     * @param watchdog ends fetches past their deadline; the caller closes it with JwtGate
     */
    public static List<ExternalTokenVerifier> create(TrustedIssuers issuers, KeySetParser parser, Duration clockSkew,
            Duration maxRemainingLifetime, Clock clock, RevocationCheck revocations, FetchWatchdog watchdog) {
        List<ExternalTokenVerifier> verifiers = new ArrayList<>();
        for (TrustedIssuer issuer : issuers.all()) {
            JwksClient client = new JwksClient(issuer.jwksUri(), issuer.connectTimeout(), issuer.readTimeout(),
                    issuer.maxJwksBytes(), watchdog);
            RemoteKeySet keys = new RemoteKeySet(issuer.name(), client, parser, issuer.algorithms(), clock,
                    issuer.minRefresh(), issuer.cacheTtl());
            verifiers.add(new ExternalTokenVerifier(issuer, keys, clockSkew, maxRemainingLifetime, clock, revocations));
        }
        return verifiers;
    }
}
