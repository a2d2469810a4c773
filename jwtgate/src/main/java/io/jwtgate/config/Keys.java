package io.jwtgate.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The configuration keys JwtGate understands; any other {@code jwtgate.*} key is a typo. */
public final class Keys {

    public static final String PREFIX = "jwtgate.";

    public static final String CONFIG = "jwtgate.config";
    public static final String SIGNING_ALGORITHM = "jwtgate.signing.algorithm";
    public static final String SIGNING_SECRET = "jwtgate.signing.secret";
    public static final String SIGNING_KEY = "jwtgate.signing.key";
    public static final String SIGNING_KEY_ID = "jwtgate.signing.key-id";
    public static final String SIGNING_KEY_PASSWORD = "jwtgate.signing.key-password";
    public static final String VERIFICATION_KEYS = "jwtgate.verification.keys";
    public static final String JWKS_MAX_AGE = "jwtgate.jwks.max-age";
    public static final String ISSUER = "jwtgate.issuer";
    public static final String AUDIENCE = "jwtgate.audience";
    public static final String ACCESS_TOKEN_TTL = "jwtgate.access-token.ttl";
    public static final String ACCESS_TOKEN_MAX_TTL = "jwtgate.access-token.max-ttl";
    public static final String REFRESH_TOKEN_TTL = "jwtgate.refresh-token.ttl";
    public static final String SESSION_MAX_LIFETIME = "jwtgate.session.max-lifetime";
    public static final String SESSION_MAX_PER_USER = "jwtgate.session.max-per-user";
    public static final String CLOCK_SKEW = "jwtgate.clock-skew";
    public static final String TOKEN_CACHE_ENABLED = "jwtgate.token-cache.enabled";
    public static final String TOKEN_CACHE_MAX_ENTRIES = "jwtgate.token-cache.max-entries";
    public static final String TOKEN_CACHE_MAX_BYTES = "jwtgate.token-cache.max-bytes";
    public static final String JDBC_URL = "jwtgate.jdbc.url";
    public static final String JDBC_USERNAME = "jwtgate.jdbc.username";
    public static final String JDBC_PASSWORD = "jwtgate.jdbc.password";
    public static final String JDBC_DATASOURCE = "jwtgate.jdbc.datasource";
    public static final String JDBC_POOL_SIZE = "jwtgate.jdbc.pool-size";
    public static final String DATA_DIR = "jwtgate.data-dir";
    public static final String RULES = "jwtgate.rules";
    public static final String ENFORCEMENT = "jwtgate.enforcement";
    public static final String ROLE_SCOPES = "jwtgate.role-scopes";
    public static final String BASIC_AUTH = "jwtgate.basic-auth";
    public static final String BASIC_AUTH_DEPRECATION = "jwtgate.basic-auth.deprecation";
    public static final String BASIC_AUTH_SUNSET = "jwtgate.basic-auth.sunset";
    public static final String TRUSTED_PROXIES = "jwtgate.trusted-proxies";
    public static final String ALLOWED_ORIGINS = "jwtgate.allowed-origins";
    public static final String COOKIE_ENABLED = "jwtgate.cookie.enabled";
    public static final String COOKIE_NAME = "jwtgate.cookie.name";
    public static final String COOKIE_INSECURE_LOCALHOST = "jwtgate.cookie.insecure-localhost";
    public static final String COOKIE_REFRESH_GRACE = "jwtgate.cookie.refresh-grace";
    public static final String COOKIE_LOGIN_PAGE = "jwtgate.cookie.login-page";
    public static final String REGISTER_ROLES = "jwtgate.register.roles";
    public static final String LOGIN_MAX_FAILURES = "jwtgate.login.max-failures";
    public static final String LOGIN_LOCKOUT = "jwtgate.login.lockout";
    public static final String LOGIN_ADDRESS_MAX_FAILURES = "jwtgate.login.address-max-failures";
    public static final String LOGIN_IPV6_PREFIX_LENGTH = "jwtgate.login.ipv6-prefix-length";
    public static final String REGISTER_ADDRESS_MAX = "jwtgate.register.address-max";
    public static final String REGISTER_WINDOW = "jwtgate.register.window";
    public static final String REVOCATION_REFRESH_INTERVAL = "jwtgate.revocation.refresh-interval";
    public static final String REVOCATION_MAX_STALENESS = "jwtgate.revocation.max-staleness";
    public static final String REVOCATION_PUSH = "jwtgate.revocation.push";
    public static final String AUDIT_RETENTION = "jwtgate.audit.retention";
    public static final String LOGIN_FAILURE_RETENTION = "jwtgate.login.failure-retention";
    public static final String METRICS_JMX = "jwtgate.metrics.jmx";
    public static final String METRICS_MICROMETER = "jwtgate.metrics.micrometer";
    public static final String BCRYPT_COST = "jwtgate.bcrypt.cost";
    public static final String PASSWORD_MIN_SCORE = "jwtgate.password.min-score";
    public static final String REGISTER_ENABLED = "jwtgate.register.enabled";
    public static final String USERNAME_CHARACTERS = "jwtgate.username.characters";
    public static final String REALM = "jwtgate.realm";
    public static final String RATE_LIMIT_ENABLED = "jwtgate.rate-limit.enabled";
    public static final String RATE_LIMIT_BURST = "jwtgate.rate-limit.burst";
    public static final String RATE_LIMIT_PER_MINUTE = "jwtgate.rate-limit.per-minute";
    public static final String JASPIC_ENABLED = "jwtgate.jaspic.enabled";
    public static final String LEGACY_ALLOW_PLAINTEXT = "jwtgate.legacy.allow-plaintext";
    public static final String LEGACY_DIGEST = "jwtgate.legacy.digest";
    public static final String LEGACY_USERS_TABLE = "jwtgate.legacy.users-table";
    public static final String LEGACY_USER_COLUMN = "jwtgate.legacy.user-column";
    public static final String LEGACY_CREDENTIAL_COLUMN = "jwtgate.legacy.credential-column";
    public static final String LEGACY_ROLES_TABLE = "jwtgate.legacy.roles-table";
    public static final String LEGACY_ROLE_COLUMN = "jwtgate.legacy.role-column";

    /** Every known key, in the order {@code docs/configuration.md} lists them. */
    public static final List<String> ALL = List.of(
            CONFIG, SIGNING_ALGORITHM, SIGNING_SECRET, SIGNING_KEY, SIGNING_KEY_ID, SIGNING_KEY_PASSWORD,
            VERIFICATION_KEYS, JWKS_MAX_AGE, ISSUER, AUDIENCE,
            ACCESS_TOKEN_TTL, ACCESS_TOKEN_MAX_TTL, REFRESH_TOKEN_TTL, SESSION_MAX_LIFETIME, SESSION_MAX_PER_USER,
            CLOCK_SKEW, TOKEN_CACHE_ENABLED, TOKEN_CACHE_MAX_ENTRIES, TOKEN_CACHE_MAX_BYTES,
            JDBC_URL, JDBC_USERNAME, JDBC_PASSWORD, JDBC_DATASOURCE, JDBC_POOL_SIZE, DATA_DIR,
            RULES, ENFORCEMENT, ROLE_SCOPES, BASIC_AUTH, BASIC_AUTH_DEPRECATION, BASIC_AUTH_SUNSET, TRUSTED_PROXIES, ALLOWED_ORIGINS,
            COOKIE_ENABLED, COOKIE_NAME, COOKIE_INSECURE_LOCALHOST, COOKIE_REFRESH_GRACE, COOKIE_LOGIN_PAGE,
            LOGIN_MAX_FAILURES, LOGIN_LOCKOUT, LOGIN_ADDRESS_MAX_FAILURES, LOGIN_IPV6_PREFIX_LENGTH,
            REVOCATION_REFRESH_INTERVAL, REVOCATION_MAX_STALENESS, REVOCATION_PUSH, AUDIT_RETENTION,
            LOGIN_FAILURE_RETENTION, METRICS_JMX, METRICS_MICROMETER, BCRYPT_COST, PASSWORD_MIN_SCORE, REGISTER_ENABLED, REGISTER_ROLES,
            REGISTER_ADDRESS_MAX, REGISTER_WINDOW, USERNAME_CHARACTERS, REALM,
            RATE_LIMIT_ENABLED, RATE_LIMIT_BURST, RATE_LIMIT_PER_MINUTE, JASPIC_ENABLED,
            LEGACY_ALLOW_PLAINTEXT, LEGACY_DIGEST, LEGACY_USERS_TABLE, LEGACY_USER_COLUMN, LEGACY_CREDENTIAL_COLUMN,
            LEGACY_ROLES_TABLE, LEGACY_ROLE_COLUMN);

    /**
     * Trusted external issuers are configured per name: {@code jwtgate.trusted-issuer.<name>.<field>},
     * the name of lower-case letters and digits (so that the environment variable
     * {@code JWTGATE_TRUSTED_ISSUER_<NAME>_<FIELD>} maps back to exactly one key).
     */
    public static final String TRUSTED_ISSUER_PREFIX = "jwtgate.trusted-issuer.";

    /**
     * The fields of one trusted issuer, in the order {@code docs/configuration.md} lists them.
     * {@code audience-claim} because Cognito access tokens carry no {@code aud}: their audience is
     * the {@code client_id} claim (decision 431).
     */
    public static final List<String> TRUSTED_ISSUER_FIELDS = List.of(
            "issuer", "audience", "audience-claim", "jwks-uri", "algorithms", "typ", "username-claim", "roles-claim", "scopes-claim",
            "min-refresh", "cache-ttl", "connect-timeout", "read-timeout", "max-jwks-bytes");

    private static final java.util.regex.Pattern ISSUER_NAME = java.util.regex.Pattern.compile("[a-z0-9]{1,32}");
    private static final String ISSUER_ENV_PREFIX = environmentName(TRUSTED_ISSUER_PREFIX);

    /** Keys whose values must never appear in a message or log. */
    public static final Set<String> SECRET = Set.of(SIGNING_SECRET, SIGNING_KEY_PASSWORD, JDBC_PASSWORD);

    private Keys() {
    }

    /** Whether {@code key} is one JwtGate understands: one of {@link #ALL} or a trusted issuer's field. */
    public static boolean isKnown(String key) {
        return ALL.contains(key) || trustedIssuerField(key) != null;
    }

    /** {@code jwtgate.trusted-issuer.<name>.<field>} for a valid name and a known field. */
    public static String trustedIssuerKey(String name, String field) {
        if (!ISSUER_NAME.matcher(name).matches() || !TRUSTED_ISSUER_FIELDS.contains(field)) {
            throw new IllegalArgumentException("not a trusted-issuer key: " + name + "." + field);
        }
        return TRUSTED_ISSUER_PREFIX + name + "." + field;
    }

    /** The name part of a trusted issuer's key, or null when {@code key} is not one. */
    public static String trustedIssuerName(String key) {
        String field = trustedIssuerField(key);
        return field == null ? null : key.substring(TRUSTED_ISSUER_PREFIX.length(), key.length() - field.length() - 1);
    }

    /** The field part of a trusted issuer's key, or null when {@code key} is not one. */
    public static String trustedIssuerField(String key) {
        if (!key.startsWith(TRUSTED_ISSUER_PREFIX)) {
            return null;
        }
        String rest = key.substring(TRUSTED_ISSUER_PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot < 0 || !ISSUER_NAME.matcher(rest.substring(0, dot)).matches()) {
            return null;
        }
        String field = rest.substring(dot + 1);
        return TRUSTED_ISSUER_FIELDS.contains(field) ? field : null;
    }

    /**
     * The key an environment variable names, or null when it names none: the fixed keys by
     * {@link #environmentName}, a trusted issuer's by {@code JWTGATE_TRUSTED_ISSUER_<NAME>_<FIELD>}.
     */
    public static String fromEnvironmentName(String variable) {
        for (String key : ALL) {
            if (environmentName(key).equals(variable)) {
                return key;
            }
        }
        if (!variable.startsWith(ISSUER_ENV_PREFIX)) {
            return null;
        }
        String rest = variable.substring(ISSUER_ENV_PREFIX.length());
        int cut = rest.indexOf('_');
        if (cut <= 0) {
            return null;
        }
        String name = rest.substring(0, cut);
        if (!name.equals(name.toUpperCase(Locale.ROOT))) {
            return null;
        }
        String fieldName = rest.substring(cut + 1);
        for (String field : TRUSTED_ISSUER_FIELDS) {
            if (environmentName(field).equals(fieldName)) {
                String lower = name.toLowerCase(Locale.ROOT);
                return ISSUER_NAME.matcher(lower).matches() ? TRUSTED_ISSUER_PREFIX + lower + "." + field : null;
            }
        }
        return null;
    }

    /** {@code jwtgate.access-token.ttl} becomes {@code JWTGATE_ACCESS_TOKEN_TTL}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
