package io.jwtgate.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in identity provider on 127.0.0.1: it publishes a JWKS at {@link #jwksUri()} and signs
 * tokens with nimbus-jose-jwt, an independent JOSE implementation. Its endpoint can be made to
 * misbehave ({@link Mode}) or go down and come back on the same port, so tests see what JwtGate
 * does when a real provider rotates keys, is slow, fails or answers too much.
 */
public final class IdentityProvider implements AutoCloseable {

    /** How the JWKS endpoint answers. */
    public enum Mode {
        /** 200 with the published keys. */
        NORMAL,
        /** 500. */
        FAIL,
        /** Waits {@link #slowness} before answering. */
        SLOW,
        /** 200 with a valid key set padded beyond any sane size. */
        OVERSIZED,
        /** 302 to a key set elsewhere. */
        REDIRECT,
        /** 200 with a body that is not JSON. */
        NOT_JSON
    }

    public static final String JWKS_PATH = "/protocol/openid-connect/certs";

    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Mode mode = Mode.NORMAL;
    private volatile Duration slowness = Duration.ofSeconds(3);
    private HttpServer server;
    /** 0 until first started; then the same port on every {@link #up()}. */
    private int boundPort;

    private IdentityProvider() {
    }

    /** A provider that is up. */
    public static IdentityProvider start() {
        IdentityProvider p = new IdentityProvider();
        p.up();
        return p;
    }

    /** A provider whose port is known but which is down until {@link #up()}. */
    public static IdentityProvider down() {
        IdentityProvider p = start();
        p.goDown();
        return p;
    }

    /** Starts serving (again) on the same port. */
    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), boundPort), 0);
            s.createContext("/", this::handle);
            // A thread per exchange: a slow answer must not hold up the next request.
            s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            s.start();
            server = s;
            if (boundPort == 0) {
                boundPort = s.getAddress().getPort();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops serving: connections are refused until {@link #up()}. */
    public synchronized void goDown() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
            server = null;
        }
    }

    public void mode(Mode m) {
        this.mode = m;
    }

    public void slowness(Duration d) {
        this.slowness = d;
    }

    /** How many requests the JWKS endpoint got. */
    public int requests() {
        return requests.get();
    }

    public URI jwksUri() {
        return URI.create("http://127.0.0.1:" + boundPort + JWKS_PATH);
    }

    /** Publishes exactly these keys' public halves (the set a rotation step leaves). */
    public void publish(JWK... keys) {
        List<JWK> pub = new ArrayList<>();
        for (JWK k : keys) {
            pub.add(k.toPublicJWK());
        }
        published.clear();
        published.addAll(pub);
    }

    public String jwksJson() {
        return new JWKSet(new ArrayList<>(published)).toString(true);
    }

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs {@code claims} with {@code key} (RS256 for RSA, ES256 for EC), header {@code kid} of the
     * key and {@code typ} as given (null for none); {@code header} may add more.
     */
    public static String sign(JWK key, String typ, JWTClaimsSet claims, Consumer<JWSHeader.Builder> header) {
        try {
            JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
            JWSSigner signer = key instanceof RSAKey ? new RSASSASigner((RSAKey) key) : new ECDSASigner((ECKey) key);
            JWSHeader.Builder b = new JWSHeader.Builder(alg).keyID(key.getKeyID());
            if (typ != null) {
                b.type(new JOSEObjectType(typ));
            }
            header.accept(b);
            SignedJWT jwt = new SignedJWT(b.build(), claims);
            jwt.sign(signer);
            String token = jwt.serialize();
            Secrets.remember(token);
            return token;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWK key, String typ, JWTClaimsSet claims) {
        return sign(key, typ, claims, b -> { });
    }

    /**
     * Reads a key set with nimbus, for tests of fetching and caching that must not depend on
     * JwtGate's own JWK parser: RSA keys for every allowed RS/PS algorithm, P-256 keys for ES256.
     */
    public static List<io.jwtgate.token.JwtKey> nimbusParse(com.fasterxml.jackson.databind.JsonNode jwks,
            java.util.Set<io.jwtgate.token.JwsAlgorithm> allowed) {
        try {
            List<io.jwtgate.token.JwtKey> keys = new ArrayList<>();
            for (JWK k : JWKSet.parse(jwks.toString()).getKeys()) {
                for (io.jwtgate.token.JwsAlgorithm alg : allowed) {
                    if (k instanceof RSAKey && alg.name().matches("[RP]S\\d+")) {
                        keys.add(io.jwtgate.token.JwtKey.verifying(alg, k.getKeyID(), ((RSAKey) k).toRSAPublicKey()));
                    } else if (k instanceof ECKey && alg == io.jwtgate.token.JwsAlgorithm.ES256) {
                        keys.add(io.jwtgate.token.JwtKey.verifying(alg, k.getKeyID(), ((ECKey) k).toECPublicKey()));
                    }
                }
            }
            return keys;
        } catch (java.text.ParseException | JOSEException e) {
            throw new IllegalArgumentException("not a key set: " + e.getMessage());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(JWKS_PATH)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            switch (mode) {
                case FAIL:
                    exchange.sendResponseHeaders(500, -1);
                    return;
                case REDIRECT:
                    exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + boundPort + "/elsewhere");
                    exchange.sendResponseHeaders(302, -1);
                    return;
                case SLOW:
                    try {
                        // A real delay on purpose: what is tested is JwtGate's read timeout on a real socket.
                        Thread.sleep(slowness.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    send(exchange, jwksJson());
                    return;
                case OVERSIZED: {
                    String json = jwksJson();
                    // Still a valid key set: only its size is wrong.
                    String padded = "{\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"," + json.substring(1);
                    send(exchange, padded);
                    return;
                }
                case NOT_JSON:
                    send(exchange, "<html>maintenance</html>");
                    return;
                default:
                    send(exchange, jwksJson());
            }
        } catch (IOException e) {
            // The client gave up (a timeout or a size limit): nothing to answer.
        }
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // Chunked (length 0): a client must bound what it reads, not trust a Content-Length.
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        goDown();
    }
}
