package io.jwtgate.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Jetty {@code HashLoginService} file ({@code realm.properties}): {@code user: credential[,role...]},
 * read as Jetty's {@code PropertyUserStore} reads it: a properties file, the value trimmed and cut
 * at its first comma into the credential and the roles (each trimmed, empty ones dropped).
 */
public final class JettyRealmReader implements UserFileReader {

    @Override
    public void read(InputStream in, Consumer<ImportLine> sink) throws IOException, ImportFileException {
        PropertiesLines properties = new PropertiesLines(in);
        for (PropertiesLines.Property p = properties.next(); p != null; p = properties.next()) {
            if (p.malformed() != null) {
                sink.accept(new ImportLine.Malformed(p.line(), "line", p.malformed()));
                continue;
            }
            String username = p.key().trim();
            String credential = p.value().trim();
            List<String> roles = new ArrayList<>();
            int comma = credential.indexOf(',');
            if (comma >= 0) {
                for (String role : credential.substring(comma + 1).split(",")) {
                    if (!role.trim().isEmpty()) {
                        roles.add(role.trim());
                    }
                }
                credential = credential.substring(0, comma).trim();
            }
            if (username.isEmpty()) {
                sink.accept(new ImportLine.Malformed(p.line(), "username", "empty"));
            } else if (credential.isEmpty()) {
                sink.accept(new ImportLine.Malformed(p.line(), "credential", "empty"));
            } else {
                sink.accept(new ImportLine.Entry(p.line(), username, null, roles, credential));
            }
        }
    }
}
