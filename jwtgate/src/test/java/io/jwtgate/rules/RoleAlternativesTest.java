package io.jwtgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code role:A|B}: any one of the roles satisfies the requirement (decision 233). */
class RoleAlternativesTest {

    @Test
    void anyAlternativeSatisfiesTheRoleRequirement() {
        Requirement r = AccessRules.parse("/admin/** -> role:admin|manager").match("GET", "/admin/x").requirements().get(0);
        assertTrue(r.heldBy(Set.of("manager")));
        assertTrue(r.heldBy(Set.of("admin", "user")));
        assertFalse(r.heldBy(Set.of("user")));
        assertFalse(r.heldBy(Set.of("admin|manager")), "the alternatives are names, not one name with a bar");
        assertFalse(r.heldBy(Set.of()));
    }

    @Test
    void aSingleRoleIsHeldOnlyByThatRole() {
        assertTrue(Requirement.role("admin").heldBy(Set.of("admin")));
        assertFalse(Requirement.role("admin").heldBy(Set.of("administrator")));
    }

    @Test
    void alternativesStillCombineWithOtherRequirementsOnTheLine() {
        AccessRule rule = AccessRules.parse("/x -> role:a|b scope:x:read").rules().get(0);
        assertEquals(List.of(Requirement.role("a|b"), Requirement.scope("x:read")), rule.requirements());
        assertEquals("/x -> role:a|b scope:x:read", rule.toString());
    }

    @Test
    void anEmptyAlternativeIsRefusedNamingTheRule() {
        for (String bad : List.of("role:|a", "role:a|", "role:a||b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AccessRules.parse("/x -> " + bad));
            assertTrue(e.getMessage().contains("separate alternative roles by single '|'"), e.getMessage());
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
