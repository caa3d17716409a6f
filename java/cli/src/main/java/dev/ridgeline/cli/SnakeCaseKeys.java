package dev.ridgeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renames the keys of a JSON tree from camelCase to snake_case ({@code permutationP} to {@code permutation_p}),
 * so the model card's sections that {@code train --json} and metrics.json repeat follow the command's one
 * convention for keys. Only for trees whose keys are all field names: a key that is data (a feature or group
 * name) would be renamed too.
 */
final class SnakeCaseKeys {
    private SnakeCaseKeys() {
    }

    /** {@code node} and every object inside it, keys renamed in place; returns {@code node}. */
    static ObjectNode of(ObjectNode node) {
        rename(node);
        return node;
    }

    private static void rename(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            object.removeAll();
            for (Map.Entry<String, JsonNode> f : fields) {
                rename(f.getValue());
                object.set(snake(f.getKey()), f.getValue());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(SnakeCaseKeys::rename);
        }
    }

    /** {@code meanResidualCi} to {@code mean_residual_ci}: an underscore before each upper-case letter. */
    static String snake(String key) {
        StringBuilder s = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && key.charAt(i - 1) != '_') {
                    s.append('_');
                }
                s.append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
