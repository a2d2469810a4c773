package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.MutableClock;
import io.jwtgate.token.JwsAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's key set as a weapon: a JWKS server on 127.0.0.1 that the test controls answers
 * hostile documents and bodies to JwtGate's real fetch ({@link JwksClient}), parser
 * ({@link RemoteJwks}) and cache ({@link RemoteKeySet}). Every probe here holds: a hostile key is
 * never usable, a hostile body is a failed fetch, and a failure keeps the last good keys.
 */
class RemoteJwksAttackTest {

    private static final Set<JwsAlgorithm> ALGS = Set.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256);

    private final RSAKey rsa = IdentityProvider.rsaKey("rsa-1");
    private final ECKey ec = IdentityProvider.ecKey("ec-1");
    private final MutableClock clock = new MutableClock(Instant.now());
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Answer answer;
    private HttpServer server;
    private final FetchWatchdog watchdog = new FetchWatchdog();

    @FunctionalInterface
    private interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try {
                answer.send(exchange);
            } catch (IOException e) {
                // the client gave up: that is the point of several probes
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        watchdog.close();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    private RemoteKeySet keySet() {
        return new RemoteKeySet("hostile", new JwksClient(uri(), Duration.ofMillis(500), Duration.ofMillis(500), 64 * 1024,
                watchdog),
                RemoteJwks.PARSER, ALGS, clock, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    private static Answer body(String json) {
        return body(json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static Answer body(byte[] bytes, Map<String, String> headers) {
        return x -> {
            headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
            x.sendResponseHeaders(200, bytes.length);
            x.getResponseBody().write(bytes);
        };
    }

    private static String set(List<Map<String, Object>> keys) {
        return IssuerTokens.json(Map.of("keys", keys));
    }

    private static Map<String, Object> jwk(com.nimbusds.jose.jwk.JWK key) {
        return new LinkedHashMap<>(key.toPublicJWK().toJSONObject());
    }

    private void assertNoUsableKey(String what, Map<String, Object> hostile, JwsAlgorithm alg, String kid) {
        answer = body(set(List.of(hostile)));
        RemoteKeySet keys = keySet();
        assertThrows(IssuerKeysUnavailableException.class, () -> keys.key(alg, kid), what);
        // Beside a good key, the hostile one is skipped and the good one stays usable.
        answer = body(set(List.of(hostile.get("kid") != null && hostile.get("kid").equals(kid) ? jwk(ec) : jwk(rsa),
                hostile)));
        RemoteKeySet mixed = keySet();
        assertTrue(mixed.key(alg, kid).isEmpty(), what + " beside a good key");
    }

    @Test
    void hostileKeysAreNeverUsable() throws Exception {
        Map<String, Object> oct = new LinkedHashMap<>(Map.of("kty", "oct", "kid", "k-oct", "alg", "HS256",
                "k", Base64URL.encode(new byte[32]).toString()));
        assertNoUsableKey("oct", oct, JwsAlgorithm.RS256, "k-oct");

        Map<String, Object> hsOnRsa = jwk(IdentityProvider.rsaKey("k-hs"));
        hsOnRsa.put("alg", "HS256");
        assertNoUsableKey("RSA key with alg HS256", hsOnRsa, JwsAlgorithm.RS256, "k-hs");

        Map<String, Object> priv = new LinkedHashMap<>(IdentityProvider.rsaKey("k-priv").toJSONObject());
        assertNoUsableKey("RSA key with private members", priv, JwsAlgorithm.RS256, "k-priv");

        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        Map<String, Object> small = jwk(new RSAKey.Builder((RSAPublicKey) g.generateKeyPair().getPublic())
                .keyID("k-1024").build());
        assertNoUsableKey("1024-bit RSA", small, JwsAlgorithm.RS256, "k-1024");

        Map<String, Object> e1 = jwk(IdentityProvider.rsaKey("k-e1"));
        e1.put("e", Base64URL.encode(BigInteger.ONE).toString());
        assertNoUsableKey("exponent 1", e1, JwsAlgorithm.RS256, "k-e1");

        ECKey onCurve = IdentityProvider.ecKey("k-off");
        Map<String, Object> offCurve = jwk(onCurve);
        byte[] y = onCurve.getY().decode();
        y[y.length - 1] ^= 1;
        offCurve.put("y", Base64URL.encode(y).toString());
        assertNoUsableKey("EC point off the curve", offCurve, JwsAlgorithm.ES256, "k-off");

        Map<String, Object> p384 = jwk(new com.nimbusds.jose.jwk.gen.ECKeyGenerator(Curve.P_384).keyID("k-384")
                .generate());
        assertNoUsableKey("P-384 key for ES256", p384, JwsAlgorithm.ES256, "k-384");

        Map<String, Object> enc = jwk(IdentityProvider.rsaKey("k-enc"));
        enc.put("use", "enc");
        assertNoUsableKey("use enc", enc, JwsAlgorithm.RS256, "k-enc");
    }

    @Test
    void hostileDocumentsAreFailedFetchesThatKeepTheLastGoodKeys() throws Exception {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(Map.of("kty", "oct", "kid", "k" + i, "k", "AAAA"));
        }
        byte[] zeros = new byte[8 * 1024 * 1024];
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(zeros);
        }
        List<Answer> hostile = List.of(
                body(set(List.of(jwk(rsa), jwk(IdentityProvider.rsaKey("rsa-1"))))),
                body(set(many)),
                body(gz.toByteArray(), Map.of("Content-Encoding", "gzip", "Content-Type", "application/json")),
                body(new byte[] {'{', '"', 'k', 'e', 'y', 's', '"', ':', '[', '"', (byte) 0xC3, (byte) 0x28, '"', ']', '}'},
                        Map.of()),
                body("{\"keys\":[" + IssuerTokens.json(jwk(rsa)) + "],\"keys\":[]}"),
                body("{\"keys\":[" + IssuerTokens.json(jwk(rsa)) + "]"),
                body("[" + IssuerTokens.json(jwk(rsa)) + "]"),
                x -> {
                    // 50 MB, chunked, no length announced.
                    x.sendResponseHeaders(200, 0);
                    OutputStream out = x.getResponseBody();
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    for (int i = 0; i < 800; i++) {
                        out.write(chunk);
                    }
                },
                x -> {
                    // Never ends: a byte every 50 ms, each under the read timeout.
                    x.sendResponseHeaders(200, 0);
                    OutputStream out = x.getResponseBody();
                    out.write("{\"keys\":[".getBytes(StandardCharsets.US_ASCII));
                    while (true) {
                        out.write(' ');
                        out.flush();
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                x -> {
                    x.getResponseHeaders().add("Location", "http://127.0.0.2:" + server.getAddress().getPort() + "/x");
                    x.sendResponseHeaders(302, -1);
                });
        answer = body(set(List.of(jwk(rsa), jwk(ec))));
        RemoteKeySet keys = keySet();
        assertTrue(keys.key(JwsAlgorithm.RS256, "rsa-1").isPresent());
        for (int i = 0; i < hostile.size(); i++) {
            answer = hostile.get(i);
            clock.advance(Duration.ofMinutes(6));
            int before = requests.get();
            String probe = "hostile answer #" + i;
            // Past cache-ttl: one fetch of the hostile answer, bounded in time, the old keys answer.
            assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertTrue(keys.key(JwsAlgorithm.RS256, "rsa-1").isPresent(), probe));
            assertEquals(before + 1, requests.get(), probe + " fetched once (redirects not followed)");
            assertTrue(keys.key(JwsAlgorithm.ES256, "ec-1").isPresent(), probe);
        }
    }

    @Test
    void aFloodOfMadeUpKidsCostsTheProviderOneRequestPerMinRefresh() {
        answer = body(set(List.of(jwk(rsa), jwk(ec))));
        RemoteKeySet keys = keySet();
        assertTrue(keys.key(JwsAlgorithm.RS256, "rsa-1").isPresent());
        assertEquals(1, requests.get());
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < 500; i++) {
                assertTrue(keys.key(i % 2 == 0 ? JwsAlgorithm.RS256 : JwsAlgorithm.ES256, UUID.randomUUID().toString())
                        .isEmpty());
            }
            assertEquals(round, requests.get(), "round " + round);
            clock.advance(Duration.ofSeconds(30));
        }
    }

    @Test
    void aKeySetThatChangesMaterialUnderTheSameKidIsFollowedAndTheOldMaterialDies() {
        answer = body(set(List.of(jwk(rsa))));
        RemoteKeySet keys = keySet();
        io.jwtgate.token.JwtKey first = keys.key(JwsAlgorithm.RS256, "rsa-1").orElseThrow();
        RSAKey swapped = IdentityProvider.rsaKey("rsa-1");
        answer = body(set(List.of(jwk(swapped))));
        clock.advance(Duration.ofMinutes(5));
        io.jwtgate.token.JwtKey second = keys.key(JwsAlgorithm.RS256, "rsa-1").orElseThrow();
        assertTrue(first != second, "the set fetched after cache-ttl replaces the old one");
    }
}
