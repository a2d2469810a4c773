package io.jwtgate.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtgate.token.AccessTokenIssuer;
import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import io.jwtgate.token.VerifiedToken;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JwtGate's strict verifier against java-jwt's own verifier on the same HS256 access token: the
 * price of JwtGate's extra checks (strict JSON, canonical base64url, typ, claim types, lifetime
 * cap, revocation look-up), as a ratio measured in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerificationBenchmark {

    private static final byte[] SECRET = "benchmark-secret-0123456789-abcdefghij".getBytes(StandardCharsets.UTF_8);

    private AccessTokenVerifier jwtgate;
    private JWTVerifier javaJwt;
    private String token;

    @Setup
    public void setUp() {
        KeyRing keys = KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, SECRET));
        Clock clock = Clock.systemUTC();
        token = new AccessTokenIssuer(keys, "jwtgate", null, clock).issue("0b6f1c2e-5d0c-4a57-9c1e-6f2d8f1a9b3c",
                "alice", List.of("user"), Set.of("messages:read", "messages:send"), "sid-benchmark",
                Duration.ofHours(1)).token();
        // A revocation set of realistic size, all misses for this token.
        java.util.Set<String> revoked = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            revoked.add("revoked-" + i);
        }
        jwtgate = new AccessTokenVerifier(keys, "jwtgate", null, Duration.ofSeconds(30), Duration.ofHours(24),
                clock, (jti, sid) -> revoked.contains(jti) || revoked.contains(sid));
        javaJwt = JWT.require(Algorithm.HMAC256(SECRET)).withIssuer("jwtgate").acceptLeeway(30).build();
    }

    @Benchmark
    public VerifiedToken jwtgateVerify() {
        return jwtgate.verify(token);
    }

    @Benchmark
    public DecodedJWT javaJwtVerify() {
        return javaJwt.verify(token);
    }
}
