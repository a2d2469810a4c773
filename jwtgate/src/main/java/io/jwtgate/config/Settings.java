package io.jwtgate.config;

import io.jwtgate.token.JwsAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one immutable configuration of a JwtGate instance (spec §2), built and validated once at
 * start-up from the ordered layers of {@link SettingsSources}. Every problem fails the build with
 * a {@link ConfigurationException} naming the key.
 *
 * <p>Each concern is its own class, built here in a fixed order (decision 405): the keys, the
 * tokens, the store, the rules, the web, the login, the legacy realm, the trusted issuers, the
 * browser cookies. A new setting goes into the class of its concern, a new concern into a new
 * class with one accessor here.
 */
public final class Settings {

    /** The largest {@code jwtgate.clock-skew} accepted; revocations outlive tokens by this much. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final String contextPath;
    private final KeySettings keys;
    private final TokenSettings tokens;
    private final String sources;
    private final StoreSettings store;
    private final MetricsSettings metrics;
    private final RuleSettings rules;
    private final WebSettings web;
    private final LoginSettings login;
    private final LegacySettings legacy;
    private final TrustedIssuers trustedIssuers;
    private final CookieSettings cookies;

    private Settings(Values v, String contextPath) {
        this.contextPath = contextPath;
        keys = KeySettings.from(v);
        tokens = new TokenSettings(v, contextPath);
        // Where the values that decide which tokens are accepted came from; never the secret's value.
        sources = keys.origins() + "; " + tokens.origins();
        store = new StoreSettings(v);
        metrics = new MetricsSettings(v);
        rules = new RuleSettings(v);
        web = new WebSettings(v);
        login = new LoginSettings(v);
        legacy = new LegacySettings(v);
        trustedIssuers = TrustedIssuers.from(v);
        // Last: it checks itself against the token lifetimes and the JASPIC switch.
        cookies = new CookieSettings(v, tokens, rules);
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
        return new Settings(new Values(layers), Objects.requireNonNull(contextPath));
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

    /** Issuer, audience, token and session lifetimes, clock skew. */
    public TokenSettings tokens() {
        return tokens;
    }

    /** The database ({@code jwtgate.jdbc.*}, {@code jwtgate.data-dir}) and the revocation refresh. */
    public StoreSettings store() {
        return store;
    }

    /** Where counters and timers are published ({@code jwtgate.metrics.*}). */
    public MetricsSettings metrics() {
        return metrics;
    }

    /** The access rules, their enforcement, the role scopes and JASPIC. */
    public RuleSettings rules() {
        return rules;
    }

    /** Basic authentication, the realm, trusted proxies and allowed origins. */
    public WebSettings web() {
        return web;
    }

    /** Lock-outs, registration, passwords, usernames and the token endpoints' rate limit. */
    public LoginSettings login() {
        return login;
    }

    /** Browser sessions in cookies ({@code jwtgate.cookie.*}); off by default. */
    public CookieSettings cookies() {
        return cookies;
    }

    /** How legacy realm credentials are read ({@code jwtgate.legacy.*}). */
    public LegacySettings legacy() {
        return legacy;
    }

    /**
     * Where the signing secret, the issuer and the audience came from (the layer, or default or
     * derived), with the issuer's and audience's values and never the secret's; logged at start.
     */
    public String sources() {
        return sources;
    }

    /**
     * The context path of the web application these settings are for ({@code ""} for the root),
     * empty when they were built outside a servlet context; names the default H2 store.
     */
    public Optional<String> contextPath() {
        return Optional.ofNullable(contextPath);
    }

    @Override
    public String toString() {
        // Never print the secret or the database password.
        return "Settings[algorithm=" + keys.algorithm() + ", issuer=" + tokens.issuer() + ", audience="
                + tokens.audience() + ", accessTokenTtl=" + tokens.accessTokenTtl() + ", jdbc=" + store.describe()
                + ", basicAuth=" + web.basicAuth() + ", enforcement=" + rules.enforcement()
                + (rules.jaspicEnabled() ? ", jaspic=true" : "") + "]";
    }
}
