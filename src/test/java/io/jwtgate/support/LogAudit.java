package io.jwtgate.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The log audit's search: every captured line against every secret the run handled. */
public final class LogAudit {

    private LogAudit() {
    }

    /**
     * One entry per secret found in a line: the secret's first four characters (never the whole
     * secret, which would put it into the test report) and the start of the line.
     */
    public static List<String> leaks(Collection<String> lines, Collection<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    String shown = line.replace(secret, "<secret>").replaceAll("\\s+", " ");
                    leaks.add(secret.substring(0, 4) + "… in: " + shown.substring(0, Math.min(300, shown.length())));
                }
            }
        }
        return leaks;
    }
}
