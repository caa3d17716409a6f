package dev.ridgeline.fairness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of group labels in reports: text order, except that numbers inside the labels compare by value,
 * so the bins of a numeric column read [0, 9), [9, 19), [19, 30) rather than [0, 9), [19, 30), [9, 19).
 * Each label is split into runs of text and numbers (a minus sign is a sign only where no letter or digit
 * precedes it), and the runs are compared in turn: numbers by value, text by text, a number before text.
 * That is a lexicographic order over totally ordered runs, so it is a total order; labels equal run by run
 * ("1.0" and "1") fall back to text order.
 */
final class LabelOrder implements Comparator<String> {
    static final LabelOrder INSTANCE = new LabelOrder();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private LabelOrder() {
    }

    @Override
    public int compare(String a, String b) {
        List<Object> ra = runs(a);
        List<Object> rb = runs(b);
        for (int i = 0; i < Math.min(ra.size(), rb.size()); i++) {
            Object x = ra.get(i);
            Object y = rb.get(i);
            int c;
            if (x instanceof Double dx && y instanceof Double dy) {
                c = Double.compare(dx, dy);
            } else if (x instanceof String sx && y instanceof String sy) {
                c = sx.compareTo(sy);
            } else {
                c = x instanceof Double ? -1 : 1;
            }
            if (c != 0) {
                return c;
            }
        }
        int byCount = Integer.compare(ra.size(), rb.size());
        return byCount != 0 ? byCount : a.compareTo(b);
    }

    /** The label's runs: Double for a number, String for the text between numbers. */
    static List<Object> runs(String s) {
        List<Object> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(s);
        int text = 0;
        int at = 0;
        while (at < s.length()) {
            char c = s.charAt(at);
            boolean sign = c == '-' && (at == 0 || !Character.isLetterOrDigit(s.charAt(at - 1)));
            if ((Character.isDigit(c) || sign) && m.region(at, s.length()).lookingAt()) {
                if (text < at) {
                    out.add(s.substring(text, at));
                }
                out.add(Double.parseDouble(m.group()));
                at = m.end();
                text = at;
            } else {
                at++;
            }
        }
        if (text < s.length()) {
            out.add(s.substring(text));
        }
        return out;
    }
}
