package dev.ridgeline.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Category labels of the bar plots: long feature names shortened in the middle (their ends tell similar names
 * apart: "measurement_of_something_long_21"), and the label angle chosen for how many bars share the axis.
 * Unshortened, 40 rotated names of 40 characters took two thirds of a plot's height and ran into each other.
 */
final class PlotLabels {
    /** Characters of a feature name in a bar label, at most. */
    static final int MAX_NAME = 24;

    private PlotLabels() {
    }

    /** {@code name} itself up to {@code max} characters, else its start and end around an ellipsis. */
    static String shorten(String name, int max) {
        int length = name.codePointCount(0, name.length());
        if (length <= max) {
            return name;
        }
        int head = (max - 1 + 1) / 2;
        int tail = max - 1 - head;
        int headEnd = name.offsetByCodePoints(0, head);
        int tailStart = name.offsetByCodePoints(0, length - tail);
        return name.substring(0, headEnd) + "\u2026" + name.substring(tailStart);
    }

    /**
     * Each name shortened to {@link #MAX_NAME} characters, except names whose short forms would coincide, which
     * stay whole (a category axis needs distinct labels).
     */
    static List<String> shortenAll(List<String> names) {
        List<String> shortNames = names.stream().map(n -> shorten(n, MAX_NAME)).toList();
        Map<String, Long> uses = shortNames.stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            labels.add(uses.get(shortNames.get(i)) > 1 ? names.get(i) : shortNames.get(i));
        }
        return labels;
    }

    /** Horizontal labels for a few bars, 45 degrees up to 20, upright beyond (one text line per bar). */
    static int rotation(int bars) {
        return bars <= 6 ? 0 : bars <= 20 ? 45 : 90;
    }
}
