package io.jwtgate;

import io.jwtgate.config.BasicAuthMode;
import io.jwtgate.config.EnforcementMode;
import io.jwtgate.config.Keys;
import io.jwtgate.config.Settings;
import io.jwtgate.config.SigningKeys;
import io.jwtgate.issuers.BearerVerifier;
import io.jwtgate.issuers.RemoteJwks;
import io.jwtgate.issuers.FetchWatchdog;
import io.jwtgate.issuers.TrustedIssuerVerifiers;
import io.jwtgate.keys.JwksDocument;
import io.jwtgate.legacy.LegacyRealm;
import io.jwtgate.legacy.RealmAdoption;
import io.jwtgate.login.Accounts;
import io.jwtgate.login.BasicCache;
import io.jwtgate.login.BasicDeprecationNotice;
import io.jwtgate.login.AuditedRateLimit;
import io.jwtgate.login.BasicFailureAudit;
import io.jwtgate.login.CredentialChecker;
import io.jwtgate.login.LegacyAccounts;
import io.jwtgate.login.LoginService;
import io.jwtgate.login.LoginThrottle;
import io.jwtgate.login.PasswordChange;
import io.jwtgate.login.PasswordHasher;
import io.jwtgate.login.PasswordStrength;
import io.jwtgate.login.Registration;
import io.jwtgate.login.RegistrationThrottle;
import io.jwtgate.login.StoreBasicChecker;
import io.jwtgate.login.TokenMinting;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.metrics.Gauges;
import io.jwtgate.metrics.Metrics;
import io.jwtgate.metrics.Monitoring;
import io.jwtgate.password.LegacyCredentials;
import io.jwtgate.report.Enforcement;
import io.jwtgate.report.ReportingEnforcement;
import io.jwtgate.report.WouldRefuseAudit;
import io.jwtgate.session.Maintenance;
import io.jwtgate.session.PgRevocationListener;
import io.jwtgate.session.RetentionPurge;
import io.jwtgate.session.RevocationPush;
import io.jwtgate.session.Revocations;
import io.jwtgate.session.SessionService;
import io.jwtgate.session.TokenRevocation;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.SessionStore;
import io.jwtgate.store.UserStore;
import io.jwtgate.token.AccessTokenIssuer;
import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.BoundedTokenCache;
import io.jwtgate.token.VerifiedTokenCache;
import io.jwtgate.token.KeyRing;
import io.jwtgate.web.AddressRateLimit;
import io.jwtgate.web.Authenticator;
import io.jwtgate.web.BasicNotice;
import io.jwtgate.web.ErrorWriter;
import io.jwtgate.web.TokenBucketRateLimit;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.time.Clock;

/**
 * One running JwtGate: settings, keys, store and services, wired once and shared by the filter
 * and the servlet of a web application (through a servlet-context attribute, never a static; the
 * attribute holds an opaque holder, so expression language in a page cannot reach these methods).
 * Disabled features are wired as no-op objects here so the request path never asks "is X on?".
 */
public final class JwtGate implements AutoCloseable {

    /** Request attribute of {@link #markJudgedByModule}. */
    private static final String MODULE_JUDGED_ATTRIBUTE = JwtGate.class.getName() + ".judgedByModule";

    /**
     * Context attribute through which set-up code (a {@code ServletContextListener} that runs
     * before the JwtGate filter and servlet) hands over a {@code Map<String, String>} of
     * {@code jwtgate.*} keys to values that must not stay readable in the application, such as a
     * signing secret it fetched itself: context-params are readable by expression language in any
     * page as {@code ${initParam[...]}}. JwtGate reads the map once at start as the layer
     * "set-up code" (below system properties and environment, above init-params) and removes the
     * attribute (decision 151).
     */
    public static final String PRIVATE_SETTINGS_ATTRIBUTE = "io.jwtgate.private-settings";

    private final Settings settings;
    private final Clock clock;
    private final Database database;
    private final Maintenance maintenance;
    private final Monitoring monitoring;
    private final RevocationPush push;
    private final FetchWatchdog fetchWatchdog = new FetchWatchdog();
    private final AccessTokenIssuer issuer;
    private final AccessTokenVerifier verifier;
    private final Revocations revocations;
    private final Accounts accounts;
    private final LoginService login;
    private final SessionService sessions;
    private final PasswordChange passwordChange;
    private final Registration registration;
    private final TokenMinting minting;
    private final Authenticator authenticator;
    private final BasicNotice basicNotice;
    private final ErrorWriter errors;
    private final Enforcement enforcement;
    private final AddressRateLimit rateLimit;
    private final TokenRevocation tokenRevocation;
    private final ServletSecurityApi servletSecurity;
    private final JwksDocument publishedKeys;
    // Only this instance holds the value: an application cannot forge "the module judged it" (decision 306).
    private final Object moduleMarker = new Object();

    private JwtGate(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        KeyRing keys = SigningKeys.keyRing(settings);
        // Keys change only with a restart: the published set is serialized once (decision 418).
        this.publishedKeys = JwksDocument.of(keys.publishedKeys(), settings.keys().jwksMaxAge());
        String audience = settings.tokens().audience();
        PasswordHasher hasher = new PasswordHasher(settings.login().bcryptCost());
        this.database = Database.open(settings, clock);
        Monitoring startedMonitoring = null;
        try {
            RevocationStore revocationStore = new RevocationStore(database, settings.store().revocationPush());
            SessionStore sessionStore = new SessionStore(database);
            LoginFailureStore failures = new LoginFailureStore(database);
            UserStore users = new UserStore(database, clock, UsernameKey::of);
            users.backfillNameKeys();
            BasicCache basicCache = new BasicCache(clock, settings.store().revocationMaxStaleness());
            this.revocations = new Revocations(revocationStore, clock, settings.store().revocationRefreshInterval(),
                    settings.tokens().accessTokenMaxTtl(), BasicCache.TTL.plus(Settings.MAX_CLOCK_SKEW),
                    settings.store().revocationMaxStaleness());
            revocations.onCredentialsChanged(basicCache::invalidate);
            revocations.refresh();
            startedMonitoring = Monitoring.start(settings.metrics(), settings.contextPath(),
                    new Gauges(revocations::size, revocations::staleness));
            this.monitoring = startedMonitoring;
            // Logins, lockouts, issued, refreshed, revoked and reuse are all audited: counted there.
            AuditLog audit = new AuditLog(database, clock, monitoring.metrics()::auditEvent);
            this.issuer = new AccessTokenIssuer(keys, settings.tokens().issuer(), audience, clock);
            this.verifier = new AccessTokenVerifier(keys, settings.tokens().issuer(), audience, settings.tokens().clockSkew(),
                    settings.tokens().accessTokenMaxTtl(), clock, revocations);
            LegacyAccounts legacy = legacyAccounts(settings, users, hasher);
            CredentialChecker credentials = new CredentialChecker(users, hasher, legacy);
            LoginThrottle throttle = new LoginThrottle(failures, audit, settings.login().loginMaxFailures(),
                    settings.login().loginLockout(), settings.login().loginAddressMaxFailures(), settings.login().loginIpv6PrefixLength());
            this.accounts = new Accounts(users, hasher,
                    new PasswordStrength(settings.login().passwordMinScore(), settings.tokens().issuer()), settings.login().usernamePolicy());
            this.sessions = new SessionService(issuer, sessionStore, revocations, users, settings.rules().roleScopes(), audit,
                    clock, settings.tokens().accessTokenTtl(), settings.tokens().refreshTokenTtl(), settings.tokens().sessionMaxLifetime(),
                    settings.tokens().sessionMaxPerUser(), audience);
            this.login = new LoginService(credentials, throttle, sessions, settings.rules().roleScopes(), audit);
            this.passwordChange = new PasswordChange(users, credentials, accounts, throttle, basicCache, sessions,
                    revocations, audit);
            this.registration = new Registration(accounts, settings.login().registerRoles(), audit,
                    new RegistrationThrottle(failures, audit, settings.login().registerAddressMax(),
                            settings.login().registerWindow(), settings.login().loginIpv6PrefixLength()), legacy);
            this.tokenRevocation = new TokenRevocation(sessions, verifier);
            this.minting = new TokenMinting(users, sessions, settings.rules().roleScopes(), clock,
                    settings.tokens().accessTokenTtl(), settings.tokens().accessTokenMaxTtl());
            boolean basic = settings.web().basicAuth() != BasicAuthMode.OFF;
            // Trusted issuers' keys are fetched when first needed, never here: start-up does not wait
            // on an identity provider (decision 433).
            // Chosen once: with the cache off, the request path holds the no-op cache (decision 610).
            VerifiedTokenCache tokenCache = settings.tokens().cacheEnabled()
                    ? new BoundedTokenCache(settings.tokens().cacheMaxEntries(), settings.tokens().cacheMaxBytes(),
                            settings.tokens().clockSkew(), clock)
                    : VerifiedTokenCache.NONE;
            BearerVerifier bearer = new BearerVerifier(verifier, settings.tokens().issuer(),
                    TrustedIssuerVerifiers.create(settings.trustedIssuers(), RemoteJwks.PARSER,
                            settings.tokens().clockSkew(), settings.tokens().accessTokenMaxTtl(), clock, revocations,
                            fetchWatchdog), tokenCache, revocations);
            this.authenticator = new Authenticator(bearer,
                    basic ? new StoreBasicChecker(credentials, settings.rules().roleScopes(), throttle, basicCache,
                            new BasicFailureAudit(audit, clock, settings.login().loginLockout(),
                                    settings.login().loginIpv6PrefixLength())) : null,
                    settings.web().sameOrigin());
            this.basicNotice = settings.web().basicAuth() == BasicAuthMode.WARN
                    ? new BasicDeprecationNotice(settings.web().basicAuthDeprecation(), settings.web().basicAuthSunset(), audit, clock)
                    : BasicNotice.SILENT;
            this.errors = new ErrorWriter(settings.web().realm(), basic);
            // Chosen once: the enforcing filter writes its answers without asking the mode per request.
            this.enforcement = settings.rules().enforcement() == EnforcementMode.REPORT_ONLY
                    ? new ReportingEnforcement(new WouldRefuseAudit(audit, clock), settings.web().trustedProxies())
                    : Enforcement.enforcing(errors);
            this.servletSecurity = new ServletSecurityApi(sessions, login, errors);
            this.rateLimit = settings.login().rateLimitEnabled()
                    ? new AuditedRateLimit(new TokenBucketRateLimit(clock, settings.login().rateLimitBurst(),
                            settings.login().rateLimitPerMinute(), settings.login().loginIpv6PrefixLength()), audit, clock,
                            settings.login().loginLockout(), settings.login().loginIpv6PrefixLength())
                    : AddressRateLimit.UNLIMITED;
            this.maintenance = new Maintenance(revocations, new RetentionPurge(database, revocationStore, sessionStore,
                    failures, audit, clock, settings.login().loginFailureRetention(), settings.store().auditRetention()));
            maintenance.start(settings.store().revocationRefreshInterval());
            // Last: nothing after it can fail the start and leave its thread behind.
            this.push = revocationStore.announces()
                    ? new PgRevocationListener(database::dedicatedConnection, revocations::refresh, clock)
                    : RevocationPush.NONE;
            push.start();
        } catch (RuntimeException e) {
            if (startedMonitoring != null) {
                // The MBean and meters of a start that failed must not outlive it.
                startedMonitoring.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * The realm table read in place ({@code jwtgate.legacy.users-table}), checked now so that a wrong
     * table or column name fails the start naming its key; none without the key.
     */
    private LegacyAccounts legacyAccounts(Settings settings, UserStore users, PasswordHasher hasher) {
        if (settings.legacy().legacyTable().isEmpty()) {
            return LegacyAccounts.NONE;
        }
        LegacyRealm realm = new LegacyRealm(database, settings.legacy().legacyTable().get());
        realm.verify();
        return new RealmAdoption(realm, LegacyCredentials.from(settings), hasher, users);
    }

    /** Starts JwtGate with the system clock: opens the store and migrates its schema. */
    public static JwtGate start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts JwtGate with an explicit clock (tests inject one instead of sleeping). */
    public static JwtGate start(Settings settings, Clock clock) {
        return new JwtGate(settings, clock);
    }

    /**
     * The instance shared by the JwtGate filter and servlet of {@code context}, started from the
     * context's configuration if nobody started it yet. For listeners that need the store at start
     * (seeding users); pair every call with {@link #release(ServletContext)} in
     * {@code contextDestroyed}.
     *
     * @throws ServletException naming the configuration key when JwtGate cannot start
     */
    public static JwtGate acquire(ServletContext context) throws ServletException {
        return SharedInstance.acquire(context, java.util.Map.of());
    }

    /** Gives back a reference from {@link #acquire(ServletContext)}; the last one closes the store. */
    public static void release(ServletContext context) {
        SharedInstance.release(context);
    }

    /**
     * The raw value {@code key} has in this application's configuration (all sources of spec §2, in
     * their precedence), without starting JwtGate; for set-up code that must know, e.g., which data
     * directory will be used. Secret keys ({@link Keys#SECRET}) and the JDBC URL are refused: ask
     * {@link #isConfigured(ServletContext, String)} whether they are set (decision 155).
     *
     * @throws IllegalArgumentException for a secret key
     * @throws io.jwtgate.config.ConfigurationException when the sources themselves are invalid
     */
    public static java.util.Optional<String> configuredValue(ServletContext context, String key) {
        // A JDBC URL may carry credentials (user:password@host, ?password=…), so it counts as one here.
        if (Keys.SECRET.contains(key) || Keys.JDBC_URL.equals(key)) {
            throw new IllegalArgumentException(key + " may hold a secret: its value is not handed out; use isConfigured");
        }
        return rawValue(context, key);
    }

    /**
     * Whether {@code key}, secret or not, has a value in this application's configuration (all
     * sources of spec §2), without starting JwtGate and without handing out the value.
     *
     * @throws io.jwtgate.config.ConfigurationException when the sources themselves are invalid
     */
    public static boolean isConfigured(ServletContext context, String key) {
        return rawValue(context, key).isPresent();
    }

    private static java.util.Optional<String> rawValue(ServletContext context, String key) {
        for (io.jwtgate.config.ConfigSource layer : SharedInstance.layers(context, java.util.Map.of())) {
            String value = layer.get(key);
            if (value != null) {
                return java.util.Optional.of(value);
            }
        }
        return java.util.Optional.empty();
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** Account management for application code and set-up (seeding users). */
    public Accounts accounts() {
        return accounts;
    }

    public AccessTokenIssuer issuer() {
        return issuer;
    }

    public AccessTokenVerifier verifier() {
        return verifier;
    }

    /** Sessions: refresh, logout, revocation. */
    public SessionService sessions() {
        return sessions;
    }

    /** The in-memory revocation state; {@code refresh()} picks up other nodes' revocations now. */
    public Revocations revocations() {
        return revocations;
    }

    /**
     * Deletes expired rows and rows past their retention now (the maintenance thread does it every
     * ten minutes), unless another node holds the purge lease.
     */
    public void purgeExpired() {
        maintenance.purge();
    }

    /**
     * Where the filter, the endpoints and the Jakarta Authentication module of
     * {@code io.jwtgate.jaspic} record what the metrics count.
     */
    public Metrics metrics() {
        return monitoring.metrics();
    }

    LoginService login() {
        return login;
    }

    PasswordChange passwordChange() {
        return passwordChange;
    }

    Registration registration() {
        return registration;
    }

    TokenMinting minting() {
        return minting;
    }

    /**
     * How a request's credentials become a caller: public for the Jakarta Authentication module of
     * {@code io.jwtgate.jaspic}, which must read them exactly as the filter does.
     */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** The deprecation headers Basic callers get while {@code jwtgate.basic-auth=warn}. */
    public BasicNotice basicNotice() {
        return basicNotice;
    }

    /** The public keys {@code GET /auth/jwks.json} publishes, with their caching. */
    public JwksDocument publishedKeys() {
        return publishedKeys;
    }

    /** JwtGate's RFC 6750 answers, for the filter and the Jakarta Authentication module alike. */
    public ErrorWriter errors() {
        return errors;
    }

    /** What the filter does with a refusal: answer it, or report it ({@code jwtgate.enforcement}). */
    Enforcement enforcement() {
        return enforcement;
    }

    /**
     * Marks a request JwtGate's Jakarta Authentication module judged with the request in hand, so that
     * {@link JwtAuthFilter} in JASPIC mode knows the caller on it is the module's (decision 306).
     */
    public void markJudgedByModule(jakarta.servlet.ServletRequest request) {
        request.setAttribute(MODULE_JUDGED_ATTRIBUTE, moduleMarker);
    }

    /** Whether {@link #markJudgedByModule} marked {@code request}. */
    boolean judgedByModule(jakarta.servlet.ServletRequest request) {
        return request.getAttribute(MODULE_JUDGED_ATTRIBUTE) == moduleMarker;
    }

    /** What {@code login}, {@code logout} and {@code authenticate} of a request the filter passed on do. */
    ServletSecurityApi servletSecurity() {
        return servletSecurity;
    }

    /** RFC 7009 revocation for {@code POST /auth/revoke}. */
    TokenRevocation tokenRevocation() {
        return tokenRevocation;
    }

    /** The per-address request limit of the token endpoints ({@code jwtgate.rate-limit.*}). */
    AddressRateLimit rateLimit() {
        return rateLimit;
    }

    /** Stops the revocation listener, maintenance and key-fetch watchdog threads and closes the connection pool (if JwtGate owns it). */
    @Override
    public void close() {
        push.close();
        maintenance.close();
        fetchWatchdog.close();
        // Before the store closes: counts of suppressed would-refuse events are written out.
        enforcement.close();
        monitoring.close();
        database.close();
    }
}
