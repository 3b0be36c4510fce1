package org.openevb.shell.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two qualification reports, probe by probe: the verdict and every measured
 * value (evidence differs from run to run and is not compared).
 */
final class ReportComparison {

    private ReportComparison() {
    }

    static List<String> changes(JsonObject a, JsonObject b) {
        List<String> changes = new ArrayList<>();
        Map<String, JsonObject> before = probes(a);
        Map<String, JsonObject> after = probes(b);
        Set<String> ids = new LinkedHashSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            JsonObject x = before.get(id);
            JsonObject y = after.get(id);
            if (x == null || y == null) {
                changes.add(id + ": " + (x == null ? "only in the second report" : "only in the first report"));
                continue;
            }
            String vx = text(x.get("verdict"));
            String vy = text(y.get("verdict"));
            if (!vx.equals(vy)) {
                changes.add(id + " verdict: " + vx + " -> " + vy);
            }
            String sx = text(x.get("peerState"));
            String sy = text(y.get("peerState"));
            if (!sx.equals(sy)) {
                changes.add(id + " peer state: " + (sx.isEmpty() ? "unchanged" : sx) + " -> " + (sy.isEmpty() ? "unchanged" : sy));
            }
            Map<String, String> valuesX = values(x);
            Map<String, String> valuesY = values(y);
            Set<String> keys = new LinkedHashSet<>(valuesX.keySet());
            keys.addAll(valuesY.keySet());
            for (String k : keys) {
                String p = valuesX.getOrDefault(k, "(none)");
                String q = valuesY.getOrDefault(k, "(none)");
                if (!p.equals(q)) {
                    changes.add(id + " " + k + ": " + p + " -> " + q);
                }
            }
        }
        return changes;
    }

    private static Map<String, JsonObject> probes(JsonObject report) {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        if (report.has("probes") && report.get("probes").isJsonArray()) {
            for (JsonElement e : report.getAsJsonArray("probes")) {
                if (e.isJsonObject()) {
                    byId.put(text(e.getAsJsonObject().get("id")), e.getAsJsonObject());
                }
            }
        }
        return byId;
    }

    private static Map<String, String> values(JsonObject probe) {
        Map<String, String> values = new LinkedHashMap<>();
        if (probe.has("values") && probe.get("values").isJsonObject()) {
            probe.getAsJsonObject("values").entrySet().forEach(e -> values.put(e.getKey(), text(e.getValue())));
        }
        return values;
    }

    private static String text(JsonElement e) {
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }
}
