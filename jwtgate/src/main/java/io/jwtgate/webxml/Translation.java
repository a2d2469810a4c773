package io.jwtgate.webxml;

import java.util.List;

/**
 * The result of translating a descriptor's constraints into {@code jwtgate.rules}.
 *
 * @param lines the rules, with {@code #} comment lines, in order
 * @param differences where the rules cannot reproduce the container's decisions exactly, each a
 *     sentence naming the url-pattern or an example request; empty when the translation is exact
 */
public record Translation(List<String> lines, List<String> differences) {

    public Translation {
        lines = List.copyOf(lines);
        differences = List.copyOf(differences);
    }

    public boolean exact() {
        return differences.isEmpty();
    }

    /** The rule lines and comments, one per line, as a properties file or the environment take them. */
    public String text() {
        return String.join("\n", lines) + "\n";
    }
}
