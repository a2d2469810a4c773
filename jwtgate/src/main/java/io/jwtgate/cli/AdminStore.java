package io.jwtgate.cli;

import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Settings;
import io.jwtgate.config.SigningKeys;
import io.jwtgate.login.AccountRules;
import io.jwtgate.login.Accounts;
import io.jwtgate.login.BasicCache;
import io.jwtgate.login.PasswordHasher;
import io.jwtgate.login.PasswordStrength;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.session.Revocations;
import io.jwtgate.session.SessionService;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.SessionStore;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.token.AccessTokenIssuer;
import java.time.Clock;
import java.util.Map;

/**
 * The application's store and the services over it, wired for one administration command as
 * {@code JwtGate} wires them for the filter (same settings, same rules for names, passwords and
 * revocations), without the request path. Revocations written here reach a running application
 * through the shared revocation table within its {@code jwtgate.revocation.refresh-interval}.
 */
final class AdminStore implements AutoCloseable {

    /** The detail every event of the command line carries, so the audit trail tells it from the endpoints. */
    static final Map.Entry<String, String> VIA = Map.entry("via", "cli");

    private final Settings settings;
    private final Database db;
    private final UserStore users;
    private final Accounts accounts;
    private final SessionStore sessionStore;
    private final Revocations revocations;
    private final SessionService sessions;
    private final AuditLog audit;

    private AdminStore(Settings settings, Database db, Clock clock) {
        this.settings = settings;
        this.db = db;
        this.users = new UserStore(db, clock, UsernameKey::of);
        this.accounts = new Accounts(users, new PasswordHasher(settings.login().bcryptCost()),
                new PasswordStrength(settings.login().passwordMinScore(), settings.tokens().issuer()), settings.login().usernamePolicy());
        this.sessionStore = new SessionStore(db);
        this.audit = new AuditLog(db, clock);
        // The lifetimes the filter gives its entries, so a revocation written here lasts as long in the table;
        // announced like the filter's, so PostgreSQL nodes refuse the token at once (decision 464).
        this.revocations = new Revocations(new RevocationStore(db, settings.store().revocationPush()), clock,
                settings.store().revocationRefreshInterval(),
                settings.tokens().accessTokenMaxTtl(), BasicCache.TTL.plus(Settings.MAX_CLOCK_SKEW));
        AccessTokenIssuer issuer = new AccessTokenIssuer(SigningKeys.keyRing(settings), settings.tokens().issuer(),
                settings.tokens().audience(), clock);
        this.sessions = new SessionService(issuer, sessionStore, revocations, users, settings.rules().roleScopes(), audit,
                clock, settings.tokens().accessTokenTtl(), settings.tokens().refreshTokenTtl(), settings.tokens().sessionMaxLifetime(),
                settings.tokens().sessionMaxPerUser(), settings.tokens().audience());
    }

    /**
     * Opens the store of the application at {@code contextPath} (creating or upgrading its schema,
     * as the application does at start).
     *
     * @throws CliException exit 1 naming the key when the configuration is invalid or the store unreachable
     */
    static AdminStore open(CliContext context, String contextPath, Clock clock) throws CliException {
        Settings settings = context.settings(contextPath);
        Database db = context.openStore(settings, clock);
        try {
            return new AdminStore(settings, db, clock);
        } catch (ConfigurationException e) {
            db.close();
            throw new CliException(ExitCode.INPUT, e.getMessage());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    Settings settings() {
        return settings;
    }

    Database database() {
        return db;
    }

    UserStore users() {
        return users;
    }

    Accounts accounts() {
        return accounts;
    }

    SessionStore sessionStore() {
        return sessionStore;
    }

    Revocations revocations() {
        return revocations;
    }

    AuditLog audit() {
        return audit;
    }

    /**
     * The account named exactly {@code name} (after the NFC normalisation logins apply).
     *
     * @throws CliException exit 1 when there is none
     */
    User user(String name) throws CliException {
        return users.findByUsername(AccountRules.lookupName(name)).orElseThrow(() -> new CliException(ExitCode.INPUT,
                "no such user: " + Terminal.safe(name)));
    }

    /**
     * Ends every session of the user in every application sharing the store and tells every node
     * to forget its cached Basic checks of the user, as a password change does (decision 372):
     * nothing issued before keeps old rights beyond the nodes' revocation refresh.
     *
     * @return how many sessions were revoked
     */
    int endSessionsAndCachedChecks(User user) {
        revocations.credentialsChanged(user.id());
        return sessions.revokeOtherSessions(user.id(), null);
    }

    @Override
    public void close() {
        db.close();
    }
}
