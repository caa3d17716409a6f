package dev.ridgeline.engine.check;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BackendProvider;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.PassStats;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.engine.java.ScalarBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks every available backend against java-scalar on seeded random problems (tail-hitting shapes,
 * K = 1, 8 and 9, half the models weighted, one frozen), checks run-to-run bitwise determinism, and on
 * CUDA measures epoch bandwidth next to a device-to-device copy. The quantities compared: loss(),
 * lossAndGradient(), lastPass() and parameters after momentum steps, steps() (graph path on CUDA), a
 * mini-batch step, predict().
 */
public final class SelfCheck {
    /** Normwise relative error allowed: float32 data and per-thread float accumulation on fast paths. */
    public static final double TOLERANCE = 1e-4;

    /** rows x features x models; includes widths above the CUDA fused-pass limits (1024 for K > 1, 4096 for K = 1). */
    static final int[][] SHAPES = {
        {1, 1, 1}, {7, 3, 1}, {17, 15, 8}, {1023, 17, 1}, {4099, 33, 8}, {300, 8, 9}, {257, 1025, 1}, {65, 4097, 1},
        {129, 1100, 8},
    };

    /** What to time on CUDA; shapes are rows x features, K = 1. */
    public record Options(boolean benchmark, int benchRows, int benchFeatures, int smallRows, int smallFeatures,
                          int epochs) {
        public static Options defaults() {
            return new Options(true, 1 << 20, 256, 8192, 128, 200);
        }
    }

    private SelfCheck() {
    }

    public static SelfCheckReport run(Options options) {
        return run(Backends.providers(), options);
    }

    static SelfCheckReport run(List<BackendProvider> providers, Options options) {
        List<SelfCheckReport.BackendReport> out = new ArrayList<>();
        for (BackendProvider p : providers) {
            if (p.name().equals(ScalarBackend.NAME)) {
                continue;  // the reference itself
            }
            BackendProvider.Availability a = p.availability();
            if (!a.available()) {
                out.add(new SelfCheckReport.BackendReport(p.name(), false, a.reason(), 0, 0, null, null, null, List.of()));
                continue;
            }
            out.add(check(p.create(), a.reason(), options));
        }
        return new SelfCheckReport(TOLERANCE, out);
    }

    static SelfCheckReport.BackendReport check(Backend backend, String reason, Options options) {
        double worst = 0;
        String worstCase = "";
        int cases = 0;
        Boolean deterministic = null;
        List<SelfCheckReport.Bandwidth> bandwidth = new ArrayList<>();
        String error = null;
        try {
            for (int[] s : SHAPES) {
                double e = compare(backend, s[0], s[1], s[2], 1000L * cases + 7);
                cases++;
                if (e > worst || worstCase.isEmpty()) {
                    worst = Math.max(worst, e);
                    worstCase = s[0] + "x" + s[1] + " K=" + s[2];
                }
            }
            deterministic = deterministic(backend, 4099, 33, 8) && deterministic(backend, 129, 1100, 2);
            if (options.benchmark() && backend.name().equals("cuda")) {
                bandwidth.add(CudaBandwidth.measure(options.benchRows(), options.benchFeatures(), options.epochs()));
                bandwidth.add(CudaBandwidth.measure(options.smallRows(), options.smallFeatures(), 50 * options.epochs()));
            }
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new SelfCheckReport.BackendReport(backend.name(), true, reason, cases, worst, worstCase, deterministic,
                error, bandwidth);
    }

    /** Largest relative error of one backend against java-scalar on one random problem. */
    static double compare(Backend backend, int m, int n, int models, long seed) {
        Problem p = CheckProblems.random(m, n, models, seed);
        Parameters start = CheckProblems.parameters(models, n, seed + 1);
        StepRule rule = rule(models, n);
        double e = 0;
        try (BoundProblem ref = new ScalarBackend().bind(p); BoundProblem got = backend.bind(p)) {
            ref.setParameters(start);
            got.setParameters(start);
            e = Math.max(e, RelativeError.of(got.loss(), ref.loss()));
            e = Math.max(e, gradientError(got.lossAndGradient(), ref.lossAndGradient()));
            for (int epoch = 0; epoch < 3; epoch++) {
                ref.step(rule, null);
                got.step(rule, null);
                e = Math.max(e, statsError(got.lastPass(), ref.lastPass()));
            }
            e = Math.max(e, parameterError(got.parameters(), ref.parameters()));
            ref.steps(rule, 10);
            got.steps(rule, 10);
            e = Math.max(e, statsError(got.lastPass(), ref.lastPass()));
            e = Math.max(e, parameterError(got.parameters(), ref.parameters()));
            var batch = CheckProblems.halfBatch(m, seed + 2);
            ref.step(rule, batch);
            got.step(rule, batch);
            e = Math.max(e, statsError(got.lastPass(), ref.lastPass()));
            e = Math.max(e, parameterError(got.parameters(), ref.parameters()));
            e = Math.max(e, RelativeError.of(got.predict(p.x()), ref.predict(p.x())));
        }
        return e;
    }

    /** Nesterov momentum with a step well inside the stable range; the last of several models frozen. */
    static StepRule rule(int models, int n) {
        double[] rates = new double[models];
        Arrays.fill(rates, 0.5 / (0.6 * n + 2));
        if (models > 1) {
            rates[models - 1] = 0;
        }
        return new StepRule(rates, 0.9, true);
    }

    /** Whether two binds running the same epochs give bitwise the same parameters and statistics. */
    static boolean deterministic(Backend backend, int m, int n, int models) {
        Problem p = CheckProblems.random(m, n, models, 99);
        long[] first = null;
        for (int run = 0; run < 2; run++) {
            try (BoundProblem b = backend.bind(p)) {
                b.setParameters(CheckProblems.parameters(models, n, 5));
                StepRule rule = rule(models, n);
                b.steps(rule, 20);
                b.step(rule, CheckProblems.halfBatch(m, 3));
                long[] bits = bits(b.parameters(), b.lastPass());
                if (first == null) {
                    first = bits;
                } else if (!Arrays.equals(first, bits)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long[] bits(Parameters p, PassStats s) {
        List<Double> all = new ArrayList<>();
        for (int k = 0; k < p.models(); k++) {
            for (double t : p.theta(k)) {
                all.add(t);
            }
            all.add(p.bias(k));
            all.add(s.loss(k));
            all.add(s.gradientNorm(k));
        }
        return all.stream().mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static double gradientError(Gradient got, Gradient ref) {
        return Math.max(RelativeError.of(got.loss(), ref.loss()),
                Math.max(RelativeError.of(got.theta(), ref.theta()), RelativeError.of(got.bias(), ref.bias())));
    }

    private static double statsError(PassStats got, PassStats ref) {
        return Math.max(RelativeError.of(got.loss(), ref.loss()),
                RelativeError.of(got.gradientNorm(), ref.gradientNorm()));
    }

    private static double parameterError(Parameters got, Parameters ref) {
        double e = 0;
        double[] gb = new double[ref.models()];
        double[] rb = new double[ref.models()];
        for (int k = 0; k < ref.models(); k++) {
            e = Math.max(e, RelativeError.of(got.theta(k), ref.theta(k)));
            gb[k] = got.bias(k);
            rb[k] = ref.bias(k);
        }
        return Math.max(e, RelativeError.of(gb, rb));
    }

    static String shape(int rows, int features) {
        return String.format(Locale.ROOT, "%dx%d", rows, features);
    }
}
