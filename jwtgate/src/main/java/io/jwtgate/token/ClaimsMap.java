package io.jwtgate.token;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jwtgate.json.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A verified token's claims as plain Java values, read from the payload only when someone asks:
 * most requests never look at {@code jwtgate.claims}, and converting every payload into a map was a
 * fifth of the filter's time (decision 611). Read-only and thread-safe; a token kept in the
 * verified-token cache builds its map at most once or twice (two threads racing on the first read
 * both build an equal map, and either may be kept).
 */
public final class ClaimsMap extends AbstractMap<String, Object> {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE = new TypeReference<>() { };

    private final byte[] payload;
    private volatile Map<String, Object> claims;

    /**
     * @param payload the payload bytes the verifier has already parsed strictly as a JSON object; kept,
     *     not copied, so the caller must not change them
     */
    public ClaimsMap(byte[] payload) {
        this.payload = payload;
    }

    /** How many payload bytes this map keeps, for the cache's byte count. */
    int payloadLength() {
        return payload.length;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return claims().entrySet();
    }

    @Override
    public Object get(Object key) {
        return claims().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return claims().containsKey(key);
    }

    @Override
    public int size() {
        return claims().size();
    }

    private Map<String, Object> claims() {
        Map<String, Object> built = claims;
        if (built == null) {
            built = Collections.unmodifiableMap(read());
            claims = built;
        }
        return built;
    }

    private LinkedHashMap<String, Object> read() {
        try {
            // The verifier parsed exactly these bytes with the same strict mapper: they are valid.
            return StrictJson.mapper().readValue(payload, MAP_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException("a verified payload could not be read again", e);
        }
    }
}
