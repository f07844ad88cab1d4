package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.OrganisationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.util.JsonSerialization;

/** A JSON request body read with a size bound (a request cannot make the server buffer more than this). */
final class Body {

    static final int MAX_BYTES = 16 * 1024;

    private final Map<String, Object> values;

    private Body(Map<String, Object> values) {
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    static Body read(InputStream in) {
        byte[] bytes;
        try {
            bytes = in == null ? new byte[0] : in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw OrganisationException.invalid("the request body could not be read");
        }
        if (bytes.length > MAX_BYTES) {
            throw new OrganisationException(413, "request_too_large", "the request body is larger than " + MAX_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw OrganisationException.invalid("a JSON object is required");
        }
        Object parsed;
        try {
            parsed = JsonSerialization.readValue(bytes, Object.class);
        } catch (IOException | RuntimeException e) {
            throw OrganisationException.invalid("the request body is not JSON");
        }
        if (!(parsed instanceof Map)) {
            throw OrganisationException.invalid("a JSON object is required");
        }
        return new Body((Map<String, Object>) parsed);
    }

    /** The members of the object that are strings (or null); any other type is refused. */
    Map<String, String> strings() {
        Map<String, String> strings = new HashMap<>();
        values.forEach((key, value) -> {
            if (value != null && !(value instanceof String)) {
                throw OrganisationException.invalid(key + " must be a string");
            }
            strings.put(key, (String) value);
        });
        return strings;
    }

    String string(String key) {
        Object value = values.get(key);
        if (value != null && !(value instanceof String)) {
            throw OrganisationException.invalid(key + " must be a string");
        }
        return (String) value;
    }

    List<?> list(String key) {
        Object value = values.get(key);
        if (!(value instanceof List<?> list)) {
            throw OrganisationException.invalid(key + " must be a list");
        }
        return list;
    }
}
