package io.jwtgate.config;

import java.time.Duration;

/**
 * What JwtGate's own tokens say and how long they and their sessions live: the issuer, the audience
 * (configured or derived), the access- and refresh-token lifetimes, the session limits and the
 * accepted clock skew ({@code jwtgate.issuer}, {@code jwtgate.audience}, {@code jwtgate.*-ttl},
 * {@code jwtgate.session.*}, {@code jwtgate.clock-skew}) and the verified-token cache
 * ({@code jwtgate.token-cache.*}). Part of {@link Settings}.
 */
public final class TokenSettings {

    private final String issuer;
    private final String audience;
    private final String origins;
    private final Duration accessTokenTtl;
    private final Duration accessTokenMaxTtl;
    private final Duration refreshTokenTtl;
    private final Duration sessionMaxLifetime;
    private final int sessionMaxPerUser;
    private final Duration clockSkew;
    private final boolean cacheEnabled;
    private final int cacheMaxEntries;
    private final int cacheMaxBytes;

    /** @param contextPath the web application's context path, null outside a servlet context */
    TokenSettings(Values v, String contextPath) {
        issuer = v.string(Keys.ISSUER, "jwtgate");
        if (issuer.isEmpty()) {
            throw v.error(Keys.ISSUER, "the issuer must not be empty; leave it unset for 'jwtgate' or name your service");
        }
        String configuredAudience = v.optional(Keys.AUDIENCE);
        String audienceOrigin;
        if (configuredAudience != null) {
            audience = configuredAudience;
            audienceOrigin = v.origin(Keys.AUDIENCE);
        } else if (contextPath != null) {
            audience = Settings.applicationAudience(issuer, contextPath);
            audienceOrigin = "derived from the issuer and the context path";
        } else {
            // Without its trailing '/', so that it never equals the root application's "<issuer>/".
            audience = issuer.length() > 1 && issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            audienceOrigin = "default: the issuer, as no servlet context is known";
        }
        // Where the values that decide which tokens are accepted came from.
        origins = "issuer '" + issuer + "' from " + v.origin(Keys.ISSUER) + "; audience '" + audience + "' "
                + (configuredAudience != null ? "from " : "") + audienceOrigin;
        accessTokenTtl = v.positiveDuration(Keys.ACCESS_TOKEN_TTL, Duration.ofMinutes(15));
        accessTokenMaxTtl = v.positiveDuration(Keys.ACCESS_TOKEN_MAX_TTL, Duration.ofHours(24));
        if (accessTokenMaxTtl.compareTo(accessTokenTtl) < 0) {
            throw v.error(Keys.ACCESS_TOKEN_MAX_TTL, "the cap " + accessTokenMaxTtl + " is shorter than "
                    + Keys.ACCESS_TOKEN_TTL + " " + accessTokenTtl + "; raise the cap or shorten the TTL");
        }
        refreshTokenTtl = v.positiveDuration(Keys.REFRESH_TOKEN_TTL, Duration.ofDays(7));
        if (refreshTokenTtl.compareTo(accessTokenTtl) <= 0) {
            throw v.error(Keys.REFRESH_TOKEN_TTL, "the refresh-token TTL " + refreshTokenTtl
                    + " must be longer than " + Keys.ACCESS_TOKEN_TTL + " " + accessTokenTtl
                    + "; raise it or shorten the access-token TTL");
        }
        sessionMaxLifetime = v.positiveDuration(Keys.SESSION_MAX_LIFETIME, Duration.ofDays(30));
        if (sessionMaxLifetime.compareTo(refreshTokenTtl) < 0) {
            throw v.error(Keys.SESSION_MAX_LIFETIME, "the session lifetime " + sessionMaxLifetime
                    + " is shorter than " + Keys.REFRESH_TOKEN_TTL + " " + refreshTokenTtl + "; raise it");
        }
        sessionMaxPerUser = v.integer(Keys.SESSION_MAX_PER_USER, 100, 1, 1_000_000);
        clockSkew = v.duration(Keys.CLOCK_SKEW, Duration.ofSeconds(30));
        if (clockSkew.compareTo(Settings.MAX_CLOCK_SKEW) > 0) {
            throw v.error(Keys.CLOCK_SKEW, "a skew of " + clockSkew + " would keep expired tokens alive;"
                    + " use at most PT5M (the default is PT30S)");
        }
        cacheEnabled = v.bool(Keys.TOKEN_CACHE_ENABLED, true);
        cacheMaxEntries = v.integer(Keys.TOKEN_CACHE_MAX_ENTRIES, 10_000, 2, 1_000_000);
        cacheMaxBytes = v.integer(Keys.TOKEN_CACHE_MAX_BYTES, 16 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024);
    }

    public String issuer() {
        return issuer;
    }

    /**
     * The {@code aud} issued tokens carry and verified tokens must contain: {@code jwtgate.audience},
     * else derived from the issuer and the context path (see {@link Settings#from(java.util.List, String)}).
     */
    public String audience() {
        return audience;
    }

    /** Where the issuer and the audience came from, with their values, for {@link Settings#sources()}. */
    String origins() {
        return origins;
    }

    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    public Duration accessTokenMaxTtl() {
        return accessTokenMaxTtl;
    }

    public Duration refreshTokenTtl() {
        return refreshTokenTtl;
    }

    public Duration sessionMaxLifetime() {
        return sessionMaxLifetime;
    }

    /** How many live sessions a user may have; a new one beyond it revokes the oldest. */
    public int sessionMaxPerUser() {
        return sessionMaxPerUser;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    /** {@code jwtgate.token-cache.enabled}: whether tokens seen again skip verification (decision 610). */
    public boolean cacheEnabled() {
        return cacheEnabled;
    }

    /** {@code jwtgate.token-cache.max-entries}: the most tokens the cache holds. */
    public int cacheMaxEntries() {
        return cacheMaxEntries;
    }

    /** {@code jwtgate.token-cache.max-bytes}: the most bytes, by estimate, the cache holds. */
    public int cacheMaxBytes() {
        return cacheMaxBytes;
    }
}
