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
    public static final String ISSUER = "jwtgate.issuer";
    public static final String AUDIENCE = "jwtgate.audience";
    public static final String ACCESS_TOKEN_TTL = "jwtgate.access-token.ttl";
    public static final String ACCESS_TOKEN_MAX_TTL = "jwtgate.access-token.max-ttl";
    public static final String REFRESH_TOKEN_TTL = "jwtgate.refresh-token.ttl";
    public static final String SESSION_MAX_LIFETIME = "jwtgate.session.max-lifetime";
    public static final String SESSION_MAX_PER_USER = "jwtgate.session.max-per-user";
    public static final String CLOCK_SKEW = "jwtgate.clock-skew";
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
    public static final String REGISTER_ROLES = "jwtgate.register.roles";
    public static final String LOGIN_MAX_FAILURES = "jwtgate.login.max-failures";
    public static final String LOGIN_LOCKOUT = "jwtgate.login.lockout";
    public static final String LOGIN_ADDRESS_MAX_FAILURES = "jwtgate.login.address-max-failures";
    public static final String LOGIN_IPV6_PREFIX_LENGTH = "jwtgate.login.ipv6-prefix-length";
    public static final String REGISTER_ADDRESS_MAX = "jwtgate.register.address-max";
    public static final String REGISTER_WINDOW = "jwtgate.register.window";
    public static final String REVOCATION_REFRESH_INTERVAL = "jwtgate.revocation.refresh-interval";
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
            CONFIG, SIGNING_ALGORITHM, SIGNING_SECRET, ISSUER, AUDIENCE,
            ACCESS_TOKEN_TTL, ACCESS_TOKEN_MAX_TTL, REFRESH_TOKEN_TTL, SESSION_MAX_LIFETIME, SESSION_MAX_PER_USER,
            CLOCK_SKEW,
            JDBC_URL, JDBC_USERNAME, JDBC_PASSWORD, JDBC_DATASOURCE, JDBC_POOL_SIZE, DATA_DIR,
            RULES, ENFORCEMENT, ROLE_SCOPES, BASIC_AUTH, BASIC_AUTH_DEPRECATION, BASIC_AUTH_SUNSET, TRUSTED_PROXIES, ALLOWED_ORIGINS,
            LOGIN_MAX_FAILURES, LOGIN_LOCKOUT, LOGIN_ADDRESS_MAX_FAILURES, LOGIN_IPV6_PREFIX_LENGTH,
            REVOCATION_REFRESH_INTERVAL, BCRYPT_COST, PASSWORD_MIN_SCORE, REGISTER_ENABLED, REGISTER_ROLES,
            REGISTER_ADDRESS_MAX, REGISTER_WINDOW, USERNAME_CHARACTERS, REALM,
            RATE_LIMIT_ENABLED, RATE_LIMIT_BURST, RATE_LIMIT_PER_MINUTE, JASPIC_ENABLED,
            LEGACY_ALLOW_PLAINTEXT, LEGACY_DIGEST, LEGACY_USERS_TABLE, LEGACY_USER_COLUMN, LEGACY_CREDENTIAL_COLUMN,
            LEGACY_ROLES_TABLE, LEGACY_ROLE_COLUMN);

    /** Keys whose values must never appear in a message or log. */
    public static final Set<String> SECRET = Set.of(SIGNING_SECRET, JDBC_PASSWORD);

    private Keys() {
    }

    /** {@code jwtgate.access-token.ttl} becomes {@code JWTGATE_ACCESS_TOKEN_TTL}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
