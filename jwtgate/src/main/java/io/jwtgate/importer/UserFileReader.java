package io.jwtgate.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads one format of user file, streaming: each account or unreadable line is handed to the
 * sink as soon as it is read, so memory does not grow with the file.
 */
public interface UserFileReader {

    /**
     * @throws ImportFileException when the file as a whole cannot be read; lines already handed to
     *     the sink stay handed
     */
    void read(InputStream in, Consumer<ImportLine> sink) throws IOException, ImportFileException;
}
