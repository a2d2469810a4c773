package io.jwtgate.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Apache {@code AuthGroupFile} ({@code group: user1 user2 ...} per line, as
 * {@code mod_authz_groupfile} reads it), turned around: the groups of each user, which become the
 * roles of the users an {@code htpasswd} import creates. It is configuration, read whole: a line
 * it cannot read stops the import before any account is created.
 */
public final class ApacheGroups {

    private ApacheGroups() {
    }

    /** @return each user's groups, in the order the file names them */
    public static Map<String, List<String>> read(InputStream in) throws IOException, ImportFileException {
        Map<String, List<String>> groupsOfUser = new HashMap<>();
        TextLines lines = new TextLines(in, StandardCharsets.UTF_8);
        for (TextLines.Line line = lines.next(); line != null; line = lines.next()) {
            String text = line.text().strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int colon = text.indexOf(':');
            if (line.tooLong() || colon <= 0) {
                throw new ImportFileException("group file line " + line.number()
                        + ": expected 'group: user1 user2 ...'");
            }
            String group = text.substring(0, colon).strip();
            for (String user : text.substring(colon + 1).strip().split("\\s+")) {
                if (!user.isEmpty()) {
                    List<String> groups = groupsOfUser.computeIfAbsent(user, u -> new ArrayList<>());
                    if (!groups.contains(group)) {
                        groups.add(group);
                    }
                }
            }
        }
        return groupsOfUser;
    }
}
