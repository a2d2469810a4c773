package io.jwtgate.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The revocation look-up alone with a million revoked token ids (issue 14 item 5): the table that
 * {@code Revocations} holds them in ({@code RevokedIds}) against the {@code ConcurrentHashMap<String,
 * Long>} it used before, in one run. Misses are what nearly every request asks; ids are JwtGate's
 * own form (22 characters, 16 random bytes) or an external issuer's ({@code issuer:} and a UUID).
 *
 * <p>Most probe strings are made once, so the map finds their hash codes cached, which a token
 * parsed for the request would not have: that comparison favours the map. The {@code Fresh} pair
 * copies the string first (24 bytes, in both), as a request would have it. Run with
 * {@code -prof gc} for the bytes per look-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RevocationLookupBenchmark {

    private static final int ENTRIES = 1_000_000;
    private static final int PROBES = 4096;
    private static final MethodHandle NEW_TABLE;
    private static final MethodHandle MERGE;
    private static final MethodHandle CONTAINS;

    static {
        try {
            Class<?> type = Class.forName("io.jwtgate.session.RevokedIds");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            NEW_TABLE = lookup.findConstructor(type, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
            MERGE = lookup.findVirtual(type, "merge", MethodType.methodType(void.class, String.class, long.class))
                    .asType(MethodType.methodType(void.class, Object.class, String.class, long.class));
            CONTAINS = lookup.findVirtual(type, "contains", MethodType.methodType(boolean.class, String.class))
                    .asType(MethodType.methodType(boolean.class, Object.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConcurrentHashMap<String, Long> map = new ConcurrentHashMap<>();
    private Object table;
    private final String[] missCanonical = new String[PROBES];
    private final String[] hitCanonical = new String[PROBES];
    private final String[] missExternal = new String[PROBES];
    private int next;

    @Setup(Level.Trial)
    public void fill() throws Throwable {
        table = (Object) NEW_TABLE.invokeExact();
        Random random = new Random(14);
        long expiry = 4_102_444_800_000L; // 2100: nothing is swept here
        for (int i = 0; i < ENTRIES; i++) {
            // One in ten from an external issuer; the first PROBES of JwtGate's form are the hits.
            String id = i < PROBES || i % 10 != 0 ? canonical(random) : external(random);
            if (i < PROBES) {
                hitCanonical[i] = id;
            }
            map.put(id, expiry);
            MERGE.invokeExact(table, id, expiry);
        }
        for (int i = 0; i < PROBES; i++) {
            missCanonical[i] = canonical(random);
            missExternal[i] = external(random);
        }
    }

    private static String canonical(Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String external(Random random) {
        return "issuer:" + new java.util.UUID(random.nextLong(), random.nextLong());
    }

    private int nextProbe() {
        next = (next + 1) & (PROBES - 1);
        return next;
    }

    @Benchmark
    public boolean mapMissCanonical() {
        return map.containsKey(missCanonical[nextProbe()]);
    }

    @Benchmark
    public boolean tableMissCanonical() throws Throwable {
        return (boolean) CONTAINS.invokeExact(table, missCanonical[nextProbe()]);
    }

    /** As a request sees it: a string just parsed from the token, whose hash code is not cached yet. */
    @Benchmark
    public boolean mapMissCanonicalFresh() {
        return map.containsKey(new String(missCanonical[nextProbe()]));
    }

    @Benchmark
    public boolean tableMissCanonicalFresh() throws Throwable {
        return (boolean) CONTAINS.invokeExact(table, new String(missCanonical[nextProbe()]));
    }

    @Benchmark
    public boolean mapHitCanonical() {
        return map.containsKey(hitCanonical[nextProbe()]);
    }

    @Benchmark
    public boolean tableHitCanonical() throws Throwable {
        return (boolean) CONTAINS.invokeExact(table, hitCanonical[nextProbe()]);
    }

    @Benchmark
    public boolean mapMissExternal() {
        return map.containsKey(missExternal[nextProbe()]);
    }

    @Benchmark
    public boolean tableMissExternal() throws Throwable {
        return (boolean) CONTAINS.invokeExact(table, missExternal[nextProbe()]);
    }
}
