package io.jwtgate.login;

import io.jwtgate.store.AuditLog;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.store.User;
import io.jwtgate.web.IpAddresses;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Brute-force protection: after {@code login.max-failures} failures for an account (however it
 * was named) or for a name that names none, within {@code login.lockout}, or
 * {@code login.address-max-failures} from one client address group, further attempts are refused
 * before any password is checked, until the oldest counted failure leaves the window. Each attempt
 * is counted before its password is checked ({@link #begin}), so parallel guesses spend the budget
 * one by one. State lives in the database, so it holds across restarts and nodes, and windows run
 * in the database's time, so a node's clock neither shortens nor lengthens them (decision 530).
 *
 * <p>An attempt's row is pending while its password is checked. When the window holds more rows than
 * the budget but fewer completed failures, the excess is attempts still in flight, on this node or
 * another: the attempt waits for them to end rather than being told it is locked out (decision 570).
 */
public final class LoginThrottle {

    /** A pending row older than this, in database time, was left by a node that died mid-check. */
    static final Duration STALE = Duration.ofSeconds(30);
    /** How long an attempt waits at most for attempts in flight before answering "retry in a second". */
    static final Duration WAIT = Duration.ofSeconds(2);

    private final LoginFailureStore failures;
    private final AuditLog audit;
    private final int maxFailures;
    private final Duration window;
    private final int addressMaxFailures;
    private final int ipv6PrefixLength;
    private final Duration wait;

    public LoginThrottle(LoginFailureStore failures, AuditLog audit, int maxFailures, Duration window,
            int addressMaxFailures, int ipv6PrefixLength) {
        this(failures, audit, maxFailures, window, addressMaxFailures, ipv6PrefixLength, WAIT);
    }

    /** Tests shorten {@code wait}, the bound on waiting for attempts in flight. */
    LoginThrottle(LoginFailureStore failures, AuditLog audit, int maxFailures, Duration window,
            int addressMaxFailures, int ipv6PrefixLength, Duration wait) {
        this.failures = failures;
        this.audit = audit;
        this.maxFailures = maxFailures;
        this.window = window;
        this.addressMaxFailures = addressMaxFailures;
        this.ipv6PrefixLength = ipv6PrefixLength;
        this.wait = wait;
    }

    /**
     * Counts an attempt before the password is checked. While the window is full of attempts still
     * in flight, waits (up to about two seconds, no password checked meanwhile) for them to end.
     *
     * @param typed the name as the client sent it (for the audit only)
     * @param canonical the canonical form of the name ({@link AccountRules#canonicalName})
     * @param account the account the name resolves to, if any: its failures are counted by id
     * @param address the client address
     * @return the attempt, to be marked {@link Attempt#failed} or {@link Attempt#succeeded}
     * @throws LockedOutException while the account, the name or the address group is locked, with the
     *     lockout's {@code Retry-After}; or with {@code Retry-After: 1} when attempts in flight kept
     *     the budget full for the whole wait. The refused attempt is not counted (no password was checked)
     */
    public Attempt begin(String typed, String canonical, Optional<User> account, String address) {
        String scope = account.isPresent() ? LoginFailureStore.USER : LoginFailureStore.NAME;
        String subject = account.map(User::id).orElse(canonical);
        String group = IpAddresses.group(address, ipv6PrefixLength);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            // Written, then counted: of any attempts counting at once, the last sees all of their rows. A
            // waiting attempt holds no row, so waiters never keep each other out (decision 571).
            String accountRow = failures.reservePending(scope, subject);
            String addressRow = failures.reservePending(LoginFailureStore.ADDRESS, group);
            LoginFailureStore.Tally forAccount = failures.tally(scope, subject, window, STALE);
            LoginFailureStore.Tally forAddress = failures.tally(LoginFailureStore.ADDRESS, group, window, STALE);
            if (forAccount.total() <= maxFailures && forAddress.total() <= addressMaxFailures) {
                return new Attempt(typed, address, scope, subject, accountRow, group, addressRow,
                        forAccount.total() == maxFailures);
            }
            failures.release(scope, subject, accountRow);
            failures.release(LoginFailureStore.ADDRESS, group, addressRow);
            if (forAccount.failed() >= maxFailures || forAddress.failed() >= addressMaxFailures) {
                long retry = Math.max(failureRetryAfter(scope, subject, maxFailures),
                        failureRetryAfter(LoginFailureStore.ADDRESS, group, addressMaxFailures));
                throw new LockedOutException(Math.max(1, retry));
            }
            if (System.nanoTime() - deadline >= 0) {
                // Still full of attempts in flight: not a lockout, and room is likely within a second.
                throw new LockedOutException(1);
            }
            pause();
        }
    }

    /** 25 to 50 ms, at random, so that attempts which met here do not all come back at once. */
    private static void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(25, 51));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockedOutException(1);
        }
    }

    /**
     * Seconds until the oldest of the {@code max} newest rows of {@code scope}/{@code subject}
     * leaves {@code window}; 0 when fewer than {@code max} rows are in it. Shared with
     * {@link RegistrationThrottle}, which counts in the same table.
     */
    static long retryAfter(LoginFailureStore rows, Duration window, String scope, String subject, int max) {
        return retryAfter(rows, window, scope, subject, max, false);
    }

    /** {@link #retryAfter} over completed failures only: attempts in flight do not lengthen a lockout. */
    private long failureRetryAfter(String scope, String subject, int max) {
        return retryAfter(failures, window, scope, subject, max, true);
    }

    private static long retryAfter(LoginFailureStore rows, Duration window, String scope, String subject, int max,
            boolean completedOnly) {
        List<Long> ages = completedOnly ? rows.failureAges(scope, subject, window, STALE, max)
                : rows.ages(scope, subject, window, max);
        if (ages.size() < max) {
            return 0;
        }
        long left = window.toMillis() - ages.get(max - 1);
        return Math.max(1, (left + 999) / 1000);
    }

    /** One counted attempt whose password is being checked. */
    public final class Attempt {
        private final String typed;
        private final String address;
        private final String scope;
        private final String subject;
        private final String accountRow;
        private final String group;
        private final String addressRow;
        private final boolean lastAllowed;

        private Attempt(String typed, String address, String scope, String subject, String accountRow, String group,
                String addressRow, boolean lastAllowed) {
            this.typed = typed;
            this.address = address;
            this.scope = scope;
            this.subject = subject;
            this.accountRow = accountRow;
            this.group = group;
            this.addressRow = addressRow;
            this.lastAllowed = lastAllowed;
        }

        /** The attempt failed: its reservation stays as the failure; audits {@code lockout} when it locks. */
        public void failed() {
            failures.markFailed(scope, subject, accountRow);
            failures.markFailed(LoginFailureStore.ADDRESS, group, addressRow);
            if (lastAllowed) {
                audit.record("lockout", typed, address, Map.of("failures", Integer.toString(maxFailures),
                        "window", window.toString()));
            }
        }

        /** The password was right: the reservation is released, it was not a failure. */
        public void succeeded() {
            failures.release(scope, subject, accountRow);
            failures.release(LoginFailureStore.ADDRESS, group, addressRow);
        }

        /**
         * After a successful login: forgets the account's earlier failures too (not the address's), but not
         * the rows of attempts still being checked.
         */
        public void forgetAccountFailures() {
            failures.clear(scope, subject, STALE);
        }
    }
}
