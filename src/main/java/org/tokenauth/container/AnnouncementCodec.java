package org.tokenauth.container;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tokenauth.platform.Announced;
import org.tokenauth.platform.JsonP;

/**
 * {@link Announced} events as text for the wire: JSON naming the record and its components, which
 * are strings, instants (epoch milliseconds) and lists of strings. Not Java serialisation: the grid's
 * threads do not see the application's classes, and nothing but our own records, rebuilt through
 * their constructors, can come out of a message.
 */
final class AnnouncementCodec {

    private AnnouncementCodec() {
    }

    static String encode(Announced event, String origin) {
        JsonObjectBuilder fields = JsonP.PROVIDER.createObjectBuilder();
        try {
            for (RecordComponent component : event.getClass().getRecordComponents()) {
                Object value = component.getAccessor().invoke(event);
                if (value == null) {
                    fields.addNull(component.getName());
                } else if (value instanceof Instant instant) {
                    fields.add(component.getName(), instant.toEpochMilli());
                } else if (value instanceof List<?> list) {
                    JsonArrayBuilder items = JsonP.PROVIDER.createArrayBuilder();
                    list.forEach(item -> items.add(String.valueOf(item)));
                    fields.add(component.getName(), items);
                } else {
                    fields.add(component.getName(), String.valueOf(value));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot encode " + event, e);
        }
        return JsonP.PROVIDER.createObjectBuilder().add("type", event.getClass().getName()).add("origin", origin)
                .add("fields", fields).build().toString();
    }

    /** The sender's node id, and the event; an error for anything that is not one of our events. */
    static Decoded decode(String message) {
        JsonObject json = JsonP.PROVIDER.createReader(new StringReader(message)).readObject();
        String type = json.getString("type");
        try {
            Class<?> recordType = Class.forName(type, false, AnnouncementCodec.class.getClassLoader());
            if (!recordType.isRecord() || !Announced.class.isAssignableFrom(recordType) || !type.startsWith("org.tokenauth.")) {
                throw new IllegalArgumentException("not an announcement of ours: " + type);
            }
            JsonObject fields = json.getJsonObject("fields");
            RecordComponent[] components = recordType.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = value(fields.get(components[i].getName()), types[i]);
            }
            Constructor<?> canonical = recordType.getDeclaredConstructor(types);
            return new Decoded(json.getString("origin"), (Announced) canonical.newInstance(values));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot decode an announcement of " + type, e);
        }
    }

    record Decoded(String origin, Announced event) {
    }

    private static Object value(JsonValue json, Class<?> type) {
        if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (type == Instant.class) {
            return Instant.ofEpochMilli(((jakarta.json.JsonNumber) json).longValueExact());
        }
        if (type == List.class) {
            List<String> items = new ArrayList<>();
            json.asJsonArray().getValuesAs(JsonString.class).forEach(s -> items.add(s.getString()));
            return List.copyOf(items);
        }
        if (type == String.class) {
            return ((JsonString) json).getString();
        }
        throw new IllegalArgumentException("unsupported component type " + type);
    }
}
