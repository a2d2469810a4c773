package io.jwtgate.login;

import io.jwtgate.store.AuditLog;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.store.User;
import io.jwtgate.web.IpAddresses;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brute-force protection: after {@code login.max-failures} failures for an account (however it
 * was named) or for a name that names none, within {@code login.lockout}, or
 * {@code login.address-max-failures} from one client address group, further attempts are refused
 * before any password is checked, until the oldest counted failure leaves the window. Each attempt
 * is counted before its password is checked ({@link #begin}), so parallel guesses spend the budget
 * one by one. State lives in the database, so it holds across restarts and nodes, and windows run
 * in the database's time, so a node's clock neither shortens nor lengthens them (decision 530).
 */
public final class LoginThrottle {

    private final LoginFailureStore failures;
    private final AuditLog audit;
    private final int maxFailures;
    private final Duration window;
    private final int addressMaxFailures;
    private final int ipv6PrefixLength;

    public LoginThrottle(LoginFailureStore failures, AuditLog audit, int maxFailures, Duration window,
            int addressMaxFailures, int ipv6PrefixLength) {
        this.failures = failures;
        this.audit = audit;
        this.maxFailures = maxFailures;
        this.window = window;
        this.addressMaxFailures = addressMaxFailures;
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    /**
     * Counts an attempt before the password is checked.
     *
     * @param typed the name as the client sent it (for the audit only)
     * @param canonical the canonical form of the name ({@link AccountRules#canonicalName})
     * @param account the account the name resolves to, if any: its failures are counted by id
     * @param address the client address
     * @return the attempt, to be marked {@link Attempt#failed} or {@link Attempt#succeeded}
     * @throws LockedOutException while the account, the name or the address group is locked; the
     *     refused attempt is not counted (no password was checked)
     */
    public Attempt begin(String typed, String canonical, Optional<User> account, String address) {
        String scope = account.isPresent() ? LoginFailureStore.USER : LoginFailureStore.NAME;
        String subject = account.map(User::id).orElse(canonical);
        String group = IpAddresses.group(address, ipv6PrefixLength);
        String accountRow = failures.reserve(scope, subject);
        String addressRow = failures.reserve(LoginFailureStore.ADDRESS, group);
        int accountCount = failures.ages(scope, subject, window, maxFailures + 1).size();
        int addressCount = failures.ages(LoginFailureStore.ADDRESS, group, window, addressMaxFailures + 1).size();
        if (accountCount > maxFailures || addressCount > addressMaxFailures) {
            failures.release(scope, subject, accountRow);
            failures.release(LoginFailureStore.ADDRESS, group, addressRow);
            long retry = Math.max(retryAfter(failures, window, scope, subject, maxFailures),
                    retryAfter(failures, window, LoginFailureStore.ADDRESS, group, addressMaxFailures));
            throw new LockedOutException(Math.max(1, retry));
        }
        return new Attempt(typed, address, scope, subject, accountRow, group, addressRow,
                accountCount == maxFailures);
    }

    /**
     * Seconds until the oldest of the {@code max} newest rows of {@code scope}/{@code subject}
     * leaves {@code window}; 0 when fewer than {@code max} rows are in it. Shared with
     * {@link RegistrationThrottle}, which counts in the same table.
     */
    static long retryAfter(LoginFailureStore rows, Duration window, String scope, String subject, int max) {
        List<Long> ages = rows.ages(scope, subject, window, max);
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

        /** After a successful login: forgets the account's earlier failures too (not the address's). */
        public void forgetAccountFailures() {
            failures.clear(scope, subject);
        }
    }
}
