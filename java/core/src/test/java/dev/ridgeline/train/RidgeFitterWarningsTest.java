package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.testing.CsvText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * {@link RidgeFitter#fit(Frame, PreprocessingSpec)} logs the preprocessing's warnings (a column dropped as
 * constant), which nothing else would show its caller; the model still records them.
 */
class RidgeFitterWarningsTest {
    @Test
    void aConstantColumnDroppedInFittingIsLogged() {
        Logger logger = Logger.getLogger(RidgeFitter.class.getName());
        List<String> warnings = new ArrayList<>();
        Handler collect = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(collect);
        try {
            Frame f = FrameReader.forTraining(CsvText.table("a,k,y\n1,5,3\n2,5,4\n3,5,6\n4,5,8\n", ','), "y", Set.of());
            var fit = new RidgeFitter(1.0, TrainerConfig.builder().solver(Solver.EXACT).build(), "java-scalar")
                    .fit(f, PreprocessingSpec.defaults());
            String dropped = "feature 'k' is constant (5.0) on the training rows and was dropped";
            assertEquals(List.of(dropped), warnings);
            assertEquals(List.of(dropped), fit.model().preprocessing().warnings());
        } finally {
            logger.removeHandler(collect);
        }
    }
}
