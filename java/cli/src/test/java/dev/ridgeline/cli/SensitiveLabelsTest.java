package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numeric sensitive values and bin edges are the groups' keys: labels that rounded them to four digits pooled
 * values (or bins) agreeing to four digits into one group, which then showed no disparity.
 */
class SensitiveLabelsTest {
    @TempDir
    Path dir;

    /** 300 rows: x, y = x + 3 [c is the third value], and c cycling through {@code values}. */
    private Path data(double[] values) throws Exception {
        StringBuilder csv = new StringBuilder("x,c,y\n");
        for (int i = 0; i < 300; i++) {
            double x = (i * 37 % 101) / 10.0;
            int v = i % values.length;
            csv.append(x).append(',').append(values[v]).append(',').append(x + (v == 2 ? 3 : 0) + (i % 7) * 0.01)
                    .append('\n');
        }
        Path file = dir.resolve("c.csv");
        Files.writeString(file, csv);
        return file;
    }

    private static List<String> groups(String json) throws Exception {
        List<String> out = new ArrayList<>();
        new ObjectMapper().readTree(json).at("/fairness/attributes/0/groups")
                .forEach(g -> out.add(g.get("group").asText() + ":" + g.get("count").asInt()));
        return out;
    }

    @Test
    void valuesAgreeingToFourDigitsStayApartAndShortOnesAreWrittenShort() throws Exception {
        CliRun r = CliRun.of("train", "--data", data(new double[] {2.50001, 2.50004, 2.50009}).toString(),
                "--target", "y", "--sensitive", "c", "--ignore", "c", "--holdout", "0", "--solver", "exact",
                "--bootstrap", "0", "--no-output", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("2.50001:100", "2.50004:100", "2.50009:100"), groups(r.out()));
        JsonNode mse = new ObjectMapper().readTree(r.out()).at("/fairness/attributes/0/disparities/0");
        assertEquals("MSE", mse.get("metric").asText(), mse.toString());
        assertEquals("2.50009", mse.get("max_group").asText(), "the offset group has the largest error");

        CliRun short4 = CliRun.of("train", "--data", data(new double[] {0.5, 1.25, 2.5}).toString(),
                "--target", "y", "--sensitive", "c", "--ignore", "c", "--holdout", "0", "--solver", "exact",
                "--bootstrap", "0", "--no-output", "--json");
        assertEquals(0, short4.code(), short4.err());
        assertEquals(List.of("0.5:100", "1.25:100", "2.5:100"), groups(short4.out()));
    }

    /** Every label in one style, however many digits it needs: "1.000e-05" had stood beside "1.00001E-5". */
    @Test
    void labelsShareOneStyle() {
        assertEquals("1e-05", SensitiveColumns.fmt(1e-5));
        assertEquals("1.00001e-05", SensitiveColumns.fmt(1.00001e-5));
        assertEquals("0.3333333333333333", SensitiveColumns.fmt(1.0 / 3));
        assertEquals("2.5e+20", SensitiveColumns.fmt(2.5e20));
        assertEquals("-7", SensitiveColumns.fmt(-7.0));
        assertEquals("0.1", SensitiveColumns.fmt(0.1));
        assertEquals("1234.5", SensitiveColumns.fmt(1234.5));
        for (double v : new double[] {Math.PI, Math.E * 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2}) {
            assertEquals(v, Double.parseDouble(SensitiveColumns.fmt(v)), "exact: " + v);
        }
    }

    @Test
    void binsWhoseEdgesAgreeToFourDigitsStayApart() throws Exception {
        double[] values = new double[40];
        for (int k = 0; k < values.length; k++) {
            values[k] = 1 + k * 1e-6;
        }
        CliRun r = CliRun.of("train", "--data", data(values).toString(), "--target", "y", "--sensitive", "c",
                "--sensitive-bins", "5", "--ignore", "c", "--holdout", "0", "--solver", "exact", "--bootstrap", "0",
                "--no-output", "--json");
        assertEquals(0, r.code(), r.err());
        List<String> groups = groups(r.out());
        assertEquals(5, groups.size(), groups.toString());
        assertEquals(300, groups.stream().mapToInt(g -> Integer.parseInt(g.substring(g.lastIndexOf(':') + 1))).sum());
    }
}
