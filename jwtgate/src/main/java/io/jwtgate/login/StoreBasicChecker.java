package io.jwtgate.login;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.rules.RoleScopes;
import io.jwtgate.store.User;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.AuthOutcome;
import io.jwtgate.web.BasicCredentialsChecker;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic against the user store: the short-lived cache first, then the lockout, then bcrypt
 * (the price of Basic). Failures count toward the same lockout as logins and are audited through
 * {@link BasicFailureAudit}, which stores one per account and address group per window.
 */
public final class StoreBasicChecker implements BasicCredentialsChecker {

    private final CredentialChecker credentials;
    private final RoleScopes roleScopes;
    private final LoginThrottle throttle;
    private final BasicCache cache;
    private final BasicFailureAudit failureAudit;
    private final ConcurrentHashMap<String, CompletableFuture<AuthOutcome>> inFlight = new ConcurrentHashMap<>();

    public StoreBasicChecker(CredentialChecker credentials, RoleScopes roleScopes, LoginThrottle throttle,
            BasicCache cache, BasicFailureAudit failureAudit) {
        this.credentials = credentials;
        this.roleScopes = roleScopes;
        this.throttle = throttle;
        this.cache = cache;
        this.failureAudit = failureAudit;
    }

    @Override
    public AuthOutcome check(String userId, String password, String address) {
        String account = AccountRules.lookupName(userId);
        // A cache hit proves the password was right moments ago: no database work on the hot path,
        // and a user locked out by someone else's guesses keeps working.
        Optional<JwtGateAuthentication> cached = cache.get(account, password);
        if (cached.isPresent()) {
            return new AuthOutcome.Authenticated(cached.get());
        }
        // Concurrent requests with the same credentials share one bcrypt check: a client opening
        // many connections at once must not start one 250 ms hash per connection.
        String key = cache.keyOf(account, password);
        CompletableFuture<AuthOutcome> mine = new CompletableFuture<>();
        CompletableFuture<AuthOutcome> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            AuthOutcome outcome = checkUncached(userId, account, password, address);
            mine.complete(outcome);
            return outcome;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static AuthOutcome await(CompletableFuture<AuthOutcome> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            // The thread that ran the check failed (a store fault); this request fails the same way.
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }

    private AuthOutcome checkUncached(String typed, String account, String password, String address) {
        Optional<User> found = credentials.find(account, false);
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(account, account, found, address);
        } catch (LockedOutException e) {
            return new AuthOutcome.Rejected(AuthError.tooManyAttempts(e.retryAfterSeconds()));
        }
        // Before the hash is read: a password change during the check then keeps it out of the cache.
        long generation = cache.generation();
        try {
            User user = credentials.check(account, false, found, password);
            // Unlike a login, a Basic success keeps the account's earlier failures: a client that
            // re-authenticates every minute must not reset an attacker's budget each time.
            attempt.succeeded();
            JwtGateAuthentication who = JwtGateAuthentication.basic(user.id(), user.username(), user.roles(),
                    roleScopes.scopesFor(user.roles()));
            cache.put(account, password, who, generation);
            return new AuthOutcome.Authenticated(who);
        } catch (LoginFailedException e) {
            attempt.failed();
            // Prefixed like the throttle's scopes: a typed name equal to some account's id stays apart.
            failureAudit.failed(typed, found.map(u -> "user:" + u.id()).orElse("name:" + account), address,
                    e.reason());
            return new AuthOutcome.Rejected(AuthError.unauthorized());
        }
    }
}
