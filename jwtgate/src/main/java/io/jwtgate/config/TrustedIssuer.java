package io.jwtgate.config;

import io.jwtgate.issuers.ClaimPath;
import io.jwtgate.token.JwsAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One external identity provider whose access tokens the filter accepts, as configured by
 * {@code jwtgate.trusted-issuer.<name>.*} and validated at start (without any network access).
 *
 * @param name the configuration name ({@code keycloak} in {@code jwtgate.trusted-issuer.keycloak.issuer})
 * @param issuer the exact {@code iss} its tokens carry
 * @param audience the value their audience claim must hold
 * @param audienceClaim the claim that holds the audience: {@code aud}, or Cognito's {@code client_id}
 * @param jwksUri where its public keys are published (https, or http to a loopback address)
 * @param algorithms the asymmetric algorithms its tokens may be signed with
 * @param headerTypes the accepted header {@code typ} values, lower case, without {@code application/}
 * @param typAbsentAllowed whether a token without header {@code typ} is accepted
 * @param usernameClaim the claim that names the user
 * @param rolesClaim where the roles are
 * @param scopesClaim where the scopes are
 * @param minRefresh the shortest time between two fetches of the key set
 * @param cacheTtl how long a fetched key set is used before it is fetched again
 * @param connectTimeout the bound on connecting to the key set's host
 * @param readTimeout the bound on reading the key set
 * @param maxJwksBytes the largest key set document accepted
 */
public record TrustedIssuer(String name, String issuer, String audience, ClaimPath audienceClaim, URI jwksUri, Set<JwsAlgorithm> algorithms,
        Set<String> headerTypes, boolean typAbsentAllowed, ClaimPath usernameClaim, ClaimPath rolesClaim,
        ClaimPath scopesClaim, Duration minRefresh, Duration cacheTtl, Duration connectTimeout, Duration readTimeout,
        int maxJwksBytes) {

    public TrustedIssuer {
        algorithms = Set.copyOf(algorithms);
        headerTypes = Set.copyOf(headerTypes);
    }

    /** The configuration key of one of this issuer's fields. */
    public String key(String field) {
        return Keys.trustedIssuerKey(name, field);
    }
}
