package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import org.junit.jupiter.api.Test;

/**
 * The row-streaming pass reads four rows at a time from four streams, each moving to the next chunk of X when it
 * leaves its own. Where a chunk ends just before the pass's last row, the fourth stream must still move: 8 rows
 * of 3 features in chunks of 7 rows (the last row alone in the second chunk) give streams starting at rows 0, 2,
 * 4 and 6, and the fourth crosses into the second chunk for its last row, 7. Every row counts in the loss and the
 * gradient, which java-scalar sums row by row in double.
 */
class ChunkBoundaryStreamTest {
    @Test
    void aStreamMovesToTheLastChunkForThePassesLastRow() {
        float[][] rows = {{1, 2, 0}, {0, 1, 3}, {2, 0, 1}, {1, 1, 1}, {3, 0, 2}, {0, 2, 2}, {1, 3, 0}, {5, -4, 7}};
        DenseMatrix chunked = DenseMatrix.zeros(8, 3, 7 * 3);
        for (int i = 0; i < rows.length; i++) {
            chunked.setRow(i, rows[i]);
        }
        Problem p = Problem.builder(chunked).model(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, null, 0.5).build();
        Parameters at = new Parameters(new double[][] {{0.25, -0.5, 0.75}}, new double[] {0.5});
        Gradient expected;
        try (BoundProblem scalar = new ScalarBackend().bind(p)) {
            scalar.setParameters(at);
            expected = scalar.lossAndGradient();
        }
        for (boolean panels : new boolean[] {false, true}) {
            try (BoundProblem vector = new VectorBackend(1, panels).bind(p)) {
                vector.setParameters(at);
                Gradient g = vector.lossAndGradient();
                assertEquals(expected.loss(0), g.loss(0), 1e-6 * expected.loss(0), "loss, panels " + panels);
                for (int j = 0; j < 3; j++) {
                    assertEquals(expected.theta(0)[j], g.theta(0)[j], 1e-5, "feature " + j + ", panels " + panels);
                }
                assertEquals(expected.bias(0), g.bias(0), 1e-5, "bias, panels " + panels);
            }
        }
    }
}
