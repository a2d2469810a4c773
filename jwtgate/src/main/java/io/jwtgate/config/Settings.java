package io.jwtgate.config;

import io.jwtgate.login.UsernamePolicy;
import io.jwtgate.password.TomcatDigest;
import io.jwtgate.rules.AccessRules;
import io.jwtgate.rules.RoleScopes;
import io.jwtgate.token.JwsAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.jwtgate.web.SameOriginRule;
import io.jwtgate.web.TrustedProxies;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one immutable configuration of a JwtGate instance (spec §2), built and validated once at
 * start-up from the ordered layers of {@link SettingsSources}. Every problem fails the build with
 * a {@link ConfigurationException} naming the key.
 */
public final class Settings {

    /** The largest {@code jwtgate.clock-skew} accepted; revocations outlive tokens by this much. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final KeySettings keys;
    private final TrustedIssuers trustedIssuers;
    private final String issuer;
    private final String audience;
    private final String sources;
    private final Duration accessTokenTtl;
    private final Duration accessTokenMaxTtl;
    private final Duration refreshTokenTtl;
    private final Duration sessionMaxLifetime;
    private final int sessionMaxPerUser;
    private final Duration clockSkew;
    private final String jdbcUrl;
    private final String jdbcUsername;
    private final String jdbcPassword;
    private final String jdbcDatasource;
    private final int jdbcPoolSize;
    private final Path dataDir;
    private final String contextPath;
    private final AccessRules rules;
    private final EnforcementMode enforcement;
    private final RoleScopes roleScopes;
    private final BasicAuthMode basicAuth;
    private final Instant basicAuthDeprecation;
    private final Instant basicAuthSunset;
    private final TrustedProxies trustedProxies;
    private final SameOriginRule sameOrigin;
    private final Set<String> registerRoles;
    private final int loginMaxFailures;
    private final Duration loginLockout;
    private final int loginAddressMaxFailures;
    private final int loginIpv6PrefixLength;
    private final int registerAddressMax;
    private final Duration registerWindow;
    private final Duration revocationRefreshInterval;
    private final int bcryptCost;
    private final int passwordMinScore;
    private final boolean registerEnabled;
    private final UsernamePolicy usernamePolicy;
    private final String realm;
    private final boolean rateLimitEnabled;
    private final int rateLimitBurst;
    private final int rateLimitPerMinute;
    private final boolean jaspicEnabled;
    private final boolean legacyAllowPlaintext;
    private final TomcatDigest legacyDigest;
    private final Optional<LegacyTable> legacyTable;
    private final boolean rulesConfigured;

    private Settings(Values v, String contextPath) {
        this.contextPath = contextPath;
        keys = KeySettings.from(v);
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
            audience = applicationAudience(issuer, contextPath);
            audienceOrigin = "derived from the issuer and the context path";
        } else {
            // Without its trailing '/', so that it never equals the root application's "<issuer>/".
            audience = issuer.length() > 1 && issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            audienceOrigin = "default: the issuer, as no servlet context is known";
        }
        // Where the values that decide which tokens are accepted came from; never the secret's value.
        sources = keys.origins() + "; issuer '" + issuer + "' from "
                + v.origin(Keys.ISSUER) + "; audience '" + audience + "' " + (configuredAudience != null
                ? "from " : "") + audienceOrigin;
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
        if (clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw v.error(Keys.CLOCK_SKEW, "a skew of " + clockSkew + " would keep expired tokens alive;"
                    + " use at most PT5M (the default is PT30S)");
        }
        jdbcUrl = v.optional(Keys.JDBC_URL);
        jdbcUsername = v.string(Keys.JDBC_USERNAME, "");
        jdbcPassword = v.raw(Keys.JDBC_PASSWORD) == null ? "" : v.raw(Keys.JDBC_PASSWORD);
        jdbcDatasource = v.optional(Keys.JDBC_DATASOURCE);
        if (jdbcUrl != null && jdbcDatasource != null) {
            throw v.error(Keys.JDBC_DATASOURCE, "both a JNDI DataSource and " + Keys.JDBC_URL
                    + " are set; keep only one of them");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
            throw v.error(Keys.JDBC_URL, "the URL must start with 'jdbc:', e.g. jdbc:postgresql://db/app");
        }
        jdbcPoolSize = v.integer(Keys.JDBC_POOL_SIZE, 10, 1, 200);
        dataDir = Path.of(v.string(Keys.DATA_DIR, Path.of(System.getProperty("user.home"), ".jwtgate").toString()));
        try {
            rulesConfigured = v.optional(Keys.RULES) != null;
            rules = AccessRules.parse(v.string(Keys.RULES, "/** -> authenticated"));
        } catch (IllegalArgumentException e) {
            throw v.error(Keys.RULES, e.getMessage());
        }
        enforcement = enforcement(v);
        try {
            String text = v.optional(Keys.ROLE_SCOPES);
            roleScopes = text == null ? RoleScopes.none() : RoleScopes.parse(text);
        } catch (IllegalArgumentException e) {
            throw v.error(Keys.ROLE_SCOPES, e.getMessage() + "; write e.g. 'admin=all:any; user=messages:read'");
        }
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
        registerRoles = new LinkedHashSet<>();
        for (String role : v.string(Keys.REGISTER_ROLES, "user").split("[,\\s]+")) {
            if (!role.isEmpty()) {
                if (!role.matches("[\\x21-\\x7e&&[^\"\\\\,;]]{1,64}")) {
                    throw v.error(Keys.REGISTER_ROLES, "'" + role + "' is not a role name; use visible ASCII");
                }
                registerRoles.add(role);
            }
        }
        loginMaxFailures = v.integer(Keys.LOGIN_MAX_FAILURES, 5, 1, 1000);
        loginLockout = v.positiveDuration(Keys.LOGIN_LOCKOUT, Duration.ofMinutes(5));
        loginAddressMaxFailures = v.integer(Keys.LOGIN_ADDRESS_MAX_FAILURES, 50, 1, 1_000_000);
        loginIpv6PrefixLength = v.integer(Keys.LOGIN_IPV6_PREFIX_LENGTH, 64, 1, 128);
        registerAddressMax = v.integer(Keys.REGISTER_ADDRESS_MAX, 20, 1, 1_000_000);
        registerWindow = v.positiveDuration(Keys.REGISTER_WINDOW, Duration.ofHours(1));
        revocationRefreshInterval = v.positiveDuration(Keys.REVOCATION_REFRESH_INTERVAL, Duration.ofSeconds(2));
        bcryptCost = v.integer(Keys.BCRYPT_COST, 12, 10, 30);
        passwordMinScore = v.integer(Keys.PASSWORD_MIN_SCORE, 3, 0, 4);
        registerEnabled = v.bool(Keys.REGISTER_ENABLED, false);
        try {
            usernamePolicy = UsernamePolicy.parse(v.string(Keys.USERNAME_CHARACTERS, UsernamePolicy.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw v.error(Keys.USERNAME_CHARACTERS, e.getMessage() + "; list classes (letters, digits, ascii-letters,"
                    + " ascii-digits) and single characters separated by spaces, e.g. '" + UsernamePolicy.DEFAULT + "'");
        }
        realm = v.string(Keys.REALM, "jwtgate");
        if (!realm.matches("[\\x20-\\x7e&&[^\"\\\\]]+")) {
            throw v.error(Keys.REALM, "the realm must be printable ASCII without quotes or backslashes");
        }
        // Validated even when the limit is off, so that switching it on cannot fail a later start.
        rateLimitEnabled = v.bool(Keys.RATE_LIMIT_ENABLED, true);
        rateLimitBurst = v.integer(Keys.RATE_LIMIT_BURST, 60, 1, 1_000_000);
        rateLimitPerMinute = v.integer(Keys.RATE_LIMIT_PER_MINUTE, 60, 1, 1_000_000);
        jaspicEnabled = v.bool(Keys.JASPIC_ENABLED, false);
        if (jaspicEnabled && enforcement == EnforcementMode.REPORT_ONLY) {
            // The container enforces its own constraints after the module: JwtGate cannot make it
            // let a request through, so report-only would promise what it cannot do (decision 291).
            throw new ConfigurationException(Keys.ENFORCEMENT, "report-only is a mode of JwtAuthFilter, but "
                    + Keys.JASPIC_ENABLED + "=true hands the decisions to the container's security constraints,"
                    + " which report-only cannot relax; run report-only with " + Keys.JASPIC_ENABLED
                    + "=false first, then switch to enforce and JASPIC");
        }
        legacyAllowPlaintext = v.bool(Keys.LEGACY_ALLOW_PLAINTEXT, false);
        legacyDigest = TomcatDigest.parse(v.string(Keys.LEGACY_DIGEST, "auto")).orElseThrow(() -> v.error(
                Keys.LEGACY_DIGEST, "is not an algorithm of Tomcat's MessageDigestCredentialHandler or"
                        + " SecretKeyCredentialHandler; use one of " + TomcatDigest.names()));
        legacyTable = LegacyTable.from(v);
        trustedIssuers = TrustedIssuers.from(v);
    }

    /**
     * Builds and validates the settings from the layers, highest precedence first, for code that
     * runs outside a servlet context ({@code JwtGate.start(settings)}): an unset audience is the
     * issuer itself (less a trailing {@code /}), which no audience derived for a web application
     * equals.
     */
    public static Settings from(List<ConfigSource> layers) {
        return new Settings(new Values(layers), null);
    }

    /**
     * Builds and validates the settings of the web application at {@code contextPath} (as
     * {@code ServletContext.getContextPath()} gives it, empty for the root): an
     * unset audience is {@link #applicationAudience derived} from the issuer and the context path,
     * so applications sharing a JVM-wide secret refuse each other's tokens.
     */
    public static Settings from(List<ConfigSource> layers, String contextPath) {
        return new Settings(new Values(layers), java.util.Objects.requireNonNull(contextPath));
    }

    /**
     * The default audience of the application at {@code contextPath}: the issuer (without a
     * trailing {@code /}) followed by the context path, or by {@code /} for the root context:
     * {@code jwtgate} and {@code /shop} give {@code jwtgate/shop}, the root {@code jwtgate/}.
     */
    public static String applicationAudience(String issuer, String contextPath) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return base + (contextPath.isEmpty() ? "/" : contextPath);
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

    private static EnforcementMode enforcement(Values v) {
        String mode = v.string(Keys.ENFORCEMENT, "enforce");
        return EnforcementMode.parse(mode).orElseThrow(() -> v.error(Keys.ENFORCEMENT,
                "'" + mode + "' is not a mode; use enforce (the default) or report-only"));
    }

    private static BasicAuthMode basicAuth(Values v) {
        String mode = v.string(Keys.BASIC_AUTH, "off").toUpperCase(Locale.ROOT);
        try {
            return BasicAuthMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw v.error(Keys.BASIC_AUTH, "'" + v.string(Keys.BASIC_AUTH, "") + "' is not a mode; use off, allow or warn");
        }
    }

    /** The signing and verification keys ({@code jwtgate.signing.*}, {@code jwtgate.verification.keys}). */
    public KeySettings keys() {
        return keys;
    }

    /** The external identity providers whose tokens the filter accepts ({@code jwtgate.trusted-issuer.*}). */
    public TrustedIssuers trustedIssuers() {
        return trustedIssuers;
    }

    /** The algorithm new tokens are signed with; short for {@code keys().algorithm()}. */
    public JwsAlgorithm algorithm() {
        return keys.algorithm();
    }

    public String issuer() {
        return issuer;
    }

    /**
     * The {@code aud} issued tokens carry and verified tokens must contain: {@code jwtgate.audience},
     * else derived from the issuer and the context path (see {@link #from(List, String)}).
     */
    public String audience() {
        return audience;
    }

    /**
     * Where the signing secret, the issuer and the audience came from (the layer, or default or
     * derived), with the issuer's and audience's values and never the secret's; logged at start.
     */
    public String sources() {
        return sources;
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

    public Optional<String> jdbcUrl() {
        return Optional.ofNullable(jdbcUrl);
    }

    public String jdbcUsername() {
        return jdbcUsername;
    }

    public String jdbcPassword() {
        return jdbcPassword;
    }

    public Optional<String> jdbcDatasource() {
        return Optional.ofNullable(jdbcDatasource);
    }

    public int jdbcPoolSize() {
        return jdbcPoolSize;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The context path of the web application these settings are for ({@code ""} for the root),
     * empty when they were built outside a servlet context; names the default H2 store.
     */
    public Optional<String> contextPath() {
        return Optional.ofNullable(contextPath);
    }

    public AccessRules rules() {
        return rules;
    }

    /** Whether the filter answers its refusals or only reports them ({@code jwtgate.enforcement}). */
    public EnforcementMode enforcement() {
        return enforcement;
    }

    /**
     * Whether {@code jwtgate.rules} was set in some source, rather than left at its default
     * {@code /** -> authenticated}: in JASPIC mode only rules set on purpose apply (decision 214).
     */
    public boolean rulesConfigured() {
        return rulesConfigured;
    }

    /**
     * Whether JwtGate is the container's Jakarta Authentication module ({@code jwtgate.jaspic.enabled}):
     * the container's own constraints then decide, and JwtAuthFilter passes requests on (decision 215).
     */
    public boolean jaspicEnabled() {
        return jaspicEnabled;
    }

    /**
     * Whether a legacy credential in no known digest format is a plain-text password
     * ({@code jwtgate.legacy.allow-plaintext}); off by default, so such a credential never matches.
     */
    public boolean legacyAllowPlaintext() {
        return legacyAllowPlaintext;
    }

    /** The Tomcat algorithm of legacy credentials whose text does not say it ({@code jwtgate.legacy.digest}). */
    public TomcatDigest legacyDigest() {
        return legacyDigest;
    }

    /** The existing realm table read in place at login, when {@code jwtgate.legacy.users-table} is set. */
    public Optional<LegacyTable> legacyTable() {
        return legacyTable;
    }

    public RoleScopes roleScopes() {
        return roleScopes;
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

    /** Roles given to self-registered users. */
    public Set<String> registerRoles() {
        return Set.copyOf(registerRoles);
    }

    public int loginMaxFailures() {
        return loginMaxFailures;
    }

    public Duration loginLockout() {
        return loginLockout;
    }

    public int loginAddressMaxFailures() {
        return loginAddressMaxFailures;
    }

    /** IPv6 clients are counted per network of this many bits (IPv4 per address). */
    public int loginIpv6PrefixLength() {
        return loginIpv6PrefixLength;
    }

    /** Registration attempts per client address group within {@link #registerWindow()}. */
    public int registerAddressMax() {
        return registerAddressMax;
    }

    public Duration registerWindow() {
        return registerWindow;
    }

    public Duration revocationRefreshInterval() {
        return revocationRefreshInterval;
    }

    public int bcryptCost() {
        return bcryptCost;
    }

    /** The zxcvbn score (0..4) a new password needs; 0 checks only the length rules. */
    public int passwordMinScore() {
        return passwordMinScore;
    }

    public boolean registerEnabled() {
        return registerEnabled;
    }

    /** Which characters a new username may hold ({@code jwtgate.username.characters}). */
    public UsernamePolicy usernamePolicy() {
        return usernamePolicy;
    }

    public String realm() {
        return realm;
    }

    /** Whether the per-address request limit of the token endpoints is on (decision 116). */
    public boolean rateLimitEnabled() {
        return rateLimitEnabled;
    }

    /** Requests one client address group may make at once to the token endpoints. */
    public int rateLimitBurst() {
        return rateLimitBurst;
    }

    /** Requests per minute an address group regains, up to {@link #rateLimitBurst()}. */
    public int rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    @Override
    public String toString() {
        // Never print the secret or the database password.
        return "Settings[algorithm=" + keys.algorithm() + ", issuer=" + issuer + ", audience=" + audience
                + ", accessTokenTtl=" + accessTokenTtl + ", jdbc=" + (jdbcDatasource != null ? "jndi:" + jdbcDatasource
                : jdbcUrl != null ? "url" : "h2:" + dataDir) + ", basicAuth=" + basicAuth + ", enforcement=" + enforcement
                + (jaspicEnabled ? ", jaspic=true" : "") + "]";
    }
}
