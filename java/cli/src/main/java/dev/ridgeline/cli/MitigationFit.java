package dev.ridgeline.cli;

import dev.ridgeline.engine.Parameters;
import dev.ridgeline.fairness.BoundedGroupLoss;
import dev.ridgeline.fairness.MitigationResult;
import dev.ridgeline.fairness.WeightedFit;
import dev.ridgeline.train.DivergenceException;

/**
 * {@code train --mitigate}: the pipeline's fit step replaced by bounded-group-loss reweighting over the groups
 * of the sensitive columns (their intersection when several). Each round is a plain fit of the same
 * preprocessed training rows with the groups' weights as the row-weight column, so every backend runs it.
 */
final class MitigationFit implements FitStep {
    private final ResponsibleOptions options;
    private MitigationResult<Fitted> result;

    MitigationFit(ResponsibleOptions options) {
        this.options = options;
    }

    @Override
    public Fitted fit(TrainingRows rows) {
        String[] groups = SensitiveColumns.fit(rows.part(), options.sensitive, options.sensitiveBins)
                .finestLabels(rows.part());
        WeightedFit<Fitted> fitter = new WeightedFit<>() {
            private int round; // BoundedGroupLoss fits round 0 (the plain fit), then one fit per round

            @Override
            public Fitted fit(float[] w) {
                int r = round++;
                try {
                    return rows.fitPlain(w);
                } catch (DivergenceException e) {
                    if (r == 0) {
                        throw e; // the plain fit: the run would diverge without --mitigate too
                    }
                    // The reweighting changes the steps' curvature: a rate the plain fit took can be too large now.
                    String why = e.getMessage();
                    String auto = "--lr auto, which estimates the rate for each round's weights";
                    // Not where the fit advised scaling instead: the automatic rate fails on those features too.
                    if (!rows.config().autoLearningRate() && !why.contains("--scale zscore")) {
                        why = why.contains("(or --lr auto)") ? why.replace("(or --lr auto)", "(or " + auto + ")")
                                : why + "; or " + auto;
                    }
                    throw new DivergenceException("--mitigate round " + r + " of " + options.mitigateRounds
                            + " (a fit after reweighting the groups; the plain fit, round 0, did not diverge): " + why);
                }
            }

            @Override
            public double[] predict(Fitted f) {
                return predictions(rows, f.training().parameters());
            }
        };
        try {
            // The targets as read, in double: far from 0 float32 rounds away the differences the group losses measure.
            result = BoundedGroupLoss.mitigate(rows.part().targetValues(), groups, rows.weights(), fitter,
                    new BoundedGroupLoss.Settings(options.mitigateRounds, 1.0));
        } catch (IllegalArgumentException e) {
            // The core names the group; the user needs the columns and which rows were meant.
            throw new IllegalArgumentException("--mitigate over " + String.join(" x ", options.sensitive) + " on the "
                    + groups.length + " training rows: " + e.getMessage(), e);
        }
        return result.model();
    }

    /** The rounds' outcome (after {@link #fit}). */
    MitigationResult<Fitted> result() {
        return result;
    }

    /** Predictions of model 0 of p on the scaled training rows: bias + theta . x. Shapes: x (m, n), out (m). */
    private static double[] predictions(TrainingRows rows, Parameters p) {
        double[] theta = p.theta(0);
        double[] out = new double[rows.rows()];
        float[] x = new float[theta.length];
        for (int i = 0; i < out.length; i++) {
            rows.x().copyRow(i, x);
            double s = p.bias(0);
            for (int j = 0; j < theta.length; j++) {
                s += theta[j] * x[j];
            }
            out[i] = s;
        }
        return out;
    }
}
