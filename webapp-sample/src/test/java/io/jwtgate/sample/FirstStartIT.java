package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 9, item 7: a newcomer's first start of the sample prints no SLF4J warning, because the WAR
 * carries SLF4J's java.util.logging binding next to the slf4j-api that HikariCP logs through.
 * SLF4J reports a missing or mismatched binding on standard error, not through any logger, so
 * that stream is read as well as the log.
 */
class FirstStartIT {

    private static final Pattern SLF4J_JAR = Pattern.compile("WEB-INF/lib/(slf4j-[a-z0-9]+)-([0-9][^/]*)\\.jar");

    @Test
    void theWarCarriesSlf4jApiAndItsJulBindingOfOneVersion() throws IOException {
        Map<String, String> versions = new TreeMap<>();
        try (ZipFile war = new ZipFile(SampleWar.path().toFile())) {
            war.stream().map(ZipEntry::getName).map(SLF4J_JAR::matcher).filter(Matcher::matches)
                    .forEach(m -> versions.put(m.group(1), m.group(2)));
        }

        assertEquals(List.of("slf4j-api", "slf4j-jdk14"), List.copyOf(versions.keySet()), versions.toString());
        assertEquals(versions.get("slf4j-api"), versions.get("slf4j-jdk14"), versions.toString());
    }

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void aFirstStartPrintsNoSlf4jWarning(ContainerKind container, @TempDir Path temp) throws Exception {
        // No signing secret and no demo password: the sample as a first-time user starts it.
        Map<String, String> params = Map.of("jwtgate.data-dir", temp.resolve("data").toString(),
                "jwtgate.bcrypt.cost", "10");
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        List<String> logLines;
        try (CapturedLog log = new CapturedLog()) {
            System.setErr(new PrintStream(new TeeStream(original, stderr), true, StandardCharsets.UTF_8));
            try (RunningApp app = container.deploy(SampleWar.path(), params, temp.resolve("work"))) {
                assertTrue(app.available(), app.startupFailure().map(Throwable::toString).orElse(container + " did not start"));
                assertEquals(200, new Http(app).get("/public/health").statusCode());
            } finally {
                System.setErr(original);
            }
            logLines = log.lines();
        }

        String errors = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(errors.lines().noneMatch(line -> line.contains("SLF4J")), errors);
        assertTrue(logLines.stream().noneMatch(line -> line.contains("SLF4J")), logLines.toString());
        // HikariCP's own lines reach java.util.logging through the binding instead of being dropped.
        assertTrue(logLines.stream().anyMatch(line -> line.contains("jwtgate - Start completed")), logLines.toString());
    }

    /** Writes to the real standard error and to a buffer the test reads. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
