package io.jwtgate.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a load run's server CPU and allocation go, from a JFR recording of
 * {@code benchmarks/load-compare.sh} ({@code PROFILE_DIR}). Not a test and not run in CI:
 * {@code java -cp <classpath> io.jwtgate.bench.JfrHotFrames <recording.jfr> [top, default 25]}.
 *
 * <p>Only Jetty's request threads ({@code qtp*}) count. Prints, for {@code jdk.ExecutionSample}:
 * the share of samples with {@code JwtAuthFilter.doFilter} on the stack (the filter's share of the
 * request threads' CPU, the servlet it calls excluded); the hottest methods by self samples; the
 * JwtGate methods by inclusive samples (on the stack anywhere, the servlet below the filter excluded);
 * and each sample in the filter charged to the JwtGate method nearest the top of its stack together
 * with the library frame above it, which names what each JwtGate step spends its time in. The same
 * for {@code jdk.ObjectAllocationSample}, weighted by the sampled bytes.
 */
public final class JfrHotFrames {

    private static final String FILTER = "io.jwtgate.JwtAuthFilter.doFilter";
    private static final String SERVLET = "io.jwtgate.bench.LoadTarget$HelloServlet.doGet";

    private JfrHotFrames() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Tally cpu = new Tally();
        Tally alloc = new Tally();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                RecordedThread t = e.getThread("sampledThread");
                if (isRequestThread(t)) {
                    cpu.add(e.getStackTrace(), 1);
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                RecordedThread t = e.getThread("eventThread");
                if (isRequestThread(t)) {
                    alloc.add(e.getStackTrace(), e.getLong("weight"));
                }
            }
        }
        cpu.print("CPU (jdk.ExecutionSample, samples)", top);
        alloc.print("Allocation (jdk.ObjectAllocationSample, sampled bytes)", top);
    }

    private static boolean isRequestThread(RecordedThread t) {
        return t != null && t.getJavaName() != null && t.getJavaName().startsWith("qtp");
    }

    private static String name(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        return m.getType().getName() + "." + m.getName();
    }

    private static boolean ours(String method) {
        return method.startsWith("io.jwtgate.") && !method.startsWith("io.jwtgate.bench.");
    }

    /** Sample weights per method, three ways. */
    private static final class Tally {
        long total;
        long inFilter;
        long inServlet;
        final Map<String, Long> self = new HashMap<>();
        final Map<String, Long> inclusive = new HashMap<>();
        final Map<String, Long> nearest = new HashMap<>();

        void add(RecordedStackTrace stack, long weight) {
            if (stack == null) {
                return;
            }
            total += weight;
            List<RecordedFrame> frames = stack.getFrames();
            if (frames.isEmpty()) {
                return;
            }
            self.merge(name(frames.get(0)), weight, Long::sum);
            // Frames run from the top (innermost) down: the servlet under the filter is the application's.
            List<String> names = new ArrayList<>(frames.size());
            for (RecordedFrame f : frames) {
                names.add(name(f));
            }
            int servlet = names.indexOf(SERVLET);
            int filter = names.indexOf(FILTER);
            if (servlet >= 0) {
                inServlet += weight;
            }
            // A stack cut short below the filter (FlightRecorderOptions stackdepth) is not counted in it.
            if (filter < 0 || (servlet >= 0 && servlet < filter)) {
                return;
            }
            inFilter += weight;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i <= filter; i++) {
                String n = names.get(i);
                if (ours(n) && seen.add(n)) {
                    inclusive.merge(n, weight, Long::sum);
                }
            }
            for (int i = 0; i <= filter; i++) {
                if (ours(names.get(i))) {
                    String what = i == 0 ? "(self)" : names.get(i - 1);
                    nearest.merge(names.get(i) + "  <-  " + what, weight, Long::sum);
                    break;
                }
            }
        }

        void print(String title, int top) {
            System.out.printf("%n== %s: %d on request threads; filter %.1f%%, servlet %.1f%%%n", title, total,
                    pct(inFilter), pct(inServlet));
            section("hottest methods, self", self, top);
            section("JwtGate methods, inclusive (within the filter)", inclusive, top);
            section("within the filter, charged to the nearest JwtGate frame  <-  the frame it called", nearest, top);
        }

        private void section(String heading, Map<String, Long> counts, int top) {
            System.out.println("-- " + heading);
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(top)
                    .forEach(e -> System.out.printf("%6.2f%%  %s%n", pct(e.getValue()), e.getKey()));
        }

        private double pct(long n) {
            return total == 0 ? 0 : 100.0 * n / total;
        }
    }
}
