package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.MalformedJsonException;
import io.jwtgate.json.StrictJson;
import io.jwtgate.rules.PathPattern;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.CompactJws;
import io.jwtgate.token.ExpiredTokenException;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import io.jwtgate.token.RevocationCheck;
import io.jwtgate.web.AuthorizationHeader;
import io.jwtgate.web.Credentials;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The lean request path of issue 14 attacked below HTTP: the ASCII fast path of {@link StrictJson}
 * against the decoder path it bypasses, canonical base64url by spare bits against re-encoding, the
 * table-free path matcher against the dynamic programme on hostile inputs, the regex-free header
 * parser, whole-second dates as longs, and pooled HMAC objects under sixteen threads.
 */
class LeanPathAttackTest {

    private static final String OUTCOME_MALFORMED = "malformed";

    /** What StrictJson.parse did before decision 612: decode strictly, refuse a BOM, parse the text. */
    private static String before(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            return OUTCOME_MALFORMED;
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            return OUTCOME_MALFORMED;
        }
        try {
            JsonNode node = StrictJson.mapper().readTree(text);
            if (node == null || node.isMissingNode()) {
                return OUTCOME_MALFORMED;
            }
            return node.toString();
        } catch (JsonProcessingException | NumberFormatException | ArithmeticException e) {
            return OUTCOME_MALFORMED;
        }
    }

    private static String now(byte[] utf8) {
        try {
            return StrictJson.parse(utf8).toString();
        } catch (MalformedJsonException e) {
            return OUTCOME_MALFORMED;
        }
    }

    @Test
    void theAsciiFastPathParsesCuratedEdgeCasesAsTheDecoderPathDid() {
        List<String> inputs = List.of("{}", "", " ", "\t", "\r\n", "{\"a\":1}\t", "{\"a\":\"\t\"}", "{\"a\":\"\u007f\"}",
                "{\"a\":1}\u007f", "\u007f{}", "{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\uDBFF\\uDFFF\"}",
                "{\"a\":\"\u0001\"}", "{\"a\":1}\u0000", "\u0000{}", "{\"a\":1,\"a\":2}", "{\"a\":01}", "{\"a\":NaN}",
                "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e99999}", "{\"a\":1e2147483648}", "[1,]", "{\"a\":1,}",
                "{'a':1}", "{a:1}", "/*c*/{}", "{} {}", "{}x", "null", "\"s\"", "1", "true", "{\"a\":tru}",
                "{\"a\":\"\\x41\"}", "{\"a\":\"\\'\"}", "{\"a\":\"\\/\"}", "\f{}", "{}\u000b", "\u00a0{}",
                "{\"\u00e9\":1}", "{\"a\":\"\u2028\"}", "\ufeff{}", "{\"a\":123456789012345678901234567890}",
                "{\"a\":" + "9".repeat(64) + "}", "{\"a\":" + "9".repeat(65) + "}", "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]",
                "[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]", "{\"a\":-0}", "{\"a\":-0.0}", "{\"a\":1E+2}", "{\"a\":1e-400}");
        for (String s : inputs) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(before(bytes), now(bytes), "input " + escape(s));
        }
        byte[][] raw = {{(byte) 0xC0, (byte) 0x80}, {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}, {'{', '}', (byte) 0xFF}, {0, '{', 0, '}'}, {'{', 0, '}', 0},
            {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'}};
        for (byte[] bytes : raw) {
            assertEquals(before(bytes), now(bytes));
        }
    }

    @Test
    void theAsciiFastPathAgreesWithTheDecoderPathOnRandomJsonishBytes() {
        String alphabet = "{}[]:,\"\\u0123456789abcdefnrtlsE+-. \t\r\n\u007f\u0001/'x";
        Random random = new Random(1411L);
        int accepted = 0;
        for (int k = 0; k < 200_000; k++) {
            StringBuilder sb = new StringBuilder();
            if (random.nextBoolean()) {
                sb.append("{\"a\":");
            }
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextBoolean()) {
                sb.append('}');
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            String expected = before(bytes);
            assertEquals(expected, now(bytes), "input " + escape(sb.toString()));
            if (!expected.equals(OUTCOME_MALFORMED)) {
                accepted++;
            }
        }
        assertTrue(accepted > 1_000, "the generator reaches well-formed inputs: " + accepted);
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    @Test
    void theLazyClaimsMapEqualsTheConvertedTreeForEveryNonDecimalType() {
        String payload = "{\"i\":1,\"neg\":-7,\"l\":9007199254740993,\"big\":123456789012345678901234567890,"
                + "\"s\":\"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00 \u00e9\",\"t\":true,\"f\":false,\"n\":null,"
                + "\"o\":{\"a\":[1,\"x\",{\"b\":[]},[null]],\"c\":{}},\"e\":[],\"roles\":[\"user\",\"admin\"]}";
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> before = StrictJson.mapper().convertValue(StrictJson.parseObject(bytes), java.util.Map.class);
        io.jwtgate.token.ClaimsMap now = new io.jwtgate.token.ClaimsMap(bytes);
        assertEquals(before, now);
        assertEquals(new ArrayList<>(before.keySet()), new ArrayList<>(now.keySet()), "member order");
        for (String key : before.keySet()) {
            Object was = before.get(key);
            Object is = now.get(key);
            if (was instanceof java.util.Map || was instanceof java.util.List) {
                // Nested objects and arrays are read-only views since decision 641 (F2): equal, not the same class.
                assertTrue(was instanceof java.util.Map ? is instanceof java.util.Map : is instanceof java.util.List, key);
            } else {
                assertEquals(was == null ? null : was.getClass(), is == null ? null : is.getClass(), key);
            }
        }
        assertThrows(UnsupportedOperationException.class, () -> now.put("i", 2));
    }

    /** The canonical check before decision 612: decode, encode again, compare. */
    private static boolean canonicalBefore(String part) {
        for (char c : part.toCharArray()) {
            boolean b64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!b64) {
                return false;
            }
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean canonicalNow(String signaturePart) {
        try {
            CompactJws.parse(TokenForge.b64(TokenForge.HEADER) + "." + TokenForge.b64("{}") + "." + signaturePart);
            return true;
        } catch (BadTokenException e) {
            return false;
        }
    }

    @Test
    void canonicalBase64urlBySpareBitsAgreesWithReencodingOnEveryShortPartAndRandomLongerOnes() {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // Every part of 1..3 characters, with a few non-alphabet characters and padding among them.
        String probe = chars + "=+/ .";
        List<String> parts = new ArrayList<>();
        for (int a = 0; a < probe.length(); a++) {
            parts.add(String.valueOf(probe.charAt(a)));
            for (int b = 0; b < probe.length(); b++) {
                parts.add("" + probe.charAt(a) + probe.charAt(b));
                for (int c = 0; c < probe.length(); c += 3) {
                    parts.add("" + probe.charAt(a) + probe.charAt(b) + probe.charAt(c));
                }
            }
        }
        Random random = new Random(612L);
        for (int k = 0; k < 50_000; k++) {
            StringBuilder sb = new StringBuilder();
            int n = 4 + random.nextInt(90);
            for (int i = 0; i < n; i++) {
                sb.append(probe.charAt(random.nextInt(random.nextInt(50) == 0 ? probe.length() : chars.length())));
            }
            parts.add(sb.toString());
        }
        for (String part : parts) {
            // CompactJws refuses an empty signature part; only non-empty ones compare.
            assertEquals(canonicalBefore(part), canonicalNow(part), "signature part '" + part + "'");
        }
    }

    /** The old DP of PathPattern, over segments, as reference. */
    private static boolean reference(String[] pattern, String[] path) {
        int n = pattern.length;
        int m = path.length;
        boolean[][] can = new boolean[n + 1][m + 1];
        can[n][m] = true;
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m; j >= 0; j--) {
                if (pattern[i].equals("**")) {
                    can[i][j] = can[i + 1][j] || (j < m && can[i][j + 1]);
                } else {
                    can[i][j] = j < m && globReference(pattern[i], path[j]) && can[i + 1][j + 1];
                }
            }
        }
        return can[0][0];
    }

    /** Glob with '*' within a segment, by the obvious regular expression. */
    private static boolean globReference(String glob, String text) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return text.matches(re.toString());
    }

    private static String[] segments(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    @Test
    void theTableFreeMatcherAgreesWithTheDynamicProgrammeOnHostilePatternsAndPaths() {
        List<String[]> cases = new ArrayList<>();
        String longA = "/a".repeat(400);
        cases.add(new String[] {"/**/a/**/a/**/a/**/b", longA});
        cases.add(new String[] {"/**/a/**/a/**/a/**/b", longA + "/b"});
        cases.add(new String[] {"/**/*a*/**/*a*/**/b*", longA + "/ba"});
        cases.add(new String[] {"/**/**/**/**", "/"});
        cases.add(new String[] {"/**", "/"});
        cases.add(new String[] {"/", "/"});
        cases.add(new String[] {"/", "/a"});
        cases.add(new String[] {"/admin/**", "/admin"});
        cases.add(new String[] {"/admin/**", "/administrator"});
        cases.add(new String[] {"/admin/*", "/admin"});
        cases.add(new String[] {"/*/**", "/"});
        cases.add(new String[] {"/a/**/b/**", "/a/b"});
        cases.add(new String[] {"/a/**/b", "/a/b/b/c"});
        cases.add(new String[] {"/a/**/b", "/a/c/b/b"});
        cases.add(new String[] {"/**/*.do", "/x/y/z.do"});
        cases.add(new String[] {"/**/*.do", "/x/y/z.do/w"});
        cases.add(new String[] {"/**/x*x*x*x*y", "/" + "x".repeat(300)});
        for (String[] c : cases) {
            assertEquals(reference(segments(c[0]), segments(c[1])), PathPattern.parse(c[0]).matches(c[1]),
                    c[0] + " against " + c[1].substring(0, Math.min(60, c[1].length())));
        }
        String[] patternSegments = {"a", "*", "**", "a*", "*a", "*a*", "b", "x.do", "*.do"};
        String[] pathSegments = {"a", "aa", "b", "ab", "x.do", "a.do", "ba"};
        Random random = new Random(613L);
        for (int k = 0; k < 100_000; k++) {
            String[] pattern = new String[random.nextInt(7)];
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = patternSegments[random.nextInt(patternSegments.length)];
            }
            String[] path = new String[random.nextInt(9)];
            for (int i = 0; i < path.length; i++) {
                path[i] = pathSegments[random.nextInt(pathSegments.length)];
            }
            String p = "/" + String.join("/", pattern);
            String t = "/" + String.join("/", path);
            assertEquals(reference(pattern, path), PathPattern.parse(p).matches(t), p + " against " + t);
        }
    }

    @Test
    void theRegexFreeHeaderParserTakesTheTokenAfterAnyRunOfSpacesAndNothingElse() {
        assertEquals(new Credentials.Bearer("a.b.c"), AuthorizationHeader.parse("Bearer a.b.c"));
        assertEquals(new Credentials.Bearer("a.b.c"), AuthorizationHeader.parse("Bearer     a.b.c"));
        assertEquals(new Credentials.Bearer("a.b.c"), AuthorizationHeader.parse("bEARER a.b.c"));
        assertEquals(new Credentials.Bearer("a.b.c"), AuthorizationHeader.parse(" \tBearer a.b.c \t"));
        assertEquals(new Credentials.Bearer("a.b.c="), AuthorizationHeader.parse("Bearer a.b.c="),
                "token68 padding reaches the verifier, which refuses it; it never matches the cached a.b.c");
        assertInstanceOf(Credentials.Malformed.class, AuthorizationHeader.parse("Bearer\ta.b.c"));
        assertInstanceOf(Credentials.Malformed.class, AuthorizationHeader.parse("Bearer a.b.c d"));
        assertInstanceOf(Credentials.Malformed.class, AuthorizationHeader.parse("Bearer a.b.c\td"));
        assertInstanceOf(Credentials.Malformed.class, AuthorizationHeader.parse("Bearer a.b%2Ec"));
        assertInstanceOf(Credentials.Malformed.class, AuthorizationHeader.parse("Bearer "));
        assertInstanceOf(Credentials.Malformed.class, AuthorizationHeader.parse("Bearer" + " ".repeat(5000)));
        // A long run of spaces costs a linear scan, no backtracking.
        assertEquals(new Credentials.Bearer("t"), AuthorizationHeader.parse("Bearer" + " ".repeat(4000) + "t"));
    }

    private static final long NOW = 1_900_000_000L;

    private static AccessTokenVerifier verifier(MutableClock clock) {
        KeyRing ring = KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes()));
        return new AccessTokenVerifier(ring, "jwtgate", null, Duration.ofSeconds(30), Duration.ofHours(1), clock,
                RevocationCheck.NONE);
    }

    private static String withDates(String iat, String nbf, String exp) {
        String payload = "{\"iss\":\"jwtgate\",\"sub\":\"u-1\",\"iat\":" + iat + ",\"nbf\":" + nbf + ",\"exp\":" + exp
                + ",\"jti\":\"j-1\",\"sid\":\"s-1\",\"roles\":[\"user\"]}";
        return new TokenForge(TestSettings.secretBytes()).hs256(TokenForge.HEADER, payload);
    }

    @Test
    void datesAsLongsGiveTheVerdictsOfTheDecimalArithmetic() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
        AccessTokenVerifier v = verifier(clock);
        String n = Long.toString(NOW);
        assertEquals("u-1", v.verify(withDates(n, n, Long.toString(NOW + 600))).subject());
        assertEquals("u-1", v.verify(withDates(n + ".0", n + ".000", (NOW + 600) + ".0")).subject());
        assertEquals("u-1", v.verify(withDates("1.9e9", "1.9E+9", "1.9000006e9")).subject());
        assertEquals("u-1", v.verify(withDates(n, "-0", Long.toString(NOW + 600))).subject(), "nbf -0 is 0");
        assertThrows(BadTokenException.class, () -> v.verify(withDates("-0", "0", n)), "iat -0: a lifetime over max-ttl");
        assertThrows(BadTokenException.class, () -> v.verify(withDates("-1", n, Long.toString(NOW + 600))));
        assertThrows(BadTokenException.class, () -> v.verify(withDates(n, n, "253402300800")));
        assertThrows(BadTokenException.class, () -> v.verify(withDates(n, n, "9223372036854775807")));
        assertThrows(BadTokenException.class, () -> v.verify(withDates(n, n, "9223372036854775808")));
        assertThrows(BadTokenException.class, () -> v.verify(withDates(n, n, "18446744073709551616000")));
        assertThrows(BadTokenException.class, () -> v.verify(withDates("-9223372036854775808", n, n)));
        assertThrows(BadTokenException.class, () -> v.verify(withDates(n, n, n)), "exp equal to iat");
        assertThrows(BadTokenException.class, () -> v.verify(withDates(n, n, Long.toString(NOW + 3601))), "over max-ttl");
        assertEquals("u-1", v.verify(withDates(n, n, Long.toString(NOW + 3600))).subject(), "exactly max-ttl");
        assertEquals("u-1", v.verify(withDates(n, n, (NOW + 3600) + ".0009")).subject(),
                "a fraction under a millisecond is floored, as the decimal arithmetic did");
        assertThrows(BadTokenException.class, () -> v.verify(withDates(n, n, (NOW + 3600) + ".001")));
        // The boundaries of the window, to the millisecond.
        String t = withDates(Long.toString(NOW + 30), Long.toString(NOW + 30), Long.toString(NOW + 600));
        assertEquals("u-1", v.verify(t).subject(), "iat exactly now + skew");
        String t2 = withDates(Long.toString(NOW + 30) + ".001", n, Long.toString(NOW + 600));
        assertThrows(BadTokenException.class, () -> v.verify(t2), "iat a millisecond past now + skew");
        String t3 = withDates(Long.toString(NOW - 600), n, Long.toString(NOW - 30) + ".001");
        assertEquals("u-1", v.verify(t3).subject(), "now a millisecond before exp + skew");
        String t4 = withDates(Long.toString(NOW - 600), n, Long.toString(NOW - 30));
        assertThrows(ExpiredTokenException.class, () -> v.verify(t4), "now exactly exp + skew");
    }

    @Test
    void pooledMacsGiveTheRightVerdictWhenMoreThreadsThanSlotsShareOneHeaderAndPayload() throws Exception {
        // Containers run a few hundred threads, so several share a slot; a forged token here has the good
        // one's header and payload and differs only in its signature.
        JwtKey key = JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes());
        String token = new TokenForge(TestSettings.secretBytes()).hs256(TokenForge.HEADER, TokenForge.claims(NOW));
        String[] p = token.split("\\.");
        byte[] good = Base64.getUrlDecoder().decode(p[2]);
        byte[] forged = good.clone();
        forged[5] ^= 1;
        List<Thread> threads = new ArrayList<>();
        AtomicInteger wrong = new AtomicInteger();
        for (int t = 0; t < 96; t++) {
            int seed = t;
            threads.add(new Thread(() -> {
                Random random = new Random(seed);
                for (int k = 0; k < 20_000; k++) {
                    boolean useGood = random.nextBoolean();
                    if (key.verifies(p[0], p[1], useGood ? good : forged) != useGood) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, wrong.get(), "verdicts that differ from the single-threaded truth");
    }

    @Test
    void pooledMacsGiveEachOfSixteenThreadsExactlyTheRightVerdict() throws Exception {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
        AccessTokenVerifier v = verifier(clock);
        TokenForge forge = new TokenForge(TestSettings.secretBytes());
        TokenForge other = new TokenForge("another-secret-of-enough-length-0123456789".getBytes(StandardCharsets.US_ASCII));
        List<String> tokens = new ArrayList<>();
        List<Boolean> good = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String payload = TokenForge.claims(NOW).replace("u-1", "u-" + i).replace("j-1", "j-" + i)
                    + " ".repeat(i % 7);
            String token = forge.hs256(TokenForge.HEADER, payload);
            tokens.add(token);
            good.add(true);
            switch (i % 4) {
                case 0 -> tokens.add(other.hs256(TokenForge.HEADER, payload));
                case 1 -> {
                    int at = token.lastIndexOf('.') + 5;
                    char c = token.charAt(at);
                    tokens.add(token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1));
                }
                case 2 -> tokens.add(forge.hs256(TokenForge.HEADER, payload.replace("\"user\"", "\"admin\""))
                        .substring(0, token.lastIndexOf('.')) + token.substring(token.lastIndexOf('.')));
                default -> tokens.add(token.substring(0, token.lastIndexOf('.') + 1)
                        + forge.hs256(TokenForge.HEADER, payload + " ").substring(token.lastIndexOf('.') + 1));
            }
            good.add(false);
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger wrong = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int seed = t;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed);
                for (int k = 0; k < 3_000; k++) {
                    int i = random.nextInt(tokens.size());
                    boolean accepted;
                    try {
                        accepted = v.verify(tokens.get(i)).subject().equals("u-" + (i / 2));
                    } catch (BadTokenException e) {
                        accepted = false;
                    }
                    if (accepted != good.get(i)) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertEquals(0, wrong.get(), "verdicts that differ from the single-threaded truth");
    }
}
