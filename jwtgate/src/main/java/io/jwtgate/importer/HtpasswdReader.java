package io.jwtgate.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An Apache {@code htpasswd} file: {@code user:hash} per line, as {@code htpasswd} writes it and
 * {@code mod_authn_file} reads it (the name ends at the first {@code :}; blank lines and lines
 * starting with {@code #} are skipped). It holds no roles: they come from an {@code AuthGroupFile}
 * ({@link ApacheGroups}) and the command's {@code --role}.
 */
public final class HtpasswdReader implements UserFileReader {

    private final Map<String, List<String>> groupsOfUser;

    /** @param groupsOfUser each user's groups from an {@code AuthGroupFile}; empty for none */
    public HtpasswdReader(Map<String, List<String>> groupsOfUser) {
        this.groupsOfUser = Map.copyOf(groupsOfUser);
    }

    @Override
    public void read(InputStream in, Consumer<ImportLine> sink) throws IOException, ImportFileException {
        TextLines lines = new TextLines(in, StandardCharsets.UTF_8);
        for (TextLines.Line line = lines.next(); line != null; line = lines.next()) {
            String text = line.text();
            if (text.isBlank() || text.stripLeading().startsWith("#")) {
                continue;
            }
            if (line.tooLong()) {
                sink.accept(new ImportLine.Malformed(line.number(), "line", "longer than " + TextLines.MAX_LINE
                        + " characters"));
                continue;
            }
            int colon = text.indexOf(':');
            if (colon < 0) {
                sink.accept(new ImportLine.Malformed(line.number(), "line", "no ':' between username and hash"));
                continue;
            }
            String username = text.substring(0, colon);
            // Apache strips trailing white space from every line it reads; no digest ends with one.
            String hash = text.substring(colon + 1).stripTrailing();
            if (username.isEmpty()) {
                sink.accept(new ImportLine.Malformed(line.number(), "username", "empty"));
            } else if (hash.isEmpty()) {
                sink.accept(new ImportLine.Malformed(line.number(), "hash", "empty"));
            } else {
                sink.accept(new ImportLine.Entry(line.number(), username, null,
                        groupsOfUser.getOrDefault(username, List.of()), hash));
            }
        }
    }
}
