package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The high-water mark and the gaps below it (decision 461), in database milliseconds. */
class RevocationLogPositionTest {

    private static final long GRACE = 60_000;
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void aGapIsAskedForUntilItsRowAppears() {
        LogPosition at = new LogPosition(GRACE);
        assertTrue(at.saw(1, NOW, NOW));
        assertTrue(at.saw(3, NOW, NOW));
        assertEquals(2, at.nextFrom());
        assertFalse(at.saw(3, NOW, NOW), "read again: not new");
        assertTrue(at.saw(2, NOW, NOW + 1_000), "the late row is new");
        assertEquals(4, at.nextFrom());
        assertEquals(0, at.gaps());
    }

    @Test
    void aGapMissedForLongerThanTheGracePeriodIsGivenUp() {
        LogPosition at = new LogPosition(GRACE);
        at.saw(1, NOW, NOW);
        at.saw(3, NOW, NOW);
        at.forgetOldGaps(NOW + GRACE);
        assertEquals(1, at.gaps());
        at.forgetOldGaps(NOW + GRACE + 1);
        assertEquals(0, at.gaps());
        assertEquals(4, at.nextFrom());
    }

    @Test
    void belowAnOldRowNothingIsAwaited() {
        LogPosition at = new LogPosition(GRACE);
        assertTrue(at.saw(500, NOW - GRACE - 1, NOW));
        assertEquals(0, at.gaps());
        assertEquals(501, at.nextFrom());
    }

    @Test
    void theGapSetIsBoundedKeepingTheNewestNumbers() {
        LogPosition at = new LogPosition(GRACE);
        at.saw(1, NOW, NOW);
        at.saw(1_000_000, NOW, NOW);
        assertEquals(LogPosition.MAX_GAPS, at.gaps());
        assertEquals(1_000_000 - LogPosition.MAX_GAPS, at.nextFrom());
    }
}
