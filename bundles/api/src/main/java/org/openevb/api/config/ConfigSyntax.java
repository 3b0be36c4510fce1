package org.openevb.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The syntax of configuration values: lists of {@code KEY: VALUES} entries separated by ',' with
 * VALUES separated by spaces; numbers in decimal or {@code 0x} hex, ranges as {@code LOW-HIGH};
 * port-name patterns where '*' matches any characters.
 *
 * <p>Every settings reader reads its keys here, so a bad value gets one behaviour everywhere: it is
 * added to the reader's list of errors as {@code KEY: 'VALUE' is not MEANING} ({@link #problem}),
 * which makes the configuration invalid (the component keeps its last good one); nothing is
 * thrown and no default is put in its place silently.
 */
public final class ConfigSyntax {

    /** What a name of a port, bridge or extender may be: 1..64 of letters, digits, '.', '_', ':', '-'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

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
     * The one wording of a bad value: {@code KEY: 'VALUE' is not MEANING}, where MEANING says what
     * the key takes (a range, the words it knows).
     */
    public static String problem(String key, String value, String meaning) {
        return key + ": '" + value.trim() + "' is not " + meaning;
    }

    /**
     * The whole number of a key, decimal or {@code 0x} hex, within {@code min..max}. Anything else
     * is added to {@code errors} as {@code KEY: 'VALUE' is not a whole number in MIN..MAX}; the
     * value returned then is within the range but means nothing (the settings are invalid).
     */
    public static int number(String key, String text, int min, int max, List<String> errors) {
        try {
            int v = number(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below, in the same words as a number out of range
        }
        errors.add(problem(key, text, "a whole number in " + min + ".." + max));
        return min;
    }

    /**
     * A quantity of a key: a whole number with an optional decimal suffix {@code k} (10^3),
     * {@code M} (10^6) or {@code G} (10^9), e.g. {@code 100M}, within {@code min..max}. Anything
     * else is added to {@code errors} as {@code KEY: 'VALUE' is not a number (with k, M or G) in
     * MIN..MAX}.
     */
    public static long quantity(String key, String text, long min, long max, List<String> errors) {
        String t = text.trim();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k', 'K' -> unit = 1_000L;
                case 'M' -> unit = 1_000_000L;
                case 'G' -> unit = 1_000_000_000L;
                default -> unit = 1;
            }
        }
        try {
            long v = Math.multiplyExact(Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1).trim()), unit);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        errors.add(problem(key, text, "a number (with k, M or G) in " + min + ".." + max));
        return min;
    }

    /**
     * A yes/no key: {@code true}, {@code yes}, {@code on} or {@code false}, {@code no}, {@code off}
     * (any case). Anything else is added to {@code errors} as {@code KEY: 'VALUE' is not true or
     * false}.
     */
    public static boolean bool(String key, String text, List<String> errors) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes") || t.equals("on")) {
            return true;
        }
        if (!t.equals("false") && !t.equals("no") && !t.equals("off")) {
            errors.add(problem(key, text, "true or false"));
        }
        return false;
    }

    /**
     * One of the words a key knows (any case), returned in lower case. Anything else is added to
     * {@code errors} as {@code KEY: 'VALUE' is not one of WORDS}, and the first word is returned.
     */
    public static String choice(String key, String text, List<String> words, List<String> errors) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (words.contains(t)) {
            return t;
        }
        errors.add(problem(key, text, "one of " + String.join(", ", words)));
        return words.get(0);
    }

    /**
     * The name a key gives (a port's, a bridge's, an extender's), trimmed. A missing name is added
     * to {@code errors} as {@code KEY: missing}, a bad one as {@code KEY: 'VALUE' is not a name
     * (...)}.
     */
    public static String name(String key, String text, List<String> errors) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            errors.add(key + ": missing");
        } else if (!NAME.matcher(t).matches()) {
            errors.add(problem(key, t, "a name (1..64 of letters, digits, '.', '_', ':', '-', starting with a letter or digit)"));
        }
        return t;
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
            throw new IllegalArgumentException("'" + value + "' is not a range LOW-HIGH with LOW <= HIGH");
        }
        if (low < min || high > max) {
            throw new IllegalArgumentException(String.format("'%s' is not in %d..%d (0x%x..0x%x)", value, min, max, min, max));
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
