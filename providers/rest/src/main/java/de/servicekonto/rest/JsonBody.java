package de.servicekonto.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object request body, read with a size bound (a request cannot make the server buffer more than
 * {@code maxBytes}), then taken as a typed record ({@link #as}) or member by member. Refusals:
 * {@code 413 request_too_large} above the bound; otherwise 400 with the code the API names for a body that is no
 * JSON object ({@code invalid_request}, the Postfach's {@code malformed_json}) and {@code invalid_request} for a member
 * of the wrong type. Unknown members are ignored, so a client may send more than an endpoint reads.
 */
public final class JsonBody {

    /** The default code of a body that is no JSON object. */
    public static final String INVALID_REQUEST = "invalid_request";

    /**
     * Strict about types: a number or boolean where a string belongs is refused rather than turned into text, as
     * {@link #string} does; unknown members are ignored.
     */
    private static final ObjectMapper JSON = strict();

    private final ObjectNode object;

    private JsonBody(ObjectNode object) {
        this.object = object;
    }

    /** Reads the body with {@code invalid_request} for one that is no JSON object. */
    public static JsonBody read(InputStream in, int maxBytes) {
        return read(in, maxBytes, INVALID_REQUEST);
    }

    /** Reads the body; {@code malformedCode} is the error code of a body that is empty, no JSON or no object. */
    public static JsonBody read(InputStream in, int maxBytes, String malformedCode) {
        byte[] bytes;
        try {
            bytes = in == null ? new byte[0] : in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw ApiException.invalid("the request body could not be read");
        }
        if (bytes.length > maxBytes) {
            throw new ApiException(413, "request_too_large", "the request body is larger than " + maxBytes + " bytes");
        }
        if (bytes.length == 0) {
            throw new ApiException(400, malformedCode, "a JSON object is required");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, malformedCode, "the request body is not JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ApiException(400, malformedCode, "a JSON object is required");
        }
        return new JsonBody(object);
    }

    /**
     * The body as a record (or bean) of type {@code type}; a member of the wrong type is {@code invalid_request}
     * ("role must be a string").
     */
    public <T> T as(Class<T> type) {
        try {
            return JSON.treeToValue(object, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            Class<?> expected = e instanceof MismatchedInputException m ? m.getTargetType() : null;
            throw ApiException.invalid(field == null ? "the request body does not fit this endpoint"
                    : field + " must be " + kind(expected));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.invalid("the request body does not fit this endpoint");
        }
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type != null && (Collection.class.isAssignableFrom(type) || type.isArray())) {
            return "a list";
        }
        return "of another type";
    }

    /** The object itself, for endpoints that read it member by member. */
    public ObjectNode object() {
        return object;
    }

    /** Every member as a string (null stays null); any member of another type is refused. */
    public Map<String, String> strings() {
        Map<String, String> strings = new HashMap<>();
        object.fieldNames().forEachRemaining(key -> strings.put(key, string(key)));
        return strings;
    }

    /** The member {@code key} as a string, null when absent or null; another type is refused. */
    public String string(String key) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(key + " must be a string");
        }
        return value.textValue();
    }

    /** The member {@code key} as a list of plain values (strings, numbers, booleans, null); absent is refused. */
    public List<?> list(String key) {
        JsonNode value = object.get(key);
        if (value == null || !value.isArray()) {
            throw ApiException.invalid(key + " must be a list");
        }
        return JSON.convertValue(value, List.class);
    }

    private static ObjectMapper strict() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }
}
