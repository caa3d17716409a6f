package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.CsvTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The CSV that {@code predict} writes, read back by the project's own CSV reader: the column name as it was
 * (any text a header can hold: commas, quotes, line breaks, non-ASCII) and every prediction bit for bit.
 */
class PredictOutputPropertyTest {
    @Provide
    Arbitrary<String> columnNames() {
        return Arbitraries.of("y", "price", ",", "\"", "\n", "\r\n", "\r", " ", "é", "中", "\uD83D\uDE00", ";", "\t")
                .list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts))
                .filter(s -> !s.trim().isEmpty() && s.equals(s.trim()));
    }

    @Provide
    Arbitrary<List<Double>> predictions() {
        Arbitrary<Double> any = Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite);
        return Arbitraries.oneOf(any, Arbitraries.doubles(), Arbitraries.of(0.0, -0.0, Double.MIN_VALUE,
                Double.MAX_VALUE, -Double.MAX_VALUE)).list().ofMaxSize(20);
    }

    @Property(tries = 150, seed = "75")
    void theWrittenCsvReadsBackExactly(@ForAll("columnNames") String column, @ForAll("predictions") List<Double> values) {
        double[] predicted = values.stream().mapToDouble(Double::doubleValue).toArray();
        String text = PredictCommand.csv(column, predicted);
        CsvTable table = CsvTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "out.csv", ',');
        assertEquals(List.of(column), table.header());
        assertEquals(predicted.length, table.rows(), "rows");
        for (int i = 0; i < predicted.length; i++) {
            assertEquals(Double.doubleToRawLongBits(predicted[i]),
                    Double.doubleToRawLongBits(Double.parseDouble(table.field(i, 0))), "row " + i);
        }
    }
}
