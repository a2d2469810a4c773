package io.jwtgate.bench;

import io.jwtgate.rules.AccessRule;
import io.jwtgate.rules.AccessRules;
import io.jwtgate.rules.PathNormalizer;
import io.jwtgate.web.AuthorizationHeader;
import io.jwtgate.web.Credentials;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request work around the signature: header parsing, path normalisation and rule
 * matching with the spec's example rules (the last rule is the one most requests fall through to).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestPathBenchmark {

    private final AccessRules rules = AccessRules.parse(String.join("\n",
            "GET        /api/messages/**   -> scope:messages:read",
            "POST       /api/messages      -> scope:messages:send",
            "GET,POST   /admin/**          -> role:admin",
            "           /public/**         -> permit",
            "           /**                -> authenticated"));
    private final String header = "Bearer eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqd3RnYXRlIn0."
            + "WPsJQICzA8luHqv03e6lrE_65ODXswzkBKnUhvgYCZU";

    @Benchmark
    public Credentials parseAuthorizationHeader() {
        return AuthorizationHeader.parse(header);
    }

    @Benchmark
    public AccessRule normalizeAndMatchFallThrough() {
        return rules.match("GET", PathNormalizer.normalizedSegments("/api/orders/42/items", null));
    }

    @Benchmark
    public AccessRule normalizeAndMatchFirstRule() {
        return rules.match("GET", PathNormalizer.normalizedSegments("/api/messages/7", null));
    }
}
