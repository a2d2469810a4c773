package io.jwtgate.cli;

import io.jwtgate.store.SessionStore;
import io.jwtgate.store.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code jwtgate tokens revoke JTI}: revokes one access token by its id, for as long as the store's
 * record says it lives (decision 373). An id the store holds no record of is refused with exit 1:
 * every access token JwtGate issues is recorded until it expires, so such an id names no live token
 * of this store, and an entry for it would only hide a typo.
 */
final class TokensRevoke extends AdminCommand {

    /** The width of {@code jwtgate_access_tokens.jti}; JwtGate's ids are base64url. */
    private static final String JTI = "[A-Za-z0-9_-]{1,64}";
    private static final Pattern ISSUED_ID = Pattern.compile("-[A-Za-z0-9_-]{21}");

    TokensRevoke() {
        super(Clock.systemUTC());
    }

    @Override
    public String name() {
        return "tokens revoke";
    }

    @Override
    public String summary() {
        return "revoke one access token by its jti";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: jwtgate [--config FILE] tokens revoke JTI [--context PATH]",
                "",
                "Revokes the access token with the id JTI (its 'jti' claim, as the audit trail's token_issued",
                "events name it) until it expires; a running application refuses it within",
                "jwtgate.revocation.refresh-interval. Only that token: its session goes on (use",
                "'sessions revoke --user NAME' to end sessions). An id the store has no record of (never issued",
                "here, or expired and purged) is exit 1 and nothing is written.",
                "",
                commonHelp());
    }

    /**
     * The 22 base64url characters of the ids JwtGate issues: one in 64 starts with {@code -}, and must
     * not be taken for an option (decision 388).
     */
    @Override
    Pattern dashedPositional() {
        return ISSUED_ID;
    }

    @Override
    void check(Arguments args) throws CliException {
        args.onePositional("token id (jti)");
    }

    @Override
    int run(Arguments args, AdminStore store, CliContext context) throws CliException {
        String jti = args.onePositional("token id (jti)");
        Optional<SessionStore.AccessRecord> record = jti.matches(JTI) ? store.sessionStore().findAccessToken(jti)
                : Optional.empty();
        if (record.isEmpty()) {
            throw new CliException(ExitCode.INPUT, "no access token with id " + Terminal.safe(jti)
                    + " in the store (never issued here, or expired and purged); nothing revoked");
        }
        store.revocations().revokeToken(jti, record.get().expiresAt());
        Optional<User> owner = store.users().findById(record.get().userId());
        store.audit().record("token_revoked", owner.map(User::username).orElse(null), null, Map.ofEntries(
                AdminStore.VIA, Map.entry("token_id", jti), Map.entry("owner", record.get().userId()),
                Map.entry("credential", "access_token")));
        context.out().println("revoked access token " + jti + " of "
                + owner.map(u -> Terminal.safe(u.username())).orElse("a deleted account")
                + " (expires " + Instant.ofEpochMilli(record.get().expiresAt()) + ")");
        return ExitCode.OK;
    }
}
