package io.jwtgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Regression test for fuzzing finding F3 (docs/fuzzing.md, "Findings"). */
class AccessRulesFuzzingFindingsTest {

    @Test
    void f3RuleWhoseRequirementsAreOnlySeparatorsIsRefused() {
        for (String rule : List.of("GET,POST /admin/** -> ,", "/->,", "/x -> , ,", "/x -> ,\t,")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessRules.parse(rule), rule);
            assertEquals(true, e.getMessage().contains("no requirement"), e.getMessage());
        }
    }
}
