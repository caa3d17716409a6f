package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every non-finite number becomes null, wherever Jackson meets it; finite numbers are written as before. */
class CliJsonTest {
    record Point(double x, float y) {
    }

    @Test
    void nonFiniteNumbersAreNullInMapsArraysRecordsAndTrees() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("nan", Double.NaN);
        doc.put("inf", Double.NEGATIVE_INFINITY);
        doc.put("float", Float.POSITIVE_INFINITY);
        doc.put("doubles", new double[] {1.5, Double.NaN});
        doc.put("floats", new float[] {Float.NaN, 2.5f});
        doc.put("list", List.of(Double.NaN, 3.0));
        doc.put("record", new Point(Double.NaN, Float.NaN));
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("r2", Double.NaN).put("mse", 0.25);
        doc.put("tree", tree);
        doc.put("text", "NaN");
        assertEquals("{\"nan\":null,\"inf\":null,\"float\":null,\"doubles\":[1.5,null],\"floats\":[null,2.5],"
                + "\"list\":[null,3.0],\"record\":{\"x\":null,\"y\":null},\"tree\":{\"r2\":null,\"mse\":0.25},"
                + "\"text\":\"NaN\"}", CliJson.compact(doc));
        assertEquals("{\n  \"r2\" : null,\n  \"mse\" : 0.25\n}", CliJson.pretty(tree).replace("\r\n", "\n"));
    }
}
