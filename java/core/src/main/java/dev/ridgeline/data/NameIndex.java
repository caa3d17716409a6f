package dev.ridgeline.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each name's position in a list, for lookups by name: scanning the list per lookup made a lookup of every
 * column of a wide file quadratic (a 200,000-column header took 26 s). Built once per list of names and
 * shared by the tables and frames that have those names.
 */
final class NameIndex {
    private NameIndex() {
    }

    /** Name to position; a repeated name keeps its first position, as {@link List#indexOf} finds it. */
    static Map<String, Integer> of(List<String> names) {
        Map<String, Integer> index = new HashMap<>(2 * names.size());
        for (int c = names.size() - 1; c >= 0; c--) {
            index.put(names.get(c), c);
        }
        return index;
    }
}
