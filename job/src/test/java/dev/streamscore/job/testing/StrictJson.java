package dev.streamscore.job.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader for test oracles, written apart from the readers under test: RFC 8259
 * text in strict UTF-8 (an optional leading byte order mark), no NaN or Infinity, no duplicate
 * keys at any depth, nothing after the value. The bytes are decoded by the JDK's UTF-8 decoder
 * before Jackson sees any (so Jackson never guesses an encoding). Values become maps (in field
 * order), lists, strings, {@link Num numbers as written}, booleans and {@link #NULL}. Jackson's
 * default limits apply (nesting depth 1000, numbers of 1000 digits).
 */
public final class StrictJson {
    /** JSON {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number as written. */
    public record Num(String text) {
        /** The nearest double (infinite when out of range). */
        public double value() {
            return Double.parseDouble(text);
        }
    }

    /** The text is not strict JSON; the message says why. */
    public static final class NotJson extends Exception {
        private static final long serialVersionUID = 1L;

        NotJson(String why) {
            super(why, null, false, false);
        }
    }

    /** Field names are neither interned nor canonicalised: fuzzed values hold many names used once. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    private StrictJson() {}

    /** The value the bytes hold. @throws NotJson when they are not one strict JSON text */
    public static Object parse(byte[] bytes) throws NotJson {
        if (bytes == null) {
            throw new NotJson("no bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new NotJson("not UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new NotJson("no value");
            }
            Object value = value(p, t);
            if (p.nextToken() != null) {
                throw new NotJson("content after the value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new NotJson(String.format("syntax: %s", e.getOriginalMessage()));
        } catch (IOException e) {
            throw new NotJson(String.format("unreadable: %s", e));
        }
    }

    /** True when the bytes are one strict JSON text. */
    public static boolean isJson(byte[] bytes) {
        try {
            parse(bytes);
            return true;
        } catch (NotJson e) {
            return false;
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    object.put(name, value(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(value(p, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Num(p.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return NULL;
            }
            default -> throw new IllegalStateException(String.format("unexpected token %s", t));
        }
    }
}
