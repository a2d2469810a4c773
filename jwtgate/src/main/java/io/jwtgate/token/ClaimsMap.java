package io.jwtgate.token;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jwtgate.json.StrictJson;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A verified token's claims as plain Java values, read from the payload only when someone asks:
 * most requests never look at {@code jwtgate.claims}, and converting every payload into a map was a
 * fifth of the filter's time (decision 611).
 *
 * <p>The values are exactly those of the conversion it replaced (the strict tree, then the mapper's
 * conversion: decimals without trailing zeros, integers as {@code BigInteger}), and read-only all
 * the way down, because one cached token's map serves every request that presents it: an
 * application that changed a nested list would change it for the next request (decision 641).
 * Thread-safe; two threads racing on the first read both build an equal map and either may be kept.
 * Serialises as the plain read-only map it stands for, never as the payload.
 */
public final class ClaimsMap extends AbstractMap<String, Object> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE = new TypeReference<>() { };

    private final transient byte[] payload;
    private transient volatile Map<String, Object> claims;

    /**
     * @param payload the payload bytes the verifier has already parsed strictly as a JSON object; kept,
     *     not copied, so the caller must not change them
     */
    public ClaimsMap(byte[] payload) {
        this.payload = payload;
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
            built = readOnlyMap(StrictJson.mapper().convertValue(StrictJson.parseObject(payload), MAP_TYPE));
            claims = built;
        }
        return built;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readOnlyMap(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((name, value) -> copy.put(name, readOnly(value)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object readOnly(Object value) {
        if (value instanceof Map) {
            return readOnlyMap((Map<String, Object>) value);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object item : (List<Object>) value) {
                copy.add(readOnly(item));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** What is serialised instead: the read-only map, with its values, without the payload. */
    private Object writeReplace() {
        return claims();
    }
}
