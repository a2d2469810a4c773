package io.jwtgate.bench;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.login.BasicCache;
import io.jwtgate.login.PasswordHasher;
import java.time.Clock;
import java.util.Optional;
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
 * What the Basic cache saves: a cached Basic check (one HMAC and a map look-up) against the bcrypt
 * check it replaces, at the minimum and the default cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BasicCheckBenchmark {

    @Param({"10", "12"})
    public int cost;

    private PasswordHasher hasher;
    private String hash;
    private BasicCache cache;

    @Setup
    public void setUp() {
        hasher = new PasswordHasher(cost);
        hash = hasher.hash("correct horse battery");
        cache = new BasicCache(Clock.systemUTC());
        cache.put("alice", "correct horse battery",
                JwtGateAuthentication.basic("u-1", "alice", Set.of("user"), Set.of("messages:read")),
                cache.generation());
    }

    @Benchmark
    public Optional<JwtGateAuthentication> cachedBasicCheck() {
        return cache.get("alice", "correct horse battery");
    }

    @Benchmark
    public boolean bcryptCheck() {
        return hasher.matches("correct horse battery", hash);
    }
}
