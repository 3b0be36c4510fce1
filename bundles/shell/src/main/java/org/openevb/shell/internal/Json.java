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
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;

/**
 * The one JSON setup of the shell: every {@code --json} prints the API's view records through it,
 * so a document has the same shape wherever it is printed. A record's JSON names are its
 * component names; a counter set is an object from each counter's key to its value (every counter,
 * zero included); an enum with a key is its key ({@code etag}, {@code uplink}), any other enum its
 * name ({@code UP}); an EVB, CDCP or pre-standard EVB TLV is its decoded fields (see {@link EvbTlvText}),
 * any other LLDP TLV its type, name, bytes and one-line decoding (see {@link LldpTlvText}).
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

    // TLVs are wire values: documents hold them as decoded, and they print with their fields named
    private static final JsonSerializer<EvbTlv> EVB_TLV = (t, type, context) -> context.serialize(EvbTlvText.evbJson(t));
    private static final JsonSerializer<CdcpTlv> CDCP_TLV = (t, type, context) -> context.serialize(EvbTlvText.cdcpJson(t));
    private static final JsonSerializer<PreStandardEvbTlv> PRE_STANDARD_TLV =
            (t, type, context) -> context.serialize(EvbTlvText.preStandardJson(t));
    private static final JsonSerializer<LldpTlv> LLDP_TLV = (t, type, context) -> context.serialize(LldpTlvText.json(t));

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .setFieldNamingStrategy(NAMES)
            .registerTypeHierarchyAdapter(Counters.class, COUNTERS)
            .registerTypeHierarchyAdapter(Keyed.class, KEYS)
            .registerTypeAdapter(EvbTlv.class, EVB_TLV)
            .registerTypeAdapter(CdcpTlv.class, CDCP_TLV)
            .registerTypeAdapter(PreStandardEvbTlv.class, PRE_STANDARD_TLV)
            .registerTypeAdapter(LldpTlv.class, LLDP_TLV)
            .create();

    private Json() {
    }

    static String toJson(Object document) {
        return GSON.toJson(document);
    }
}
