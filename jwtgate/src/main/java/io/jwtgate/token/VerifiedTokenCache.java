package io.jwtgate.token;

/**
 * Remembers tokens that verified, so that a token seen again costs a look-up instead of parsing
 * and a signature check (decision 610). Only verified tokens enter, so forged tokens can neither
 * evict good entries nor grow memory. A hit is answered only while the token is within its
 * validity window on the clock now (never longer than its {@code exp} plus the clock skew) and its
 * {@link KeyEpoch} is current; revocation is not the cache's business: the caller checks it on
 * every request, hit or miss.
 *
 * <p>Disabled, it is {@link #NONE}, which remembers nothing, so the request path does not ask
 * whether caching is on.
 */
public interface VerifiedTokenCache {

    /** Remembers nothing: {@code jwtgate.token-cache.enabled=false}. */
    VerifiedTokenCache NONE = new VerifiedTokenCache() {
        @Override
        public VerifiedToken find(String token) {
            return null;
        }

        @Override
        public void remember(String token, VerifiedToken verified, KeyEpoch epoch) {
            // Nothing is kept.
        }

        @Override
        public void clear() {
            // Nothing was kept.
        }

        @Override
        public int size() {
            return 0;
        }

        @Override
        public long bytes() {
            return 0;
        }
    };

    /** The verification of exactly this token, or null when it must be verified in full. */
    VerifiedToken find(String token);

    /**
     * Remembers a token that just verified; may keep it or not (a full cache keeps what it has).
     *
     * @param epoch the keys it was verified with, read before the verification began
     */
    void remember(String token, VerifiedToken verified, KeyEpoch epoch);

    /** Forgets every token. */
    void clear();

    /** How many tokens are remembered now. */
    int size();

    /** The estimated bytes the remembered tokens hold. */
    long bytes();
}
