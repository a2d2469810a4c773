package io.jwtgate.session;

import io.jwtgate.support.Container;
import io.jwtgate.support.RealDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The shared-store contract on PostgreSQL (Jetty), where the store is a real server. */
class PostgresSharedStoreSessionTest extends SharedStoreSessionContract {

    private RealDatabase.Schema schema;

    @Override
    Container container() {
        return Container.JETTY;
    }

    @Override
    Map<String, String> sharedStore(Path dir) {
        schema = RealDatabase.POSTGRESQL.create();
        return Map.of("jwtgate.jdbc.url", schema.url(), "jwtgate.jdbc.username", schema.user());
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
