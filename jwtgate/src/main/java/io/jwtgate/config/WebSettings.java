package io.jwtgate.config;

import io.jwtgate.web.SameOriginRule;
import io.jwtgate.web.TrustedProxies;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How requests reach JwtGate over HTTP: whether Basic credentials are accepted and when they are
 * deprecated and stop ({@code jwtgate.basic-auth*}), the realm of the challenges
 * ({@code jwtgate.realm}), which proxies may name the client address ({@code jwtgate.trusted-proxies})
 * and which origins may send state-changing Basic requests ({@code jwtgate.allowed-origins}).
 * Part of {@link Settings}.
 */
public final class WebSettings {

    private final BasicAuthMode basicAuth;
    private final Instant basicAuthDeprecation;
    private final Instant basicAuthSunset;
    private final TrustedProxies trustedProxies;
    private final SameOriginRule sameOrigin;
    private final String realm;

    WebSettings(Values v) {
        basicAuth = basicAuth(v);
        basicAuthDeprecation = instant(v, Keys.BASIC_AUTH_DEPRECATION);
        basicAuthSunset = instant(v, Keys.BASIC_AUTH_SUNSET);
        if (basicAuth == BasicAuthMode.WARN && (basicAuthDeprecation == null || basicAuthSunset == null)) {
            String missing = basicAuthDeprecation == null ? Keys.BASIC_AUTH_DEPRECATION : Keys.BASIC_AUTH_SUNSET;
            throw new ConfigurationException(missing, "basic-auth mode 'warn' announces when Basic was deprecated"
                    + " and when it stops; set both " + Keys.BASIC_AUTH_DEPRECATION + " and " + Keys.BASIC_AUTH_SUNSET
                    + " to dates such as 2026-01-01");
        }
        if (basicAuthDeprecation != null && basicAuthSunset != null && basicAuthSunset.isBefore(basicAuthDeprecation)) {
            throw v.error(Keys.BASIC_AUTH_SUNSET, "the sunset lies before the deprecation date; swap or fix them");
        }
        try {
            String proxies = v.optional(Keys.TRUSTED_PROXIES);
            trustedProxies = proxies == null ? TrustedProxies.none() : TrustedProxies.parse(proxies);
        } catch (IllegalArgumentException e) {
            throw v.error(Keys.TRUSTED_PROXIES, e.getMessage() + "; list addresses or blocks like 10.0.0.0/8, ::1");
        }
        try {
            String origins = v.optional(Keys.ALLOWED_ORIGINS);
            sameOrigin = origins == null ? SameOriginRule.ownOriginOnly() : SameOriginRule.parse(origins);
        } catch (IllegalArgumentException e) {
            throw v.error(Keys.ALLOWED_ORIGINS, e.getMessage());
        }
        realm = v.string(Keys.REALM, "jwtgate");
        if (!realm.matches("[\\x20-\\x7e&&[^\"\\\\]]+")) {
            throw v.error(Keys.REALM, "the realm must be printable ASCII without quotes or backslashes");
        }
    }

    /** A date (midnight UTC) or an RFC 3339 instant; null when unset. */
    private static Instant instant(Values v, String key) {
        String value = v.optional(key);
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw v.error(key, "'" + value + "' is not a date; write e.g. 2026-06-30 or 2026-06-30T00:00:00Z");
        }
    }

    private static BasicAuthMode basicAuth(Values v) {
        String mode = v.string(Keys.BASIC_AUTH, "off").toUpperCase(Locale.ROOT);
        try {
            return BasicAuthMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw v.error(Keys.BASIC_AUTH, "'" + v.string(Keys.BASIC_AUTH, "") + "' is not a mode; use off, allow or warn");
        }
    }

    public BasicAuthMode basicAuth() {
        return basicAuth;
    }

    /** When Basic was deprecated (the {@code Deprecation} header), or null. */
    public Instant basicAuthDeprecation() {
        return basicAuthDeprecation;
    }

    /** When Basic stops (the {@code Sunset} header), or null. */
    public Instant basicAuthSunset() {
        return basicAuthSunset;
    }

    public TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    /**
     * Where requests authenticated by Basic that change state may come from: the site's own
     * origin and {@code jwtgate.allowed-origins}.
     */
    public SameOriginRule sameOrigin() {
        return sameOrigin;
    }

    public String realm() {
        return realm;
    }
}
