package io.jwtgate.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * The public test vectors beside the checkout ({@code shared/testdata/<name>}, two levels above
 * the module directory tests run in), never copied into the repository. Absent vectors fail the
 * run under CI ({@code CI=true}), where they are part of the workplace and missing means a broken
 * set-up, and skip with the reason elsewhere (a user's machine).
 */
public final class PublicVectors {

    private PublicVectors() {
    }

    /** The folder of one vector set, e.g. {@code wycheproof} or {@code jose-cookbook}. */
    public static Path dir(String name) {
        return Path.of("..", "..", "shared", "testdata", name);
    }

    /** {@link #dir(String)}, or the end of the calling test as described above. */
    public static Path require(String name) {
        return require(dir(name), "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** {@code dir} if it is a folder; else a failure when {@code ci}, a skip otherwise. */
    public static Path require(Path dir, boolean ci) {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        String where = "test vectors not found at " + dir.toAbsolutePath()
                + "; they live beside the checkout in shared/testdata";
        if (ci) {
            throw new AssertionFailedError(where + " and are required under CI (CI=true)");
        }
        Assumptions.abort(where + "; skipping (set CI=true to make this a failure)");
        return dir;
    }
}
