package io.jwtgate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final KeyRing KEYS = KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes()));
    private static final TokenForge FORGE = new TokenForge(TestSettings.secretBytes());

    private final AccessTokenVerifier verifier = verifier(null, RevocationCheck.NONE);

    private static AccessTokenVerifier verifier(String audience, RevocationCheck revocations) {
        return new AccessTokenVerifier(KEYS, "jwtgate", audience, Duration.ofSeconds(30), Duration.ofHours(24), CLOCK,
                revocations);
    }

    private static String issue(Clock clock, String audience) {
        return new AccessTokenIssuer(KEYS, "jwtgate", audience, clock)
                .issue("u-1", "alice", List.of("user"), Set.of("a:b", "c:d"), "sid-1", Duration.ofMinutes(15)).token();
    }

    private BadTokenException refused(String token) {
        return assertThrows(BadTokenException.class, () -> verifier.verify(token));
    }

    private static String withClaim(String claim, String json) {
        String base = TokenForge.claims(T);
        String pattern = "\"" + claim + "\":";
        int start = base.indexOf(pattern);
        int end = base.indexOf(',', start);
        if (base.charAt(start + pattern.length()) == '[') {
            end = base.indexOf(']', start) + 1;
        }
        if (end < 0) {
            end = base.length() - 1;
        }
        return json == null ? base.substring(0, start) + base.substring(end + 1)
                : base.substring(0, start) + pattern + json + base.substring(end);
    }

    @Test
    void issuedTokenVerifiesWithAllClaims() {
        VerifiedToken t = verifier.verify(issue(CLOCK, null));
        assertEquals("u-1", t.subject());
        assertEquals("alice", t.username());
        assertEquals(Set.of("user"), t.roles());
        assertEquals(Set.of("a:b", "c:d"), t.scopes());
        assertEquals("sid-1", t.sessionId());
        assertEquals(NOW.plus(Duration.ofMinutes(15)), t.expiresAt());
        assertEquals("jwtgate", t.claims().get("iss"));
    }

    @Test
    void issuedTokenHeaderIsAtJwt() {
        String header = new String(java.util.Base64.getUrlDecoder().decode(issue(CLOCK, null).split("\\.")[0]),
                StandardCharsets.UTF_8);
        assertEquals(true, header.contains("\"typ\":\"at+jwt\""), header);
        assertEquals(true, header.contains("\"alg\":\"HS256\""), header);
    }

    @Test
    void expiredTokenIsRefusedAsExpiredAfterTheSkew() {
        Clock issuedLongAgo = Clock.fixed(NOW.minus(Duration.ofMinutes(16)), ZoneOffset.UTC);
        BadTokenException e = refused(issue(issuedLongAgo, null));
        assertInstanceOf(ExpiredTokenException.class, e);
        assertEquals(BadTokenException.Reason.EXPIRED, e.reason());
        Clock withinSkew = Clock.fixed(NOW.minus(Duration.ofMinutes(15)).plusSeconds(-20), ZoneOffset.UTC);
        assertEquals("alice", verifier.verify(issue(withinSkew, null)).username());
    }

    @Test
    void tokenFromTheFutureIsRefused() {
        assertEquals(BadTokenException.Reason.INVALID,
                refused(issue(Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC), null)).reason());
        assertEquals("alice", verifier.verify(issue(Clock.fixed(NOW.plusSeconds(20), ZoneOffset.UTC), null)).username());
    }

    @Test
    void revokedTokenIdOrSessionIsRefusedAsRevoked() {
        String token = issue(CLOCK, null);
        String jti = verifier.verify(token).tokenId();
        assertInstanceOf(RevokedTokenException.class, assertThrows(BadTokenException.class,
                () -> verifier(null, (j, s) -> j.equals(jti)).verify(token)));
        assertInstanceOf(RevokedTokenException.class, assertThrows(BadTokenException.class,
                () -> verifier(null, (j, s) -> s.equals("sid-1")).verify(token)));
    }

    @Test
    void audienceIsRequiredWhenConfigured() {
        AccessTokenVerifier withAud = verifier("api", RevocationCheck.NONE);
        assertEquals("alice", withAud.verify(issue(CLOCK, "api")).username());
        assertThrows(BadTokenException.class, () -> withAud.verify(issue(CLOCK, null)));
        assertThrows(BadTokenException.class, () -> withAud.verify(issue(CLOCK, "other")));
        assertEquals("alice", withAud.verify(FORGE.hs256(TokenForge.HEADER,
                withClaim("iss", "\"jwtgate\",\"aud\":[\"x\",\"api\"]"))).username());
        assertThrows(BadTokenException.class, () -> withAud.verify(FORGE.hs256(TokenForge.HEADER,
                withClaim("iss", "\"jwtgate\",\"aud\":[\"api\",5]"))));
    }

    @Test
    void forgedBaselineIsAccepted() {
        assertEquals("alice", verifier.verify(FORGE.hs256(TokenForge.HEADER, TokenForge.claims(T))).username());
    }

    @Test
    void headerTamperingIsRefused() {
        String payload = TokenForge.claims(T);
        for (String header : List.of(
                "{\"alg\":\"none\",\"typ\":\"at+jwt\"}",
                "{\"alg\":\"HS384\",\"typ\":\"at+jwt\"}",
                "{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}",
                "{\"alg\":\"hs256\",\"typ\":\"at+jwt\"}",
                "{\"typ\":\"at+jwt\"}",
                "{\"alg\":null,\"typ\":\"at+jwt\"}",
                "{\"alg\":[\"HS256\"],\"typ\":\"at+jwt\"}",
                "{\"alg\":\"HS256\"}",
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[\"exp\"]}",
                "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"b64\":false}",
                "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":5}",
                "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"typ\":\"at+jwt\"}",
                "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",}",
                "\ufeff{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}",
                "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"} x")) {
            assertEquals(BadTokenException.Reason.INVALID, refused(FORGE.hs256(header, payload)).reason(), header);
        }
    }

    @Test
    void applicationAtJwtTypIsAccepted() {
        assertEquals("alice", verifier.verify(FORGE.hs256("{\"alg\":\"HS256\",\"typ\":\"application/AT+JWT\"}",
                TokenForge.claims(T))).username());
    }

    @Test
    void claimTamperingIsRefused() {
        List<String> payloads = List.of(
                withClaim("exp", null), withClaim("exp", "null"), withClaim("exp", "\"" + (T + 60) + "\""),
                withClaim("exp", "true"), withClaim("exp", "-1"), withClaim("exp", "1e400"),
                withClaim("exp", "99999999999999999999999999"), withClaim("exp", String.valueOf(T + 90_000)),
                withClaim("nbf", null), withClaim("nbf", "\"now\""), withClaim("nbf", String.valueOf(T + 3600)),
                withClaim("iat", null), withClaim("iat", "[1]"), withClaim("iat", String.valueOf(T + 700)),
                withClaim("iss", null), withClaim("iss", "\"other\""), withClaim("iss", "[\"jwtgate\"]"),
                withClaim("sub", null), withClaim("sub", "\"\""), withClaim("sub", "7"),
                withClaim("jti", null), withClaim("sid", null), withClaim("sid", "{}"),
                withClaim("roles", "\"admin\""), withClaim("roles", "[1]"), withClaim("scope", "[\"a\"]"),
                withClaim("preferred_username", "5"),
                TokenForge.claims(T).replace("\"sub\":\"u-1\"", "\"sub\":\"u-1\",\"sub\":\"admin\""),
                "null", "[]", "\"claims\"", "42", "", "{", "{}");
        for (String payload : payloads) {
            assertEquals(BadTokenException.Reason.INVALID, refused(FORGE.hs256(TokenForge.HEADER, payload)).reason(),
                    payload);
        }
    }

    @Test
    void numbersWithAbsurdExponentsAreBadTokensNotCrashes() {
        for (String n : List.of("1e2147483648", "1e-2147483648", "1e99999999999", "1e-2147483000", "0e-2147483648",
                "-3.33393333355932e-2147483647", "1e400")) {
            assertEquals(BadTokenException.Reason.INVALID,
                    refused(FORGE.hs256(TokenForge.HEADER, withClaim("exp", n))).reason(), n);
            assertEquals(BadTokenException.Reason.INVALID, refused(TokenForge.b64(
                    "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"x\":" + n + "}") + ".e30.c2ln").reason(), n);
        }
    }

    @Test
    void fractionalTimesAreAccepted() {
        String payload = withClaim("exp", (T + 60) + ".75");
        assertEquals(Instant.ofEpochSecond(T + 60, 750_000_000),
                verifier.verify(FORGE.hs256(TokenForge.HEADER, payload)).expiresAt());
    }

    @Test
    void nonCanonicalOrForeignEncodingsAreRefused() {
        String good = FORGE.hs256(TokenForge.HEADER, TokenForge.claims(T));
        String[] p = good.split("\\.");
        String sig = p[2];
        // The last base64url character of a 32-byte signature carries 2 unused bits.
        char last = sig.charAt(sig.length() - 1);
        String alternate = "AEIMQUYcgkosw048".indexOf(last) >= 0
                ? sig.substring(0, sig.length() - 1) + (char) (last + 1) : sig;
        for (String t : List.of(p[0] + "." + p[1] + "." + alternate, good + "=", p[0] + "=." + p[1] + "." + sig,
                p[0] + "." + p[1] + "." + sig.replace('-', '+').replace('_', '/') + (sig.contains("-") || sig.contains("_") ? "" : "+"),
                " " + good, good + " ", good.replace(".", ". "))) {
            if (!t.equals(good)) {
                refused(t);
            }
        }
    }

    @Test
    void structurallyBrokenTokensAreRefused() {
        for (String t : List.of("", "a", "a.b", "a.b.c.d", ".b.c", "a..c", "a.b.", "...", "a.b.c.",
                "x".repeat(AccessTokenVerifier.MAX_TOKEN_LENGTH + 1), "\u00e9.\u00e9.\u00e9",
                TokenForge.b64(new byte[] {(byte) 0xc3, 0x28}) + "." + TokenForge.b64("{}") + ".c2ln")) {
            refused(t);
        }
        assertThrows(BadTokenException.class, () -> verifier.verify(null));
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutStackOverflow() {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        refused(FORGE.hs256(TokenForge.HEADER, deep));
        refused(FORGE.hs256("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                TokenForge.claims(T)));
    }

    @Test
    void randomMutationsOnlyEverGiveBadTokenOutcomes() {
        // Bounded, seeded mutation run: every outcome is a verified token or a BadTokenException.
        Random random = new Random(20261123L);
        List<String> seeds = new ArrayList<>(List.of(issue(CLOCK, null), FORGE.hs256(TokenForge.HEADER,
                TokenForge.claims(T))));
        String alphabet = "AZaz09-_.=+/ {}[]\":,\u00e9\u0000";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder t = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && t.length() > 0; e++) {
                int pos = random.nextInt(t.length());
                switch (random.nextInt(3)) {
                    case 0:
                        t.setCharAt(pos, alphabet.charAt(random.nextInt(alphabet.length())));
                        break;
                    case 1:
                        t.deleteCharAt(pos);
                        break;
                    default:
                        t.insert(pos, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                verifier.verify(t.toString());
            } catch (BadTokenException expected) {
                // the only acceptable failure
            } catch (RuntimeException other) {
                fail("verifier threw " + other + " for " + t);
            }
        }
    }
}
