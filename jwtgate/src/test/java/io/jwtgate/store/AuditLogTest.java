package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored details and the logged line of {@link AuditLog} at their edges, with real H2. */
class AuditLogTest {

    @TempDir
    Path dir;

    private JsonNode loggedLine(String marker) {
        List<String> mine = LogCapture.lines().stream().filter(l -> l.contains("audit {") && l.contains(marker))
                .toList();
        assertEquals(1, mine.size(), mine.toString());
        String line = mine.get(0);
        return StrictJson.parse(line.substring(line.indexOf("audit {") + 6).strip().getBytes(StandardCharsets.UTF_8));
    }

    private String storedDetails() throws Exception {
        try (Connection c = DriverManager.getConnection(TestSettings.appStoreUrl(dir));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT details FROM jwtgate_audit_events")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void unknownUserAndAddressAreLoggedAsJsonNull() {
        Clock clock = Clock.systemUTC();
        String marker = "marker-" + UUID.randomUUID();
        try (Database db = Database.open(TestSettings.settings(TestSettings.params(dir)), clock)) {
            new AuditLog(db, clock).record("register_throttled", null, null, Map.of("attempts", marker));
        }
        JsonNode line = loggedLine(marker);
        assertEquals("register_throttled", line.get("event").textValue());
        assertEquals(true, line.get("user").isNull());
        assertEquals(true, line.get("address").isNull());
        assertEquals(marker, line.get("details").get("attempts").textValue());
    }

    @Test
    void detailsTooLongForTheirColumnAreStoredAsAWholeJsonObjectThatSaysSo() throws Exception {
        Clock clock = Clock.systemUTC();
        String marker = "marker-" + UUID.randomUUID();
        Map<String, String> many = new LinkedHashMap<>();
        many.put("m", marker);
        for (int i = 0; i < 10; i++) {
            many.put("k" + i, "\u202e".repeat(100));
        }
        try (Database db = Database.open(TestSettings.settings(TestSettings.params(dir)), clock)) {
            new AuditLog(db, clock).record("token_issued", "alice", "192.0.2.9", many);
        }
        assertEquals("{\"details_truncated\":\"true\"}", storedDetails());
        // The log is not bound by the column: each value is cut at 256 characters, on an escape's edge.
        JsonNode logged = loggedLine(marker).get("details");
        assertEquals(11, logged.size());
        assertEquals("\\u202e".repeat(42), logged.get("k0").textValue());
    }
}
