package dev.ridgeline.bench;

import dev.ridgeline.data.DenseMatrix;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Tribuo's linear SGD regression (squared loss, AdaGrad, mini-batches) on the same rows. Tribuo's linear
 * SGD has no L2 term, so the peer comparison uses lambda = 0 for every library.
 */
public final class TribuoSgd {
    private static final String TARGET = "y";
    /**
     * Tribuo logs two INFO lines per training; the rate and epoch search of the peer benchmark trains dozens
     * of times per setup, which filled JMH's output. Held: java.util.logging keeps its loggers weakly.
     */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final MutableDataset<Regressor> data;
    private final float[] y;

    /** Builds Tribuo's examples (done once, outside the timing). Shapes: x (m, n), target (m); names, row (n). */
    public TribuoSgd(DenseMatrix x, float[] target) {
        RegressionFactory factory = new RegressionFactory();
        this.data = new MutableDataset<>(new SimpleDataSourceProvenance("ridgeline-bench", factory), factory);
        this.y = target;
        String[] names = new String[x.cols()];
        for (int j = 0; j < names.length; j++) {
            names[j] = String.format("f%05d", j);
        }
        double[] row = new double[x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < row.length; j++) {
                row[j] = x.get(i, j);
            }
            data.add(new ArrayExample<>(new Regressor(TARGET, target[i]), names, row));
        }
    }

    /** Trains for the given number of epochs with a fixed seed, AdaGrad at Tribuo's usual rate of 0.1. */
    public LinearSGDModel train(int epochs) {
        return train(epochs, 0.1);
    }

    /** Trains for the given number of epochs with a fixed seed and AdaGrad's initial learning rate {@code rate}. */
    public LinearSGDModel train(int epochs, double rate) {
        LinearSGDTrainer trainer = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(rate, 0.1), epochs,
                Integer.MAX_VALUE, 32, BenchData.SEED);
        return trainer.train(data);
    }

    /** J = 1/(2m) sum (prediction - y)^2 of a trained model on the training rows. Shapes: predictions (m), y (m). */
    public double loss(LinearSGDModel model) {
        List<Example<Regressor>> rows = new ArrayList<>();
        data.forEach(rows::add);
        List<Prediction<Regressor>> predictions = model.predict(rows);
        double sum = 0;
        for (int i = 0; i < predictions.size(); i++) {
            double r = predictions.get(i).getOutput().getValues()[0] - y[i];
            sum += r * r;
        }
        return sum / (2.0 * y.length);
    }
}
