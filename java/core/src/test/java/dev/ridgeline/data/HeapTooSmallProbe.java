package dev.ridgeline.data;

import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.train.RidgeFitter;
import dev.ridgeline.train.TrainerConfig;
import java.nio.file.Path;
import java.util.Set;

/**
 * For {@link HeapTooSmallTest}, in a JVM of a small heap: reads a CSV in chunks and fits it, as a service
 * would (docs/java-api.md), and prints how that ended: "fit" or the class and message of what was thrown.
 */
public final class HeapTooSmallProbe {
    private HeapTooSmallProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (CsvChunks chunks = CsvChunks.open(Path.of(args[0]), ',', FrameChunks.DEFAULT_ROWS,
                FrameChunks.DEFAULT_CHARS)) {
            Frame frame = FrameReader.forTraining(chunks, "y", null, Set.of());
            new RidgeFitter(1.0, TrainerConfig.builder().maxEpochs(2).build(), "java-scalar")
                    .fit(frame, PreprocessingSpec.defaults());
            System.out.println("fit");
        } catch (Throwable e) {
            System.out.println(e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
