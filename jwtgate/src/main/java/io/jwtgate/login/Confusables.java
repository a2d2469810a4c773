package io.jwtgate.login;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * UTS #39 skeletons: skeleton(X) = NFD(each code point of NFD(X) replaced by its prototype).
 * Two strings with one skeleton look alike ({@code admin}, {@code аdmin} with a Cyrillic а and
 * {@code adrnin} all become {@code adrnin}).
 *
 * <p>The prototypes come from {@code confusables.txt} next to this class, generated from ICU4J's
 * {@code SpoofChecker.getSkeleton} by the test-scope {@code ConfusablesGenerator}: ICU itself is
 * 15 MB and only a test dependency (decision 89). The table holds, for every code point that
 * Java's NFD leaves alone and whose ICU skeleton is not itself, that skeleton (already in NFD);
 * code points ICU drops (default ignorables) map to nothing.
 */
public final class Confusables {

    static final String RESOURCE = "confusables.txt";

    private static final Map<Integer, String> PROTOTYPES = load();

    private Confusables() {
    }

    /** The UTS #39 skeleton of {@code text}. */
    public static String skeleton(String text) {
        String nfd = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder mapped = new StringBuilder(nfd.length());
        nfd.codePoints().forEach(cp -> {
            String prototype = PROTOTYPES.get(cp);
            if (prototype == null) {
                mapped.appendCodePoint(cp);
            } else {
                mapped.append(prototype);
            }
        });
        return Normalizer.normalize(mapped, Normalizer.Form.NFD);
    }

    /** How many code points the table maps (the tests compare it with ICU's). */
    static int size() {
        return PROTOTYPES.size();
    }

    private static Map<Integer, String> load() {
        Map<Integer, String> table = new HashMap<>(16_384);
        try (InputStream in = Confusables.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource io/jwtgate/login/" + RESOURCE + " is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                int from = Integer.parseInt(line.substring(0, tab), 16);
                StringBuilder to = new StringBuilder();
                String rest = line.substring(tab + 1);
                if (!rest.isEmpty()) {
                    for (String hex : rest.split(" ")) {
                        to.appendCodePoint(Integer.parseInt(hex, 16));
                    }
                }
                table.put(from, to.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading io/jwtgate/login/" + RESOURCE, e);
        }
        return Map.copyOf(table);
    }
}
