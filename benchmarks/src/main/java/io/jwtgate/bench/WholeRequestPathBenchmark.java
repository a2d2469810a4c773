package io.jwtgate.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.token.VerifiedToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The whole in-process request path of {@link JwtAuthFilter} (issue 14): a GET with a valid HS256
 * Bearer token goes through the real filter, initialised as a container would, on a started
 * {@link JwtGate} with 10 000 token revocations in memory — header parsing, path normalisation,
 * rule matching, verification with the revocation look-up, the rule decision, the request wrapper
 * and the caller's attributes — to an application chain that asks for the principal and a role,
 * as a servlet would. Two rules: {@code GET /api/messages/** -> scope:messages:read} and
 * {@code /** -> authenticated}; {@link #filterAuthenticatedRule} takes the second (after trying
 * the first), {@link #filterScopeRule} the first.
 *
 * <p>Baselines in the same run, so the figures read as ratios: {@link #chainAlone} is the
 * application chain on the bare request (the servlet's own share, plus the stubs' reset),
 * {@link #javaJwtVerify} is java-jwt's {@code JWTVerifier.verify} of the same token (the
 * minimal hand-written filter's cost), {@link #jwtgateVerify} is JwtGate's verifier alone.
 * Run at one and at two threads ({@code -t 1}, {@code -t 2}): the filter and JwtGate are shared,
 * each thread has its own request, response and chain, as container threads do.
 *
 * <p>Request and response are hand-written stubs that allocate nothing per request, so
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} is what JwtGate allocates per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WholeRequestPathBenchmark {

    /** Live revocations in memory, all misses for the benchmark's token. */
    static final int REVOCATIONS = 10_000;

    static final String RULES = "GET /api/messages/** -> scope:messages:read\n/** -> authenticated";

    /** Distinct tokens the first-sight variant cycles through, per thread: far more than its cache holds. */
    static final int FIRST_SIGHT_TOKENS = 1024;

    private Path dataDir;
    private JwtGate gate;
    private JwtAuthFilter filter;
    /** A gate whose cache holds two tokens, so that cycling through many tokens is a miss every time. */
    private JwtGate firstSightGate;
    private JwtAuthFilter firstSightFilter;
    private JwtGate es256Gate;
    private JwtAuthFilter es256Filter;
    private JWTVerifier javaJwt;
    String token;
    String es256Token;

    /** One container thread's request objects: never shared between benchmark threads. */
    @State(Scope.Thread)
    public static class Exchange {
        BenchServletRequest authenticatedPath;
        BenchServletRequest scopePath;
        BenchServletRequest bare;
        BenchServletRequest es256Path;
        final BenchServletRequest[] firstSight = new BenchServletRequest[FIRST_SIGHT_TOKENS];
        int next;
        final BenchServletResponse response = new BenchServletResponse();
        final ApplicationChain chain = new ApplicationChain();

        @Setup
        public void setUp(WholeRequestPathBenchmark bench) {
            String authorization = "Bearer " + bench.token;
            authenticatedPath = new BenchServletRequest("/api/orders/42", authorization);
            scopePath = new BenchServletRequest("/api/messages/7", authorization);
            bare = new BenchServletRequest("/api/orders/42", null);
            es256Path = new BenchServletRequest("/api/orders/42", "Bearer " + bench.es256Token);
            for (int i = 0; i < FIRST_SIGHT_TOKENS; i++) {
                firstSight[i] = new BenchServletRequest("/api/orders/42", "Bearer " + bench.firstSightToken());
            }
        }
    }

    /**
     * What an application servlet does with the caller: asks for the principal's name and a role.
     * Remembers what it saw, so the benchmark can check that the request was admitted and the JIT
     * cannot drop the calls.
     */
    static final class ApplicationChain implements FilterChain {
        String name;
        boolean user;
        int calls;

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) {
            HttpServletRequest http = (HttpServletRequest) request;
            Principal principal = http.getUserPrincipal();
            name = principal == null ? null : principal.getName();
            user = http.isUserInRole("user");
            calls++;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dataDir = Files.createTempDirectory("jwtgate-bench-path");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Map<String, String> params = new HashMap<>();
        params.put("jwtgate.signing.secret", secretText);
        params.put("jwtgate.data-dir", dataDir.toString());
        params.put("jwtgate.jdbc.url", "jdbc:h2:mem:jg_path_" + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1");
        params.put("jwtgate.rules", RULES);
        params.put("jwtgate.role-scopes", "user=messages:read messages:send");
        Settings settings = Settings.from(List.of(ConfigSource.of("benchmark", params)), "");
        gate = JwtGate.start(settings);
        long revokedUntil = System.currentTimeMillis() + settings.tokens().accessTokenTtl().toMillis();
        for (int i = 0; i < REVOCATIONS; i++) {
            gate.revocations().revokeToken(UUID.randomUUID().toString(), revokedUntil);
        }
        if (gate.revocations().size() < REVOCATIONS) {
            throw new IllegalStateException("revocations in memory: " + gate.revocations().size());
        }
        token = gate.issuer().issue(UUID.randomUUID().toString(), "alice", List.of("user"),
                Set.of("messages:read", "messages:send"), gate.issuer().newId(),
                settings.tokens().accessTokenTtl()).token();
        filter = BenchFilterHost.start(gate);
        Map<String, String> firstSightParams = new HashMap<>(params);
        firstSightParams.put("jwtgate.jdbc.url", memoryStore());
        firstSightParams.put("jwtgate.token-cache.max-entries", "2");
        firstSightGate = JwtGate.start(Settings.from(List.of(ConfigSource.of("benchmark", firstSightParams)), ""));
        firstSightFilter = BenchFilterHost.start(firstSightGate);
        Map<String, String> es256Params = new HashMap<>(params);
        es256Params.put("jwtgate.jdbc.url", memoryStore());
        es256Params.remove("jwtgate.signing.secret");
        es256Params.put("jwtgate.signing.algorithm", "ES256");
        es256Params.put("jwtgate.signing.key", BenchKeys.es256PemFile(dataDir).toString());
        es256Gate = JwtGate.start(Settings.from(List.of(ConfigSource.of("benchmark", es256Params)), ""));
        es256Filter = BenchFilterHost.start(es256Gate);
        es256Token = es256Gate.issuer().issue(UUID.randomUUID().toString(), "alice", List.of("user"),
                Set.of("messages:read"), es256Gate.issuer().newId(), settings.tokens().accessTokenTtl()).token();
        javaJwt = JWT.require(Algorithm.HMAC256(secretText.getBytes(StandardCharsets.UTF_8)))
                .withIssuer(settings.tokens().issuer())
                .withAudience(settings.tokens().audience())
                .acceptLeeway(settings.tokens().clockSkew().toSeconds())
                .build();
        // The figures mean nothing unless every path admits the caller and every baseline accepts the token.
        javaJwt.verify(token);
        gate.verifier().verify(token);
        Exchange probe = new Exchange();
        probe.setUp(this);
        filterAuthenticatedRule(probe);
        filterScopeRule(probe);
        filterFirstSight(probe);
        filterEs256Cached(probe);
        if (!probe.chain.user || probe.chain.calls != 4) {
            throw new IllegalStateException("the application chain did not see the caller in role user");
        }
    }

    private static String memoryStore() {
        return "jdbc:h2:mem:jg_path_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }

    /** A token of the first-sight gate for a user of its own: every one distinct. */
    String firstSightToken() {
        return firstSightGate.issuer().issue(UUID.randomUUID().toString(), "alice", List.of("user"),
                Set.of("messages:read"), firstSightGate.issuer().newId(), firstSightGate.settings().tokens().accessTokenTtl())
                .token();
    }

    /** The running instance, for {@link RequestPathAllocations}. */
    JwtGate gate() {
        return gate;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (JwtAuthFilter f : new JwtAuthFilter[] {filter, firstSightFilter, es256Filter}) {
            if (f != null) {
                f.destroy();
            }
        }
        for (JwtGate g : new JwtGate[] {gate, firstSightGate, es256Gate}) {
            if (g != null) {
                g.close();
            }
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The whole path, the request falling past the scope rule to {@code /** -> authenticated}. */
    @Benchmark
    public String filterAuthenticatedRule(Exchange exchange) throws IOException, ServletException {
        return admitted(exchange, exchange.authenticatedPath);
    }

    /** The whole path on {@code GET /api/messages/** -> scope:messages:read}. */
    @Benchmark
    public String filterScopeRule(Exchange exchange) throws IOException, ServletException {
        return admitted(exchange, exchange.scopePath);
    }

    /**
     * The whole path on a token seen for the first time: the thread cycles through
     * {@link #FIRST_SIGHT_TOKENS} tokens on a gate whose cache holds two, so each is a cache miss,
     * a full verification and an attempt to remember it.
     */
    @Benchmark
    public String filterFirstSight(Exchange exchange) throws IOException, ServletException {
        BenchServletRequest request = exchange.firstSight[exchange.next];
        exchange.next = (exchange.next + 1) % FIRST_SIGHT_TOKENS;
        return admitted(firstSightFilter, exchange, request);
    }

    /** The whole path with an ES256 token seen again (the signature check is a millisecond on first sight). */
    @Benchmark
    public String filterEs256Cached(Exchange exchange) throws IOException, ServletException {
        return admitted(es256Filter, exchange, exchange.es256Path);
    }

    private String admitted(Exchange exchange, BenchServletRequest request) throws IOException, ServletException {
        return admitted(filter, exchange, request);
    }

    private String admitted(JwtAuthFilter through, Exchange exchange, BenchServletRequest request)
            throws IOException, ServletException {
        request.reset();
        exchange.response.reset();
        exchange.chain.name = null;
        through.doFilter(request, exchange.response, exchange.chain);
        String name = exchange.chain.name;
        if (name == null || !exchange.response.untouched()) {
            // A refusal would be measured as a much cheaper or dearer path: stop the run instead.
            throw new IllegalStateException("the filter did not admit the request: status "
                    + exchange.response.getStatus());
        }
        return name;
    }

    /** Baseline: the application chain on the bare request, with the same stub resets. */
    @Benchmark
    public boolean chainAlone(Exchange exchange) {
        exchange.bare.reset();
        exchange.response.reset();
        exchange.chain.doFilter(exchange.bare, exchange.response);
        return exchange.chain.user;
    }

    /** Baseline: java-jwt's own verifier on the same token (issuer, audience, leeway as JwtGate's). */
    @Benchmark
    public DecodedJWT javaJwtVerify() {
        return javaJwt.verify(token);
    }

    /** JwtGate's verifier alone on the same token, with the revocation look-up. */
    @Benchmark
    public VerifiedToken jwtgateVerify() {
        return gate.verifier().verify(token);
    }
}
