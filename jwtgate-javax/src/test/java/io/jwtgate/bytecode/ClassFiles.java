package io.jwtgate.bytecode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The files of a jar or a class directory by their path inside it, as the bytecode checks read them. */
final class ClassFiles {

    /** The javax classes as the jar plugin packages them one phase after the checks. */
    static final Path JAVAX_CLASSES = Path.of("target", "classes");

    private ClassFiles() {
    }

    /** Every file below {@code root}, keyed by its path relative to it with {@code /} separators. */
    static Map<String, byte[]> directory(Path root) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Every entry of {@code jar} that is not a directory, keyed by its name. */
    static Map<String, byte[]> jar(Path jar) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                if (!entry.isDirectory()) {
                    try (InputStream in = file.getInputStream(entry)) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(jar.toString(), e);
        }
        return files;
    }
}
