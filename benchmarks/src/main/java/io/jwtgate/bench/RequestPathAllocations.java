package io.jwtgate.bench;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.rules.AccessRule;
import io.jwtgate.rules.PathNormalizer;
import io.jwtgate.web.AuthOutcome;
import io.jwtgate.web.AuthorizationHeader;
import io.jwtgate.web.Authorizer;
import io.jwtgate.web.CallerAttributes;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Where the bytes of one request through {@link WholeRequestPathBenchmark}'s filter go (issue 14
 * item 3, the lean request path): each step of {@code JwtAuthFilter.admit} run on its own, on the
 * same started JwtGate, token and stubs, with the bytes this thread allocated per call
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) after a warm-up long enough for
 * the JIT's escape analysis to have done what it will. Exact per call, not sampled; not a timing,
 * so it needs no quiet machine. Not run in CI:
 * {@code java -cp <classpath> io.jwtgate.bench.RequestPathAllocations [calls]}.
 */
public final class RequestPathAllocations {

    /** Results land here so the JIT cannot drop the calls that made them. */
    static volatile Object sink;

    private RequestPathAllocations() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        WholeRequestPathBenchmark bench = new WholeRequestPathBenchmark();
        bench.setUp();
        try {
            WholeRequestPathBenchmark.Exchange exchange = new WholeRequestPathBenchmark.Exchange();
            exchange.setUp(bench);
            BenchServletRequest request = exchange.authenticatedPath;
            String address = bench.gate().settings().web().trustedProxies().clientAddress(request);
            AuthOutcome outcome = bench.gate().authenticator().authenticate(request, address);
            JwtGateAuthentication caller = ((AuthOutcome.Authenticated) outcome).authentication();
            AccessRule rule = bench.gate().settings().rules().accessRules()
                    .match("GET", PathNormalizer.normalize(request.getServletPath(), null));
            Supplier<AuthOutcome> fixed = () -> outcome;

            System.out.printf("bytes allocated per call, %d calls after as many to warm up (JDK %s)%n", calls,
                    System.getProperty("java.version"));
            measure("whole filter, /** -> authenticated", calls, () -> {
                try {
                    return bench.filterAuthenticatedRule(exchange);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            measure("whole filter, scope:messages:read", calls, () -> {
                try {
                    return bench.filterScopeRule(exchange);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            measure("whole filter, first sight (cache miss)", calls, () -> {
                try {
                    return bench.filterFirstSight(exchange);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            measure("whole filter, ES256 seen again", calls, () -> {
                try {
                    return bench.filterEs256Cached(exchange);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            measure("  Authorization header parsing", calls,
                    () -> AuthorizationHeader.parse(request.getHeaders("Authorization")));
            measure("  path normalisation + rule match", calls, () -> bench.gate().settings().rules().accessRules()
                    .match("GET", PathNormalizer.normalizedSegments(request.getServletPath(), request.getPathInfo())));
            measure("  client address (trusted proxies)", calls,
                    () -> bench.gate().settings().web().trustedProxies().clientAddress(request));
            measure("  authenticator (header + bearer verify + caller)", calls,
                    () -> bench.gate().authenticator().authenticate(request, address));
            measure("    AccessTokenVerifier.verify alone", calls, () -> bench.gate().verifier().verify(bench.token));
            measure("  metrics around authenticate (fixed outcome)", calls, () -> bench.gate().metrics().authenticate(fixed));
            measure("  rule decision", calls, () -> Authorizer.decide(rule, caller));
            measure("  caller attributes on the request", calls, () -> {
                request.reset();
                CallerAttributes.expose(request, caller);
                return request;
            });
            measure("baseline: application chain alone", calls, () -> bench.chainAlone(exchange));
            measure("baseline: java-jwt JWTVerifier.verify", calls, bench::javaJwtVerify);
        } finally {
            bench.tearDown();
        }
    }

    private static void measure(String label, int calls, Supplier<?> step) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < calls; i++) {
            sink = step.get();
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            sink = step.get();
        }
        long after = threads.getThreadAllocatedBytes(id);
        System.out.printf("%-52s %8.0f B%n", label, (after - before) / (double) calls);
    }
}
