package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.SpoofChecker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JwtGate's own skeleton table against ICU4J's {@code SpoofChecker}, the reference (decision 89). */
class ConfusablesTest {

    private final SpoofChecker icu = new SpoofChecker.Builder().build();

    @Test
    void everyCodePointHasTheSkeletonIcuGivesIt() {
        List<String> differences = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            String one = new String(Character.toChars(cp));
            String expected = icu.getSkeleton(one);
            if (!expected.equals(Confusables.skeleton(one)) && differences.size() < 20) {
                differences.add(String.format("U+%04X", cp));
            }
        }
        assertEquals(List.of(), differences);
        assertTrue(Confusables.size() > 9_000, "the table maps " + Confusables.size() + " code points");
    }

    @Test
    void stringsHaveTheSkeletonIcuGivesThem() {
        for (String s : List.of("admin", "Admin", "ADMIN", "\u0430dmin", "\uff41\uff44\uff4d\uff49\uff4e", "admi\u0144",
                "admin\u0301", "adrnin", "<svg/onload=alert(document.domain)>", "Jos\u00e9", "Jose\u0301",
                "\u00c5ngstr\u00f6m", "A\u030angstro\u0308m", "\u212bngstr\u00f6m", "pa\u00adyp\u200bal", "\u0440\u0430\u0443\u0440\u0430l",
                "\u03bf\u03b4\u03bf\u03c2", "\uac00\ub098\ub2e4", "\u0915\u094d\u0937", "x\u0323\u0307", "x\u0307\u0323",
                "\ufdfa", "\u1e9b\u0323", "l1I|", "O0o", "m\u0327\u0301", "")) {
            assertEquals(icu.getSkeleton(s), Confusables.skeleton(s), s);
        }
    }

    @Test
    void theCommittedTableIsWhatTheGeneratorWritesFromTheIcuOnTheTestClassPath() throws IOException {
        assertTrue(Files.exists(ConfusablesGenerator.TARGET), "run from the project directory");
        assertEquals(ConfusablesGenerator.generate(),
                Files.readString(ConfusablesGenerator.TARGET, StandardCharsets.UTF_8),
                "confusables.txt is stale: run ConfusablesGenerator (see its Javadoc) and commit the file");
    }
}
