package dev.ridgeline.explain;

import dev.ridgeline.data.Frame;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.EncodedFeature;
import dev.ridgeline.preprocess.Preprocessing;
import java.util.List;

/**
 * Rows of a frame in a model's input space, where {@link LinearShap} works: the model's stored preprocessing
 * applied by column name (imputation, one-hot encoding, dropped columns) but not its scaling, so that
 * {@code prediction = intercept + coefficients . x} in original units.
 */
public final class InputSpace {
    private InputSpace() {
    }

    /** Shape (frame.rows(), model.features()), in double. */
    public static double[][] rows(LinearModel model, Frame frame) {
        Preprocessing pre = model.preprocessing();
        List<EncodedFeature> features = pre.features();
        int[] cols = pre.bind(frame);
        double[] z = new double[features.size()];
        double[][] out = new double[frame.rows()][features.size()];
        for (int i = 0; i < out.length; i++) {
            pre.encode(frame, cols, i, z);
            for (int f = 0; f < z.length; f++) {
                // Undo the scaling only: z = (v - shift) / scale.
                out[i][f] = z[f] * features.get(f).scale() + features.get(f).shift();
            }
        }
        return out;
    }
}
