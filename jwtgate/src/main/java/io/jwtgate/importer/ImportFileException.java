package io.jwtgate.importer;

/**
 * The file as a whole cannot be read as the format says (not well-formed XML, a DOCTYPE, a
 * broken group file, not UTF-8): nothing after the fault is imported. The message never quotes
 * the file's content.
 */
public final class ImportFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImportFileException(String message) {
        super(message);
    }
}
