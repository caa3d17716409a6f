package dev.ridgeline.engine;

import dev.ridgeline.data.DenseMatrix;

/**
 * A problem bound to a backend: data resident, parameters resident, reads back explicit and rare.
 *
 * <p>The three hot operations of the design are the loss ({@link #loss()}), the gradient fused with the
 * loss in one pass over X ({@link #lossAndGradient()}, and inside {@link #step}), and the L2 update
 * (the second half of {@link #step}). Every operation covers all K models of the problem.
 *
 * <p>After {@link #close()}, every operation on the parameters or the data throws
 * {@link IllegalStateException} ("the java-vector bound problem is closed", naming the backend), on every
 * backend alike, so a
 * use after close shows up whichever backend runs it; {@link #problem()}, {@link #suggestedMonitorInterval()}
 * and {@code close()} itself still answer.
 *
 * <p>Not thread-safe: a bound problem reuses its scratch buffers on every call. Use it from one thread at a
 * time, or bind the problem once per thread (binds are independent). Every backend lets threads take turns in
 * the order their calls come, except that an update ({@code step}, {@code steps}, {@code setParameters}, the
 * DP-SGD sum of {@link ClippedGradientStep}) that
 * finds another thread inside an update is refused ({@link IllegalStateException} naming it); reads
 * ({@code parameters()}, {@code lastPass()}, {@code loss()}, {@code lossAndGradient()}, {@code predict}) wait for
 * their turn, so a thread that polls the parameters during training is served between two of the training
 * thread's calls ({@code steps(rule, n)} is one) and never makes the training thread fail. On the Java
 * backends {@code close()} may be called from another thread, and the next operation then fails as above; on
 * {@code cuda} a close is an update: from another thread while one is inside an update it is refused the same
 * way (it would free device memory under queued kernels), and it waits for a read, so close from the thread
 * that uses the problem.
 */
public interface BoundProblem extends AutoCloseable {
    Problem problem();

    /**
     * Replaces the parameters of all K models and clears the momentum state. Values are taken as given, NaN
     * and infinities too, so that {@code setParameters(parameters())} restores any state this problem can be
     * in, a diverged model's included (the trainer's early stopping does so); a model set to a value that is
     * not finite has NaN losses from then on. {@link Parameters#requireFinite()} checks parameters that come
     * from outside.
     */
    void setParameters(Parameters parameters);

    /** Reads the parameters back. */
    Parameters parameters();

    /** J_k at the current parameters over all rows (one pass over X, no gradient). Shape (K). */
    double[] loss();

    /**
     * J_k and the full gradient at the current parameters over all rows, read back. Shapes: X (m, n); loss (K),
     * gradient theta (K, n) and bias (K).
     */
    Gradient lossAndGradient();

    /**
     * One fused pass over the rows of {@code batch} (null: all rows) computing residuals, loss and
     * gradient for every model, followed by the update of {@link StepRule}. The parameters stay resident.
     * Shapes: X (m, n), the batch's rows (b) or all m; theta (K, n), bias (K), learning rates (K).
     */
    void step(StepRule rule, RowBatch batch);

    /**
     * {@code count} full-batch steps. Backends with launch overhead override this to run several epochs
     * per host call; the default simply loops. Closed or not is not visible here, so implementations check
     * it before calling the default: with count 0 the loop runs no step that would.
     */
    default void steps(StepRule rule, int count) {
        requireStepCount(count);
        for (int e = 0; e < count; e++) {
            step(rule, null);
        }
    }

    /** A count of steps is at least 0: a negative one had run no step and said nothing. */
    static void requireStepCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("the count of steps must be at least 0, got " + count);
        }
    }

    /**
     * Loss and gradient norm of the parameters that the most recent {@link #step} read (before its update);
     * NaN for every model before the first step ({@link PassStats#beforeAnyStep}).
     */
    PassStats lastPass();

    /** Predictions of every model on new rows with the same features. Shape (K, rows). */
    double[][] predict(DenseMatrix x);

    /** How many epochs a trainer should run between reads of {@link #lastPass()}: 1 where reads are free. */
    default int suggestedMonitorInterval() {
        return 1;
    }

    /** Releases what {@link Backend#bind} acquired. Idempotent: closing twice is harmless. */
    @Override
    void close();
}
