package io.jwtgate.token;

/**
 * The state of the keys a token was verified with, as the verified-token cache remembers it: an
 * entry is good only while its epoch is still current, so a key set fetched anew (a key rotated
 * out at an identity provider) sends every token verified with the old one through full
 * verification again.
 */
@FunctionalInterface
public interface KeyEpoch {

    /** Keys that never change while JwtGate runs: JwtGate's own key ring is fixed at start. */
    KeyEpoch FIXED = () -> true;

    /** Whether the keys are still those the token was verified with. Cheap: called on every cache hit. */
    boolean current();
}
