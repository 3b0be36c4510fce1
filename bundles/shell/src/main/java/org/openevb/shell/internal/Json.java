package org.openevb.shell.internal;

import com.google.gson.FieldNamingStrategy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import java.util.Map;
import org.openevb.api.bridge.FdbEntry;
import org.openevb.api.port.PortView;
import org.openevb.api.view.Counters;
import org.openevb.api.view.Keyed;

/**
 * The one JSON setup of the shell: every {@code --json} prints the API's view records through it,
 * so a document has the same shape wherever it is printed. A record's JSON names are its
 * component names; a counter set is an object from each counter's key to its value (every counter,
 * zero included); an enum with a key is its key ({@code etag}, {@code uplink}), any other enum its
 * name ({@code UP}).
 */
final class Json {

    /** Component names that had to differ from the JSON name, because Java reserves the word. */
    private static final Map<String, String> RESERVED_WORDS = Map.of(
            PortView.class.getName() + ".interfaceName", "interface",
            FdbEntry.class.getName() + ".isStatic", "static");

    private static final FieldNamingStrategy NAMES =
            f -> RESERVED_WORDS.getOrDefault(f.getDeclaringClass().getName() + "." + f.getName(), f.getName());

    private static final JsonSerializer<Counters<?>> COUNTERS = (counters, type, context) -> {
        JsonObject o = new JsonObject();
        counters.asMap().forEach((key, value) -> o.addProperty(key.key(), value));
        return o;
    };

    private static final JsonSerializer<Keyed> KEYS = (keyed, type, context) -> new JsonPrimitive(keyed.key());

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .setFieldNamingStrategy(NAMES)
            .registerTypeHierarchyAdapter(Counters.class, COUNTERS)
            .registerTypeHierarchyAdapter(Keyed.class, KEYS)
            .create();

    private Json() {
    }

    static String toJson(Object document) {
        return GSON.toJson(document);
    }
}
