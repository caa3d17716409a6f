package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key of every JSON report the command writes (each subcommand's {@code --json} object, metrics.json,
 * tune.json) is snake_case.
 * On the embedded data, whose feature and group names are lower case, a key with an upper-case letter is a field
 * name that broke the convention (the fairness and privacy sections of train --json and doctor --json had used
 * the card's camelCase).
 */
class SnakeCaseKeysTest {
    @TempDir
    Path dir;

    @Test
    void camelCaseKeysBecomeSnakeCase() {
        assertEquals("permutation_p", SnakeCaseKeys.snake("permutationP"));
        assertEquals("small_group_rows", SnakeCaseKeys.snake("smallGroupRows"));
        assertEquals("r2_ci", SnakeCaseKeys.snake("r2Ci"));
        assertEquals("mse", SnakeCaseKeys.snake("mse"));
        assertEquals("chosen_round", SnakeCaseKeys.snake("chosen_Round"));
    }

    @Test
    void everyJsonTheCommandWritesHasSnakeCaseKeys() throws Exception {
        Path trained = dir.resolve("trained");
        Path tuned = dir.resolve("tuned");
        Path data = dir.resolve("diabetes.csv");
        try (var in = Main.class.getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            Files.copy(in, data);
        }
        List<String[]> runs = List.of(
                new String[] {"train", "--sensitive", "sex", "--mitigate", "--bootstrap", "40", "--json", "--out",
                    trained.toString()},
                new String[] {"train", "--dp", "--dp-seeded", "--dp-epochs", "1", "--json", "--no-output"},
                new String[] {"tune", "--folds", "3", "--lambdas", "0.1,1", "--json", "--out", tuned.toString()},
                new String[] {"evaluate", "--model", trained.resolve("model.json").toString(), "--data", data.toString(),
                    "--json"},
                new String[] {"explain", "--model", trained.resolve("model.json").toString(), "--data", data.toString(),
                    "--background", data.toString(), "--json"},
                new String[] {"predict", "--model", trained.resolve("model.json").toString(), "--data", data.toString(),
                    "--out", dir.resolve("predicted.csv").toString(), "--json"},
                new String[] {"export", "--model", trained.resolve("model.json").toString(), "--onnx",
                    dir.resolve("model.onnx").toString(), "--json"},
                new String[] {"info", "--json"},
                new String[] {"privacy", "--n", "1000", "--batch", "10", "--noise", "1", "--epochs", "3", "--json"},
                new String[] {"doctor", "--no-bench", "--json"});
        List<String> camel = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String[] args : runs) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            JsonNode doc = mapper.readTree(r.out());
            assertTrue(doc.isObject() && doc.size() > 0, r.out());
            collectCamel(doc, args[0] + " --json ", camel);
        }
        for (Path file : List.of(trained.resolve("metrics.json"), tuned.resolve("tune.json"))) {
            collectCamel(mapper.readTree(file.toFile()), file.getFileName() + " ", camel);
        }
        assertEquals(List.of(), camel);
    }

    private static void collectCamel(JsonNode node, String path, List<String> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getKey().equals(f.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    found.add(path + "/" + f.getKey());
                }
                collectCamel(f.getValue(), path + "/" + f.getKey(), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectCamel(node.get(i), path + "/" + i, found);
            }
        }
    }
}
