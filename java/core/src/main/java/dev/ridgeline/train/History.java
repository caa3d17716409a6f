package dev.ridgeline.train;

import dev.ridgeline.engine.ModelIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The loss per model at the epochs where the trainer read it. Epoch e's loss is J before that epoch's update. */
public final class History {
    private final List<Integer> epochs = new ArrayList<>();
    private final List<double[]> losses = new ArrayList<>();
    private final List<double[]> validationLosses = new ArrayList<>();
    /** The epoch of the parameters each record's validation losses were taken at (null without them). */
    private final List<Integer> validationEpochs = new ArrayList<>();
    /** Per model, the epoch of the parameters kept as the best validation read; null without early stopping. */
    private int[] keptEpochs;

    void record(int epoch, double[] loss) {
        epochs.add(epoch);
        losses.add(loss.clone());
        validationLosses.add(null);
        validationEpochs.add(null);
    }

    /** Attaches validation losses (per model) to the latest record, taken at the parameters of its epoch. */
    void recordValidation(double[] loss) {
        recordValidation(epochs.get(epochs.size() - 1), loss);
    }

    /**
     * Attaches validation losses (per model) to the latest record, taken at the parameters after {@code epoch}
     * epochs: a full-batch pass reads the loss of the parameters before its update, and the validation
     * losses read with it are those of the parameters after it, one epoch later.
     */
    void recordValidation(int epoch, double[] loss) {
        validationLosses.set(validationLosses.size() - 1, loss.clone());
        validationEpochs.set(validationEpochs.size() - 1, epoch);
    }

    /**
     * The epoch of the parameters whose validation losses record {@code index} holds: {@link #epoch} itself for
     * mini-batches, one later for full-batch passes (see {@link #recordValidation(int, double[])}); -1 when the
     * record has none.
     */
    public int validationEpoch(int index) {
        Integer e = validationEpochs.get(record(index));
        return e == null ? -1 : e;
    }

    /** Validation loss of model k at record {@code index}, NaN when it was not computed (no early stopping). */
    public double validationLoss(int index, int k) {
        int m = model(k);
        double[] v = validationLosses.get(record(index));
        return v == null ? Double.NaN : v[m];
    }

    /** Records, per model, the epoch of the parameters early stopping kept (-1: the last ones). Shape: (K). */
    void keep(int[] epochs) {
        keptEpochs = epochs.clone();
    }

    /**
     * The epoch after which model k's kept parameters were read, when early stopping kept its best validation read
     * (which may be before the last epoch run, whatever ended the training; never the start, epoch 0); -1 without
     * early stopping, or for a model that diverged.
     */
    public int keptEpoch(int k) {
        int m = model(k);
        return keptEpochs == null ? -1 : keptEpochs[m];
    }

    /**
     * A copy with every loss, validation losses included, multiplied by {@code by} (a target scale's square).
     * Shapes: each record's losses (K), its validation losses (K) or null.
     */
    History scaled(double by) {
        History out = new History();
        for (int i = 0; i < size(); i++) {
            out.epochs.add(epochs.get(i));
            out.losses.add(times(losses.get(i), by));
            out.validationLosses.add(validationLosses.get(i) == null ? null : times(validationLosses.get(i), by));
            out.validationEpochs.add(validationEpochs.get(i));
        }
        out.keptEpochs = keptEpochs == null ? null : keptEpochs.clone();
        return out;
    }

    /** Shapes: values (K); returns a copy (K). */
    private static double[] times(double[] values, double by) {
        double[] out = values.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] *= by;
        }
        return out;
    }

    public int size() {
        return epochs.size();
    }

    public int epoch(int index) {
        return epochs.get(record(index));
    }

    /** Loss of model k at record {@code index}. */
    public double loss(int index, int k) {
        return losses.get(record(index))[model(k)];
    }

    /**
     * index itself when there is such a record; else an IndexOutOfBoundsException saying how many there are (the
     * list's "Index 99 out of bounds for length 3" had named neither).
     */
    private int record(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("record " + index + " of a history of " + size()
                    + (size() == 1 ? " record" : " records"));
        }
        return index;
    }

    /**
     * k itself when the records are of a model k; else an IndexOutOfBoundsException saying how many models they
     * hold. A history without records or kept epochs knows no model count and takes any k >= 0.
     */
    private int model(int k) {
        int models = size() > 0 ? losses.get(0).length : keptEpochs != null ? keptEpochs.length : -1;
        if (k < 0 && models < 0) {
            throw new IndexOutOfBoundsException("model " + k + ": models are numbered from 0");
        }
        return models < 0 ? k : ModelIndex.checked(k, models, "of a history of");
    }

    /**
     * Equal when both read the same losses at the same epochs (validation losses too, as {@link Double#equals}) and
     * kept the same epochs.
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof History h) || !epochs.equals(h.epochs) || !validationEpochs.equals(h.validationEpochs)
                || !Arrays.equals(keptEpochs, h.keptEpochs)) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (!Arrays.equals(losses.get(i), h.losses.get(i))
                    || !Arrays.equals(validationLosses.get(i), h.validationLosses.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 31 * (31 * epochs.hashCode() + validationEpochs.hashCode()) + Arrays.hashCode(keptEpochs);
        for (int i = 0; i < size(); i++) {
            hash = 31 * (31 * hash + Arrays.hashCode(losses.get(i))) + Arrays.hashCode(validationLosses.get(i));
        }
        return hash;
    }

    /** The loss curve of model k as (epoch, loss) pairs. Shape: (size(), 2). */
    public double[][] curve(int k) {
        model(k);
        double[][] out = new double[size()][];
        for (int i = 0; i < size(); i++) {
            out[i] = new double[] {epochs.get(i), losses.get(i)[k]};
        }
        return out;
    }
}
