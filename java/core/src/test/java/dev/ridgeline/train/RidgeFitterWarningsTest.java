package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.testing.CsvText;
import dev.ridgeline.testing.WarningLog;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link RidgeFitter#fit(Frame, PreprocessingSpec)} logs the preprocessing's warnings (a column dropped as
 * constant), which nothing else would show its caller; the model still records them.
 */
class RidgeFitterWarningsTest {
    @Test
    void aConstantColumnDroppedInFittingIsLogged() {
        try (WarningLog log = WarningLog.of(RidgeFitter.class)) {
            Frame f = FrameReader.forTraining(CsvText.table("a,k,y\n1,5,3\n2,5,4\n3,5,6\n4,5,8\n", ','), "y", Set.of());
            var fit = new RidgeFitter(1.0, TrainerConfig.builder().solver(Solver.EXACT).build(), "java-scalar")
                    .fit(f, PreprocessingSpec.defaults());
            String dropped = "feature 'k' is constant (5.0) on the training rows and was dropped";
            assertEquals(List.of(dropped), log.messages());
            assertEquals(List.of(dropped), fit.model().preprocessing().warnings());
        }
    }
}
