package dev.ridgeline.engine.java;

import dev.ridgeline.data.ThreadSetting;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import java.util.Objects;

/**
 * The fast pure-Java backend: SIMD through {@code jdk.incubator.vector}, one fused pass over X per epoch
 * for all K models, several threads over fixed row blocks (results independent of the thread count).
 *
 * <p>Precision: X and a float32 copy of theta feed float32 lanes; residuals, loss and the gradient are
 * summed in double across rows (float only within runs of 64 rows, or, for the panel kernel and the row
 * kernel's block gradients, two float levels of at most 64 rows and 16 such runs). Each residual comes from a float32 dot
 * product whose rounding error is about 6e-8 |x . theta|, so how closely results match java-scalar depends
 * on the features. On centred, scaled features (the CLI z-scores them by default; {@code Standardizer} does
 * it for API callers) losses and trained coefficients match java-scalar to about 1e-6 relative, and the
 * relative gradient norm it can reach bottoms out between 1e-9 and 1e-8 on narrow rows, nearer 1e-7 on wide
 * ones (3,000 x 1,025, K = 4, Nesterov: 9e-8 to 1.0e-7 with 16 lanes, 1.3e-7 to 1.5e-7 with 8). Each row's
 * w r is a float, and the panel kernel sums w r^2 in float over up to 1,024 rows: weights times residuals
 * beyond about 3e38, or residuals beyond about 4e17, overflow, and residuals below about 1e-19 underflow (the
 * panel kernel's loss of residuals of 1e-25 is 0, where java-scalar's is 5e-51; the gradient is right); the
 * gradient's products w r x_ij are summed in float over up to 1,024 rows too, so on features near 1e37 it
 * overflows where java-scalar's double sums do not (TargetShift keeps the fits' targets near 1, and the CLI
 * scales features; the trainer names such an overflow).
 * On unscaled features that share a
 * large offset, |x . theta| dwarfs the residuals: in tests with a mean of 100 the loss was up to 5.5e-5
 * relative off, with a mean of 1e4 up to 1.3e-2, and the gradient norm at the optimum stayed far from zero
 * (the trained coefficients still agreed to about 1e-7). Scale such features before training.
 *
 * <p>Memory: full-batch passes run over a copy of X in row panels (made at the first full-batch pass,
 * as large as X), which makes them up to 2-3x faster for several models, where the shape suits it
 * ({@link PanelPassKernel#suits}: with 16 float lanes not four models or more on rows of 2,048 features or
 * more, which read X as it is with block gradients, the faster kernel there); where
 * the heap has no
 * room for it, or the system property {@value #PANELS_PROPERTY} is {@code false}, they run on X as it is. In a JVM
 * started with {@code -XX:ObjectAlignmentInBytes=64} the panels sit on cache lines: 1.01x-1.27x faster for
 * several models on rows of up to 256 features, erratic on rows of 768 or more ({@link FloatAlignment}).
 *
 * <p>This class needs the incubator module at run time; {@link VectorBackendProvider} loads it by name
 * only when the module is present. Threads: the constructor argument, else the system property
 * {@value #THREADS_PROPERTY}, else the number of available processors.
 */
public final class VectorBackend implements Backend {
    /** The name {@link dev.ridgeline.engine.Backends#select} knows it by. */
    public static final String NAME = "java-vector";
    /** The system property of the default thread count (1 to 1,024). */
    public static final String THREADS_PROPERTY = ThreadSetting.PROPERTY;
    /**
     * {@code false} keeps full-batch passes on X as it is: no panel copy, less memory, slower for K > 1 where
     * the shape takes the copy (shapes with block gradients make none either way).
     */
    public static final String PANELS_PROPERTY = "ridgeline.vector.panels";

    private final int threads;
    private final boolean panels;

    /** Threads from {@value #THREADS_PROPERTY}, or the number of available processors. */
    public VectorBackend() {
        this(defaultThreads());
    }

    /**
     * On {@code threads} threads (the caller's and threads - 1 workers per bound problem), panels as
     * {@value #PANELS_PROPERTY} says (default: yes). Results do not depend on the thread count.
     *
     * @throws IllegalStateException when the JVM was started without {@code --add-modules jdk.incubator.vector}
     */
    public VectorBackend(int threads) {
        this(threads, parsePanels(System.getProperty(PANELS_PROPERTY)));
    }

    /**
     * {@code panels} false: full-batch passes read X as it is, with no copy (see the class comment).
     *
     * @throws IllegalStateException when the JVM was started without {@code --add-modules jdk.incubator.vector}
     */
    public VectorBackend(int threads, boolean panels) {
        if (ModuleLayer.boot().findModule(VectorBackendProvider.MODULE).isEmpty()) {
            // Here, not at the first bind or toString, where the missing module surfaced as a
            // NoClassDefFoundError: an Error, which a service catching Exception does not catch.
            throw new IllegalStateException(VectorBackendProvider.unavailableWithoutModule().reason());
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("thread count must be from 1 to " + MAX_THREADS + ", got " + threads);
        }
        this.threads = threads;
        this.panels = panels;
    }

    /** The value of {@value #THREADS_PROPERTY} when set, else the number of available processors. */
    public static int defaultThreads() {
        return ThreadSetting.current();
    }

    /** The most threads a backend may run on ({@link ThreadSetting#MAX}). */
    static final int MAX_THREADS = ThreadSetting.MAX;

    /** The value of {@value #PANELS_PROPERTY}: true when unset, else exactly true or false (any case). */
    static boolean parsePanels(String value) {
        if (value == null || value.isBlank() || "true".equalsIgnoreCase(value.trim())) {
            return true;
        }
        if ("false".equalsIgnoreCase(value.trim())) {
            return false;
        }
        throw new IllegalArgumentException("system property " + PANELS_PROPERTY + " must be true or false, got '"
                + value + "'");
    }

    /** The thread count of each pass. */
    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BoundProblem bind(Problem problem) {
        Objects.requireNonNull(problem, "problem");
        return new VectorBoundProblem(problem, threads, panels);
    }

    /**
     * One line for reports, e.g. "SIMD 16 float lanes, 2 threads" (", panels on cache lines" in a JVM
     * that aligns them, {@link FloatAlignment}).
     */
    @Override
    public String toString() {
        String layout = !panels ? ", no panel copy" : FloatAlignment.aligned() ? ", panels on cache lines" : "";
        return "SIMD " + FusedPassKernel.SPECIES.length() + " float lanes, " + threads
                + (threads == 1 ? " thread" : " threads") + layout;
    }
}
