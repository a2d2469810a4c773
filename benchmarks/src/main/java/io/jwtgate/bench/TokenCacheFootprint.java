package io.jwtgate.bench;

import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.issuers.BearerVerifier;
import io.jwtgate.token.BoundedTokenCache;
import io.jwtgate.token.RevocationCheck;
import io.jwtgate.token.VerifiedToken;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The heap the verified-token cache really holds per token, against the estimate it counts
 * ({@code 512 + 4 × token length}, decision 610). Not a test and not run in CI:
 * {@code java -cp <classpath> io.jwtgate.bench.TokenCacheFootprint [tokens]}. Issues that many
 * distinct HS256 tokens of the shape login issues (two roles, two scopes), verifies each once
 * through a cache large enough for all, then reads every claims map as an application asking for
 * {@code jwtgate.claims} would, and prints the heap after GC per entry at each stage beside the
 * estimate.
 */
public final class TokenCacheFootprint {

    private TokenCacheFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Path dir = Files.createTempDirectory("jwtgate-cache-footprint");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Map<String, String> params = new HashMap<>();
        params.put("jwtgate.signing.secret", "base64:" + Base64.getEncoder().encodeToString(secret));
        params.put("jwtgate.data-dir", dir.toString());
        params.put("jwtgate.jdbc.url", "jdbc:h2:mem:jg_footprint;DB_CLOSE_DELAY=-1");
        Settings settings = Settings.from(List.of(ConfigSource.of("footprint", params)), "");
        try (JwtGate gate = JwtGate.start(settings)) {
            List<String> tokens = new ArrayList<>(count);
            long length = 0;
            for (int i = 0; i < count; i++) {
                String token = gate.issuer().issue(UUID.randomUUID().toString(), "user" + i, List.of("user", "editor"),
                        Set.of("messages:read", "messages:send"), gate.issuer().newId(),
                        settings.tokens().accessTokenTtl()).token();
                tokens.add(token);
                length += token.length();
            }
            BoundedTokenCache cache = new BoundedTokenCache(2 * count, Integer.MAX_VALUE, settings.tokens().clockSkew(),
                    Clock.systemUTC());
            BearerVerifier verifier = new BearerVerifier(gate.verifier(), settings.tokens().issuer(), List.of(), cache,
                    RevocationCheck.NONE);
            long before = usedAfterGc();
            List<VerifiedToken> held = new ArrayList<>(count);
            for (String token : tokens) {
                held.add(verifier.verify(token));
            }
            held.clear();
            long remembered = usedAfterGc();
            for (String token : tokens) {
                if (verifier.verify(token).claims().size() == 0) {
                    throw new IllegalStateException("empty claims");
                }
            }
            long withClaims = usedAfterGc();
            double meanLength = length / (double) count;
            System.out.printf("%d tokens of %.0f characters on average, %d remembered%n", count, meanLength, cache.size());
            System.out.printf("heap per entry, claims not read:  %6.0f B%n", (remembered - before) / (double) cache.size());
            System.out.printf("heap per entry, claims read:      %6.0f B%n", (withClaims - before) / (double) cache.size());
            System.out.printf("counted per entry (estimate):     %6.0f B%n", cache.bytes() / (double) cache.size());
            // The tokens themselves are held by this measurement too: subtract their strings.
            System.out.printf("(the token strings, also held by this program: about %.0f B each)%n", meanLength + 56);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
