package dev.ridgeline.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Column names in error messages: lists of them kept to one readable line however wide the file, and the
 * names a misspelt one most likely meant. A file of 5,000 columns had put all of them, 34,000 characters,
 * into one "no column named" line.
 */
public final class ColumnNames {
    /** Names listed before the rest are only counted. */
    static final int LISTED = 20;

    private ColumnNames() {
    }

    /**
     * The error text for a column an option names but the file lacks: "SOURCE: no column named 'x' to PURPOSE
     * (did you mean 'y'?); the columns are [...]" followed by {@code hint} (a delimiter hint, or "").
     */
    public static String absent(String source, String name, String purpose, List<String> header, String hint) {
        return source + ": no column named '" + DataException.shown(name) + "' to " + purpose
                + didYouMean(name, header) + "; the columns are " + listed(header) + hint;
    }

    /**
     * A column name as a comma-separated list option (--categorical, --ignore, --keep) takes it, for advice in
     * messages: as it is, or in double quotes, shell-quoted, when it holds a comma ({@code '"cust, id"'}).
     */
    public static String asListValue(String name) {
        return name.indexOf(',') < 0 ? name : "'\"" + name + "\"'";
    }

    /**
     * "[a, b, c]": at most {@value #LISTED} names, each cut to {@link DataException#shown}'s length, and
     * "... and N more" for the rest.
     */
    public static String listed(Collection<String> names) {
        List<String> shown = new ArrayList<>();
        for (String name : names) {
            if (shown.size() == LISTED) {
                break;
            }
            // A name holding a comma in double quotes: bare, "cust, id" read as two names in the list.
            shown.add(name.indexOf(',') < 0 ? DataException.shown(name) : "\"" + DataException.shown(name) + "\"");
        }
        int rest = names.size() - shown.size();
        String list = String.join(", ", shown);
        return "[" + list + (rest > 0 ? String.format(Locale.ROOT, ", ... and %,d more", rest) : "") + "]";
    }

    /**
     * "a, b, \"c, d\"": every name whole, in order, for a description a reader takes the column order from (an
     * ONNX file's doc strings): a name holding a comma or a double quote goes in double quotes, its quotes
     * doubled, as in a CSV header, so that "prix, €" reads as one column, not two.
     */
    public static String joinedInFull(Collection<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String name : names) {
            boolean plain = name.indexOf(',') < 0 && name.indexOf('"') < 0;
            quoted.add(plain ? name : "\"" + name.replace("\"", "\"\"") + "\"");
        }
        return String.join(", ", quoted);
    }

    /**
     * " (did you mean 'price'?)" naming up to three columns that {@code typed} most likely meant: the same
     * name but for case or surrounding spaces, else the nearest within a few edits (none for a name of one
     * or two characters, one up to four, then max(2, length / 4)); "" when none is near. A name holding a double
     * quote also gets the list options' quoting rule: an unbalanced quote ({@code --ignore '"cust, id'}) reaches
     * here as part of a name, and so do balanced ones with text outside them ({@code '"cust, id"x'}); a name
     * wholly in quotes reaches here from an option of one name (--target, --weights, --stratify), which keeps
     * them, or as a model's own column name. A name holding U+FFFD, where no column does, is said to hold bytes
     * that are not UTF-8, as the path options say ({@code --ignore $'gr\xf6\xdfe'} from a Latin-1 terminal reaches
     * the JVM as "gr\uFFFD\uFFFDe"), the suggestion kept: " (the name holds bytes ...; did you mean 'größe'?)".
     */
    public static String didYouMean(String typed, Collection<String> columns) {
        String suggestion = suggestion(typed, columns);
        if (typed.indexOf('\uFFFD') < 0 || columns.stream().anyMatch(c -> c.indexOf('\uFFFD') >= 0)) {
            return suggestion;
        }
        String cause = "the name holds bytes that are not UTF-8 text, shown as \uFFFD, as a terminal or script in"
                + " another encoding (such as Latin-1) sends them: give it in UTF-8";
        return suggestion.startsWith(" (did you mean ") ? " (" + cause + "; " + suggestion.substring(2)
                : " (" + cause + ")" + suggestion;
    }

    /** {@link #didYouMean}'s suggestion and quoting rule. */
    private static String suggestion(String typed, Collection<String> columns) {
        List<String> near = near(typed, columns);
        if (near.isEmpty()) {
            // A piece of a name holding a comma: a list option split the name there.
            String plain = UnicodeText.trimmed(typed);
            for (String column : columns) {
                if (column.indexOf(',') >= 0 && !plain.isEmpty() && java.util.Arrays.stream(column.split(","))
                        .anyMatch(part -> UnicodeText.trimmed(part).equals(plain))) {
                    return " (part of the column '" + DataException.shown(column) + "'? In a list a name holding a"
                            + " comma goes whole in double quotes: " + asListValue(DataException.shown(column)) + ")";
                }
            }
        }
        return near.isEmpty() ? quotingRule(typed)
                : " (did you mean " + String.join(" or ", near.stream().map(s -> "'" + DataException.shown(s) + "'")
                .toList()) + "?)" + quotingRule(typed);
    }

    /** The list options' quoting rule, for a name holding a double quote; "" for one without. */
    private static String quotingRule(String typed) {
        long quotes = typed.chars().filter(c -> c == '"').count();
        if (quotes == 0) {
            return "";
        }
        if (quotes % 2 == 1) {
            return " (an unbalanced double quote? In a list a name holding a comma goes whole in double quotes:"
                    + " '\"cust, id\"')";
        }
        if (typed.length() > 1 && typed.startsWith("\"") && typed.endsWith("\"")) {
            return " (the double quotes are part of the name here: only the list options (--ignore, --keep,"
                    + " --categorical, --sensitive) take them off)";
        }
        return " (text outside a name's double quotes? In a list a name holding a comma goes whole in double"
                + " quotes: '\"cust, id\"')";
    }

    static List<String> near(String typed, Collection<String> columns) {
        String plain = UnicodeText.trimmed(typed);
        List<String> same = columns.stream().filter(c -> UnicodeText.trimmed(c).equalsIgnoreCase(plain)).limit(3)
                .toList();
        if (!same.isEmpty()) {
            return same;
        }
        int length = plain.length();
        // One or two letters are too short to misspell ('z' is one edit from every one-letter name).
        int most = length < 3 ? 0 : length < 5 ? 1 : Math.max(2, length / 4);
        return columns.stream()
                .filter(c -> Math.abs(c.length() - plain.length()) <= most)
                .map(c -> new Scored(c, edits(plain, c)))
                .filter(c -> c.edits() <= most)
                .sorted(Comparator.comparingInt(Scored::edits))
                .limit(3)
                .map(Scored::name)
                .toList();
    }

    private record Scored(String name, int edits) {
    }

    /**
     * Edit distance: insertions, deletions, substitutions and swaps of two neighbouring characters, one
     * edit each ('aera' for 'area' is one), no character edited twice (optimal string alignment).
     */
    public static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
