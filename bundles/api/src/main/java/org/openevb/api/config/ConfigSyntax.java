package org.openevb.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The syntax of configuration values: lists of {@code KEY: VALUES} entries separated by ',' with
 * VALUES separated by spaces; numbers in decimal or {@code 0x} hex, ranges as {@code LOW-HIGH};
 * port-name patterns where '*' matches any characters.
 */
public final class ConfigSyntax {

    /** One {@code KEY: VALUES} entry. */
    public record Entry(String key, List<String> values, String text) {
    }

    private ConfigSyntax() {
    }

    /** The entries of {@code text}; a malformed one is reported under {@code configKey} and skipped. */
    public static List<Entry> entries(String text, String configKey, List<String> errors) {
        List<Entry> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                errors.add(configKey + ": '" + entry + "' is not 'NAME: VALUE...'");
                continue;
            }
            String key = entry.substring(0, colon).trim();
            List<String> values = new ArrayList<>();
            for (String v : entry.substring(colon + 1).trim().split("\\s+")) {
                if (!v.isEmpty()) {
                    values.add(v);
                }
            }
            if (values.isEmpty()) {
                errors.add(configKey + ": '" + entry + "' has nothing after ':'");
                continue;
            }
            out.add(new Entry(key, values, entry));
        }
        return out;
    }

    /** A whole number in decimal or {@code 0x} hex. */
    public static int number(String text) {
        String t = text.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return Integer.parseInt(t.substring(2), 16);
        }
        return Integer.parseInt(t);
    }

    /**
     * The whole number of a key, decimal or {@code 0x} hex, within {@code min..max}. A problem is
     * added to {@code errors} with the key and the reason; the nearest valid value is returned.
     */
    public static int number(String key, String text, int min, int max, List<String> errors) {
        try {
            int v = number(text);
            if (v < min || v > max) {
                errors.add(key + ": " + v + " is not in " + min + ".." + max);
            }
            return Math.max(min, Math.min(max, v));
        } catch (NumberFormatException e) {
            errors.add(key + ": '" + text + "' is not a number");
            return min;
        }
    }

    /**
     * A yes/no key: {@code true}, {@code yes}, {@code on} or {@code false}, {@code no}, {@code off}
     * (any case). Anything else is added to {@code errors} with the key; false is returned.
     */
    public static boolean bool(String key, String text, List<String> errors) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes") || t.equals("on")) {
            return true;
        }
        if (!t.equals("false") && !t.equals("no") && !t.equals("off")) {
            errors.add(key + ": '" + text + "' is not true or false");
        }
        return false;
    }

    /**
     * The numbers of a value {@code N} or {@code LOW-HIGH}, each checked against {@code min..max}.
     *
     * @throws IllegalArgumentException with a message fit for the operator
     */
    public static int[] range(String value, int min, int max) {
        int dash = value.indexOf('-', 1);
        int low;
        int high;
        try {
            low = number(dash < 0 ? value : value.substring(0, dash));
            high = dash < 0 ? low : number(value.substring(dash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number or a range LOW-HIGH");
        }
        if (low > high) {
            throw new IllegalArgumentException("range '" + value + "' is empty");
        }
        if (low < min || high > max) {
            throw new IllegalArgumentException(String.format("'%s' is outside %d..%d (0x%x..0x%x)", value, min, max, min, max));
        }
        return new int[] {low, high};
    }

    /** The port-name patterns of a comma-separated list ('*' matches any characters); blanks are skipped. */
    public static List<Pattern> globs(String text) {
        List<Pattern> out = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                out.add(glob(item.trim()));
            }
        }
        return out;
    }

    /** One pattern where '*' matches any characters and everything else itself. */
    public static Pattern glob(String text) {
        StringBuilder re = new StringBuilder();
        for (String part : text.split("\\*", -1)) {
            re.append(Pattern.quote(part)).append(".*");
        }
        re.setLength(re.length() - 2);
        return Pattern.compile(re.toString());
    }
}
