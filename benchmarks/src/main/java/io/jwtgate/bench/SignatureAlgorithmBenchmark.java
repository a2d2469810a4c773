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
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of verifying an access token on first sight (JwtGate has no verified-token cache yet,
 * so every request pays it) per signature algorithm, beside java-jwt's own verifier where java-jwt
 * has the algorithm: the figures for {@code docs/performance.md}'s algorithm table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureAlgorithmBenchmark {

    private static final byte[] SECRET = "benchmark-secret-0123456789-abcdefghij".getBytes(StandardCharsets.UTF_8);

    @Param({"HS256", "RS256", "PS256", "ES256", "EdDSA"})
    public String algorithm;

    private AccessTokenVerifier jwtgate;
    private JWTVerifier javaJwt;
    private String token;

    @Setup
    public void setUp() throws GeneralSecurityException {
        JwsAlgorithm alg = JwsAlgorithm.valueOf(algorithm);
        JwtKey key;
        Algorithm javaJwtAlgorithm = null;
        switch (alg.family()) {
            case HMAC:
                key = JwtKey.hmac(alg, "k1", SECRET);
                javaJwtAlgorithm = Algorithm.HMAC256(SECRET);
                break;
            case RSA:
            case RSA_PSS: {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair pair = g.generateKeyPair();
                key = JwtKey.signing(alg, "k1", pair.getPrivate(), pair.getPublic());
                if (alg == JwsAlgorithm.RS256) {
                    javaJwtAlgorithm = Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
                }
                break;
            }
            case EC: {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(alg.curve().orElseThrow()));
                KeyPair pair = g.generateKeyPair();
                key = JwtKey.signing(alg, "k1", pair.getPrivate(), pair.getPublic());
                javaJwtAlgorithm = Algorithm.ECDSA256((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
                break;
            }
            default: {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                key = JwtKey.signing(alg, "k1", pair.getPrivate(), pair.getPublic());
            }
        }
        KeyRing keys = KeyRing.single(key);
        Clock clock = Clock.systemUTC();
        token = new AccessTokenIssuer(keys, "jwtgate", null, clock).issue("0b6f1c2e-5d0c-4a57-9c1e-6f2d8f1a9b3c",
                "alice", List.of("user"), Set.of("messages:read", "messages:send"), "sid-benchmark",
                Duration.ofHours(1)).token();
        jwtgate = new AccessTokenVerifier(keys, "jwtgate", null, Duration.ofSeconds(30), Duration.ofHours(24),
                clock, (jti, sid) -> false);
        javaJwt = javaJwtAlgorithm == null ? null
                : JWT.require(javaJwtAlgorithm).withIssuer("jwtgate").acceptLeeway(30).build();
    }

    @Benchmark
    public VerifiedToken jwtgateVerify() {
        return jwtgate.verify(token);
    }

    /** java-jwt on the same token; for EdDSA and PS256, which java-jwt lacks, nothing is measured. */
    @Benchmark
    public DecodedJWT javaJwtVerify() {
        return javaJwt == null ? null : javaJwt.verify(token);
    }
}
