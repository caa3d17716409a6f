package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlotsTest {
    @Test
    void aCurveWithOverflowedValuesIsDrawnFromItsFinitePoints() {
        double[][] loss = {{0, 1, 2, 3}, {5, Double.POSITIVE_INFINITY, Double.NaN, 2}};
        assertArrayEquals(new double[][] {{0, 3}, {5, 2}}, Plots.finitePoints(loss));
        byte[] png = Plots.curves("loss", "epoch", "loss", List.of("train"), List.<double[][]>of(loss));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    }
}
