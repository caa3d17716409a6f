package dev.ridgeline.testing;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.PassStats;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;

/**
 * A bound problem that hands every call to another, for tests that change one answer of a real backend (a loss
 * reported high, an overflow, a count of steps) and keep the rest. {@code steps} and {@code suggestedMonitorInterval}
 * keep the interface's defaults, so an overridden {@code step} sees every step.
 */
public class ForwardingBoundProblem implements BoundProblem {
    protected final BoundProblem inner;

    public ForwardingBoundProblem(BoundProblem inner) {
        this.inner = inner;
    }

    @Override
    public Problem problem() {
        return inner.problem();
    }

    @Override
    public void setParameters(Parameters parameters) {
        inner.setParameters(parameters);
    }

    @Override
    public Parameters parameters() {
        return inner.parameters();
    }

    @Override
    public double[] loss() {
        return inner.loss();
    }

    @Override
    public Gradient lossAndGradient() {
        return inner.lossAndGradient();
    }

    @Override
    public void step(StepRule rule, RowBatch batch) {
        inner.step(rule, batch);
    }

    @Override
    public PassStats lastPass() {
        return inner.lastPass();
    }

    @Override
    public double[][] predict(DenseMatrix x) {
        return inner.predict(x);
    }

    @Override
    public void close() {
        inner.close();
    }
}
