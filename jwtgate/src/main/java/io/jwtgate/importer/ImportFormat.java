package io.jwtgate.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The user file formats {@code jwtgate users import} reads, by their {@code --format} names. */
public enum ImportFormat {
    TOMCAT_USERS("tomcat-users"),
    HTPASSWD("htpasswd"),
    JETTY("jetty"),
    CSV("csv");

    /** How many bytes of the file are looked at to recognise its format. */
    private static final int SNIFF_BYTES = 512;

    private final String optionName;

    ImportFormat(String optionName) {
        this.optionName = optionName;
    }

    /** The name {@code --format} takes. */
    public String optionName() {
        return optionName;
    }

    public static Optional<ImportFormat> parse(String name) {
        for (ImportFormat f : values()) {
            if (f.optionName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The accepted {@code --format} names, for messages. */
    public static String names() {
        StringBuilder s = new StringBuilder();
        for (ImportFormat f : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(f.optionName);
        }
        return s.toString();
    }

    /** A format and how it was recognised, for the report's first line. */
    public record Detected(ImportFormat format, String how) {
    }

    /**
     * Recognises the format by the file's name ({@code *.xml}, {@code *.csv}, {@code *.properties},
     * a name holding {@code htpasswd}), else by its start (an XML declaration or
     * {@code <tomcat-users}, the CSV header). htpasswd and realm.properties lines look too much
     * alike to be told apart by content, so such a file needs {@code --format}.
     */
    public static Optional<Detected> detect(Path file) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml")) {
            return Optional.of(new Detected(TOMCAT_USERS, "from the file name"));
        }
        if (name.endsWith(".csv")) {
            return Optional.of(new Detected(CSV, "from the file name"));
        }
        if (name.endsWith(".properties")) {
            return Optional.of(new Detected(JETTY, "from the file name"));
        }
        if (name.contains("htpasswd")) {
            return Optional.of(new Detected(HTPASSWD, "from the file name"));
        }
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(SNIFF_BYTES);
        }
        String text = new String(start, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
        if (text.startsWith("<?xml") || text.startsWith("<tomcat-users")) {
            return Optional.of(new Detected(TOMCAT_USERS, "from its content"));
        }
        String firstLine = text.lines().findFirst().orElse("").replace(" ", "").toLowerCase(Locale.ROOT);
        if (firstLine.equals(String.join(",", CsvReader.HEADER))) {
            return Optional.of(new Detected(CSV, "from its header line"));
        }
        return Optional.empty();
    }
}
