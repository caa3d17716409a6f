package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.card.ModelCard;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.train.RidgeFitter;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TrainerConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model details of tune's card say where the refit ran as train's card does. */
class TuneCardTest {
    private static TuneCard.Run run(LinearModel model, Solver solver, String backend) {
        return new TuneCard.Run(model, new byte[] {1, 2, 3}, null, 5, false, null, null, 442, 42, solver, backend,
                "the reason", PreprocessingSpec.defaults(), false, Map.of(), List.of());
    }

    /**
     * A tune run on the CUDA backend gave a hardware line of the host's CPU alone, where train's card names the GPU;
     * an exact tune named the backend as if it had solved, where train's card says that the solve ran in double on
     * the CPU and the backend computed only its loss.
     */
    @Test
    void theHardwareAndBackendLinesAreTrainsOnes() {
        Frame frame = FrameReader.forTraining(EmbeddedData.diabetesTable(), "progression", Set.of());
        LinearModel model = new RidgeFitter(1.0, TrainerConfig.builder().build(), "java-scalar")
                .fit(frame, PreprocessingSpec.defaults()).model();
        ModelCard.Details gpu = TuneCard.details(run(model, Solver.GD, "cuda"), "m");
        assertTrue(gpu.hardware().startsWith("NVIDIA GPU through CUDA; host: "), gpu.hardware());
        assertEquals(CardAssembler.hardware("cuda"), gpu.hardware());
        assertEquals("cuda (the reason)", gpu.backend());
        ModelCard.Details exact = TuneCard.details(run(model, Solver.EXACT, "java-vector"), "m");
        assertEquals("the exact solve by Cholesky in Java double on the CPU; its loss on java-vector (the reason)",
                exact.backend());
        assertEquals(CardAssembler.hardware("java-vector"), exact.hardware());
    }
}
