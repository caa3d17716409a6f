package dev.ridgeline.fairness;

import dev.ridgeline.data.ThreadSetting;
import dev.ridgeline.eval.RegressionMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Computes a {@link FairnessReport} from targets, predictions and group labels. */
public final class FairnessAnalyzer {
    private static final FairnessMetric[] METRICS = FairnessMetric.values();
    /** The permutation test draws from its own stream, so adding it left the bootstrap's draws as they were. */
    private static final long PERMUTATION_STREAM = 0x9E3779B97F4A7C15L;

    private FairnessAnalyzer() {
    }

    /** Shapes: y (m), p (m), labels (m). */
    public static FairnessReport analyze(String attribute, float[] y, double[] p, String[] labels,
            BootstrapSettings bootstrap) {
        return analyze(attribute, GroupMetrics.widen(y), p, labels, bootstrap);
    }

    /**
     * {@link #analyze(String, float[], double[], String[], BootstrapSettings)} with the targets in double, as
     * read: targets far from 0 (1e8 + a spread of 40) keep the digits that float32 would round away. Shapes:
     * y (m), p (m), labels (m).
     */
    public static FairnessReport analyze(String attribute, double[] y, double[] p, String[] labels,
            BootstrapSettings bootstrap) {
        return analyze(attribute, y, p, labels, bootstrap, true);
    }

    /**
     * {@link #analyze(String, double[], double[], String[], BootstrapSettings)}, with the permutation test only
     * when {@code permutationTest}: leave it out for the rows the model was fitted on when the fit read the
     * groups (the group a feature, or rows weighted by group), whose residuals it made depend on them (a model
     * with the group as a feature sets each group's mean residual near 0), so that relabelling them is no test
     * of anything (p near 1 whatever the model). Shapes: y (m), p (m), labels (m).
     */
    public static FairnessReport analyze(String attribute, double[] y, double[] p, String[] labels,
            BootstrapSettings bootstrap, boolean permutationTest) {
        return analyze(attribute, y, p, null, labels, bootstrap, permutationTest);
    }

    /**
     * {@link #analyze(String, double[], double[], String[], BootstrapSettings, boolean)} with row weights {@code w}
     * (null: each row once): every metric, overall and by group, weighs the rows as {@link RegressionMetrics} does
     * (survey or importance weights: the groups as the population the weights stand for), the bootstrap redraws
     * rows with their weights, and the permutation test relabels rows that keep theirs. Group sizes stay counts of
     * rows. A group whose rows all weigh 0 has no metric (NaN) and takes no part in the disparities. Shapes: y (m),
     * p (m), w (m) or null, labels (m).
     */
    public static FairnessReport analyze(String attribute, double[] y, double[] p, double[] w, String[] labels,
            BootstrapSettings bootstrap, boolean permutationTest) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(labels, "labels");
        return analyze(attribute, y, p, w, labels, bootstrap, permutationTest, NO_COUNT);
    }

    /** Counts nothing. */
    private static final IntConsumer NO_COUNT = n -> { };

    /**
     * {@link #analyze(String, double[], double[], double[], String[], BootstrapSettings, boolean)}, telling
     * {@code done} how many of its {@link #steps} passes over the rows are done (each count once, in order, on the
     * calling thread), for a progress display: the resamples within the groups (1 to B, B the resamples asked
     * for), the plain resamples of all rows (B + 1 to 2B) and the relabellings of the permutation test (2B + 1 to
     * 3B); a part that is not run (one group has no plain resamples of its own, nor a test) is passed over at
     * once, to its last count. Over millions of held-out rows they take many seconds. The report is the same as
     * without {@code done}; an exception it throws leaves the call. Shapes: y (m), p (m), w (m) or null, labels
     * (m).
     */
    public static FairnessReport analyze(String attribute, double[] y, double[] p, double[] w, String[] labels,
            BootstrapSettings bootstrap, boolean permutationTest, IntConsumer done) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(done, "done");
        return analyze(attribute, y, p, w, labels, bootstrap, permutationTest, new Steps(done));
    }

    /**
     * The passes over the rows that {@link #analyze(String, double[], double[], double[], String[],
     * BootstrapSettings, boolean, IntConsumer)} counts: three per resample asked for (within the groups, of all
     * rows, the permutation test's relabelling), as a progress display's end.
     */
    public static int steps(BootstrapSettings bootstrap) {
        return 3 * bootstrap.resamples();  // at most 300,000
    }

    /** A count told on only when it moves on, so that a part passed over at once is told its last count once. */
    private static final class Steps {
        private final IntConsumer done;
        private int told;

        Steps(IntConsumer done) {
            this.done = done;
        }

        void to(int n) {
            if (n > told) {
                told = n;
                done.accept(n);
            }
        }
    }

    /** {@link #analyze(String, double[], double[], double[], String[], BootstrapSettings, boolean, IntConsumer)}. */
    private static FairnessReport analyze(String attribute, double[] y, double[] p, double[] w, String[] labels,
            BootstrapSettings bootstrap, boolean permutationTest, Steps done) {
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (y.length != p.length || y.length != labels.length || w != null && w.length != y.length) {
            throw new IllegalArgumentException(y.length + " targets, " + p.length + " predictions"
                    + (w == null ? "" : ", " + w.length + " weights") + " and " + labels.length
                    + " group labels: they must match");
        }
        RegressionMetrics.requireFinite(y, p);
        requireWeights(w);
        Map<String, int[]> rows = GroupLabels.rowsByGroup(labels);
        int[] all = new int[y.length];
        Arrays.setAll(all, i -> i);
        GroupMetrics overall = GroupMetrics.of("overall", y, p, w, all);
        List<GroupMetrics> groups = new ArrayList<>();
        rows.forEach((g, r) -> groups.add(GroupMetrics.of(g, y, p, w, r)));
        int b = bootstrap.resamples();
        Resamples boot = b > 0 ? resample(y, p, w, rows, bootstrap, done::to) : null;
        done.to(2 * b);
        double[] observed = new double[METRICS.length];
        for (FairnessMetric metric : METRICS) {
            observed[metric.ordinal()] = difference(metric, groups);
        }
        double[] pValues = PermutationTest.pValues(y, p, w, new ArrayList<>(rows.values()), observed,
                permutationTest ? b : 0, bootstrap.seed() ^ PERMUTATION_STREAM, t -> done.to(2 * b + t));
        done.to(3 * b);
        List<Disparity> disparities = new ArrayList<>();
        for (FairnessMetric metric : METRICS) {
            disparities.add(disparity(metric, groups, boot, bootstrap.level(), pValues[metric.ordinal()]));
        }
        Map<String, Map<FairnessMetric, Interval>> groupCis = new LinkedHashMap<>();
        Map<FairnessMetric, Interval> overallCis = new EnumMap<>(FairnessMetric.class);
        if (boot != null) {
            int g = 0;
            for (Map.Entry<String, int[]> group : rows.entrySet()) {
                // One row (of weight above 0): every resample redraws it, and a zero-width interval would claim
                // certainty.
                if (groups.get(g).count() > 1) {
                    Map<FairnessMetric, Interval> cis = new EnumMap<>(FairnessMetric.class);
                    for (FairnessMetric metric : METRICS) {
                        cis.put(metric, Percentiles.interval(boot.group[g][metric.ordinal()], bootstrap.level()));
                    }
                    groupCis.put(group.getKey(), cis);
                }
                g++;
            }
            for (FairnessMetric metric : y.length > 1 ? METRICS : new FairnessMetric[0]) {
                overallCis.put(metric, Percentiles.interval(boot.overall[metric.ordinal()], bootstrap.level()));
            }
        }
        boolean somethingToTest = Arrays.stream(observed).anyMatch(d -> !Double.isNaN(d));
        return new FairnessReport(attribute, overall, List.copyOf(groups), List.copyOf(disparities),
                groupCis, overallCis, bootstrap, y.length,
                !permutationTest && bootstrap.resamples() > 0 && somethingToTest);
    }

    /**
     * Bootstrap intervals of the metrics over all rows (one group), e.g. for a model card's metrics. Shapes:
     * y (m), p (m).
     */
    public static Map<FairnessMetric, Interval> overallIntervals(float[] y, double[] p, BootstrapSettings bootstrap) {
        return overallIntervals(GroupMetrics.widen(y), p, bootstrap);
    }

    /**
     * {@link #overallIntervals(float[], double[], BootstrapSettings)} with the targets in double. Shapes: y (m), p (m).
     */
    public static Map<FairnessMetric, Interval> overallIntervals(double[] y, double[] p, BootstrapSettings bootstrap) {
        return overallIntervals(y, p, null, bootstrap);
    }

    /**
     * {@link #overallIntervals(double[], double[], BootstrapSettings)} of the metrics weighted by {@code w} (null:
     * each row once), each resample's rows drawn with their weights. Shapes: y (m), p (m), w (m) or null.
     */
    public static Map<FairnessMetric, Interval> overallIntervals(double[] y, double[] p, double[] w,
            BootstrapSettings bootstrap) {
        Objects.requireNonNull(y, "y");
        return overallIntervals(y, p, w, bootstrap, NO_COUNT);
    }

    /**
     * {@link #overallIntervals(double[], double[], double[], BootstrapSettings)}, telling {@code drawn} the number
     * of resamples drawn so far (1 to {@code bootstrap.resamples()}, each once, in order, on the calling thread),
     * for a progress display: over two million rows the 1,000 resamples of a model card took 20 s on two cores. An
     * exception it throws leaves the call. Shapes: y (m), p (m), w (m) or null.
     */
    public static Map<FairnessMetric, Interval> overallIntervals(double[] y, double[] p, double[] w,
            BootstrapSettings bootstrap, IntConsumer drawn) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(drawn, "drawn");
        String[] one = new String[y.length];
        Arrays.fill(one, "all");
        // One group: its resamples (the first B steps) are all the work there is.
        int b = bootstrap.resamples();
        return analyze("all rows", y, p, w, one, bootstrap, true, new Steps(n -> {
            if (n <= b) {
                drawn.accept(n);
            }
        })).overallIntervals();
    }

    /** Row weights must be finite and at least 0 (null: none). Shape: w (m) or null. */
    private static void requireWeights(double[] w) {
        if (w == null) {
            return;
        }
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0 && w[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("row " + i + ": weight " + w[i] + " is not a finite number >= 0");
            }
        }
    }

    /** The metric's disparity. Shapes: groups (G); boot's difference and ratio (M, B), or null. */
    private static Disparity disparity(FairnessMetric metric, List<GroupMetrics> groups, Resamples boot, double level,
            double permutationP) {
        int lo = extreme(metric, groups, false);
        int hi = extreme(metric, groups, true);
        double min = lo < 0 ? Double.NaN : metric.of(groups.get(lo));
        double max = hi < 0 ? Double.NaN : metric.of(groups.get(hi));
        // A ranked one-row group has the same value in every resample: the spread would leave its error out (a
        // column of row ids gave brackets of zero width), so none is given, as for the group's own interval.
        boolean withheld = boot == null || ranksOneRowGroup(metric, groups);
        Interval diffCi = null;
        Interval ratioCi = null;
        if (!withheld && lo >= 0) {
            // The lowest or highest group without an interval of its own (R2 of two rows: defined only where both
            // are drawn, and then its value) gives the spread without its error, as a one-row group would.
            int[] extremes = {lo, hi};
            boolean undefined = withoutInterval(metric, groups, extremes, boot, level);
            diffCi = undefined ? new Interval(Double.NaN, Double.NaN, level)
                    : Percentiles.interval(comparable(boot.difference[metric.ordinal()], metric, extremes, boot), level);
            ratioCi = !metric.nonNegative() ? null : undefined ? new Interval(Double.NaN, Double.NaN, level)
                    : Percentiles.interval(comparable(boot.ratio[metric.ordinal()], metric, extremes, boot), level);
        } else if (!withheld) {
            diffCi = Percentiles.interval(boot.difference[metric.ordinal()], level);
            ratioCi = metric.nonNegative() ? Percentiles.interval(boot.ratio[metric.ordinal()], level) : null;
        }
        return new Disparity(metric, lo < 0 ? null : groups.get(lo).group(), min,
                hi < 0 ? null : groups.get(hi).group(), max, max - min, Disparity.ratio(metric, min, max), diffCi, ratioCi,
                permutationP);
    }

    /**
     * The resampled disparities of the metric, NaN in a resample where the evaluation rows' lowest or highest group
     * (indices {@code extremes}) has no value of it (R2 of a few rows drawn all alike): the highest-minus-lowest
     * there compared the other groups only, another statistic (two groups of 49 rows beside one of two ranked lowest
     * had a bracket of mostly the larger groups' gap). A group between them undefined in a resample is left out of
     * it, as before: dropping those resamples too took the bracket from three groups of 20 rows with one target of
     * 1 each. Shapes: replicates (B); boot's group (G, M, B); returns (B).
     */
    static double[] comparable(double[] replicates, FairnessMetric metric, int[] extremes, Resamples boot) {
        double[] out = replicates.clone();
        int k = metric.ordinal();
        for (int g : extremes) {
            double[] drawn = boot.group[g][k];
            for (int r = 0; r < out.length; r++) {
                if (Double.isNaN(drawn[r])) {
                    out[r] = Double.NaN;
                }
            }
        }
        return out;
    }

    /**
     * Whether one of the groups {@code extremes}, of several rows, has no resampled interval of the metric ({@link
     * Percentiles#interval}: undefined in too many resamples, or the same value in all that define it). Shapes:
     * groups (G); boot's group (G, M, B).
     */
    static boolean withoutInterval(FairnessMetric metric, List<GroupMetrics> groups, int[] extremes, Resamples boot,
            double level) {
        for (int g : extremes) {
            if (groups.get(g).count() > 1
                    && Double.isNaN(Percentiles.interval(boot.group[g][metric.ordinal()], level).low())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a group of one row takes part in the metric's highest-minus-lowest comparison (has a value of it; one
     * row has no R2), so that the resampled disparities cannot say how uncertain they are.
     */
    static boolean ranksOneRowGroup(FairnessMetric metric, List<GroupMetrics> groups) {
        return groups.size() > 1 && groups.stream().anyMatch(g -> g.count() == 1 && !Double.isNaN(metric.of(g)));
    }

    /**
     * Highest minus lowest finite value of the metric over the groups; NaN when fewer than two are finite. Shape:
     * groups (G).
     */
    static double difference(FairnessMetric metric, List<GroupMetrics> groups) {
        int lo = extreme(metric, groups, false);
        int hi = extreme(metric, groups, true);
        return lo < 0 ? Double.NaN : metric.of(groups.get(hi)) - metric.of(groups.get(lo));
    }

    /** How many groups have a value of the metric (one row has no R2, nor have targets all equal). */
    public static int valued(FairnessMetric metric, List<GroupMetrics> groups) {
        return (int) groups.stream().filter(g -> !Double.isNaN(metric.of(g))).count();
    }

    /**
     * Index of the group with the largest (or smallest) finite value; -1 when fewer than two groups have one, so
     * that a lone valued group is not compared with itself (a difference of 0 that would read as parity). Shape:
     * groups (G).
     */
    private static int extreme(FairnessMetric metric, List<GroupMetrics> groups, boolean largest) {
        if (valued(metric, groups) < 2) {
            return -1;
        }
        int best = -1;
        for (int g = 0; g < groups.size(); g++) {
            double v = metric.of(groups.get(g));
            if (Double.isNaN(v)) {
                continue;
            }
            if (best < 0 || (largest ? v > metric.of(groups.get(best)) : v < metric.of(groups.get(best)))) {
                best = g;
            }
        }
        return best;
    }

    /**
     * Bootstrap replicates: group[g][metric][b] and the disparities between the groups, difference and ratio
     * [metric][b], from resamples within each group (group sizes kept); overall[metric][b] from plain resamples of
     * all rows, which ignore the groups, so that the overall interval is the same however the rows are grouped.
     */
    record Resamples(double[][][] group, double[][] overall, double[][] difference, double[][] ratio) {
    }

    /**
     * The bootstrap replicates. Each resample's draws come from one generator in one sequence on this thread;
     * with {@link #PIPELINE_ROWS} rows or more, the metrics of resample r - 1 are computed on a second thread
     * while the draws of resample r fill a second set of counts, so the replicates are the same either way
     * (a model card's intervals over two million held-out rows spent about a quarter of their time there).
     * Not under {@code ridgeline.threads=1}, which promises one thread. Shapes: y (m), p (m); rows, G groups'
     * row indices.
     */
    private static Resamples resample(double[] y, double[] p, double[] w, Map<String, int[]> rows,
            BootstrapSettings s, IntConsumer drawn) {
        return resample(y, p, w, rows, s, pipelines(y.length), drawn);
    }

    /** Whether the resamples of {@code rows} evaluation rows take a second thread for their metrics. */
    static boolean pipelines(int rows) {
        return rows >= PIPELINE_ROWS && ThreadSetting.current() > 1;
    }

    /**
     * {@link #resample(double[], double[], Map, BootstrapSettings)}, pipelined or not as asked. The plain resamples
     * of all rows start from the seed as a model card's Metrics section's do ({@link #overallIntervals}), so both
     * give the overall rows one interval; with one group they are the resamples within it (its rows in order).
     * Shapes: y (m), p (m); rows, G groups' row indices; returns group (G, M, B), overall, difference and ratio
     * (M, B), M metrics and B resamples.
     */
    static Resamples resample(double[] y, double[] p, Map<String, int[]> rows, BootstrapSettings s, boolean pipelined) {
        return resample(y, p, null, rows, s, pipelined);
    }

    /** {@link #resample(double[], double[], Map, BootstrapSettings, boolean)} with row weights (null: none). */
    static Resamples resample(double[] y, double[] p, double[] w, Map<String, int[]> rows, BootstrapSettings s,
            boolean pipelined) {
        return resample(y, p, w, rows, s, pipelined, NO_COUNT);
    }

    /**
     * {@link #resample(double[], double[], double[], Map, BootstrapSettings, boolean)}, telling {@code drawn} of the
     * resamples within the groups drawn so far (1 to B), then of the plain ones of several groups' overall rows (B +
     * 1 to 2B; one group has none of its own).
     */
    private static Resamples resample(double[] y, double[] p, double[] w, Map<String, int[]> rows,
            BootstrapSettings s, boolean pipelined, IntConsumer drawn) {
        int groups = rows.size();
        int b = s.resamples();
        int metrics = METRICS.length;
        Resamples out = new Resamples(new double[groups][metrics][b], new double[metrics][b],
                new double[metrics][b], new double[metrics][b]);
        List<int[]> groupRows = rows.values().stream().map(r -> weighing(r, w)).toList();
        draws(groupRows, s, pipelined, (r, counts) -> record(out, r, y, p, w, groupRows, counts), drawn);
        if (groups == 1) {
            // The one group's resamples are plain ones; drawing them again doubled the cost (1,000 passes over a
            // million rows each).
            for (int k = 0; k < metrics; k++) {
                System.arraycopy(out.group[0][k], 0, out.overall[k], 0, b);
            }
        } else {
            int[] all = new int[y.length];
            Arrays.setAll(all, i -> i);
            List<int[]> whole = List.<int[]>of(weighing(all, w));
            draws(whole, s, pipelined, (r, counts) -> {
                GroupMetrics m = ResampledMetrics.of("overall", y, p, w, whole, counts);
                for (FairnessMetric metric : METRICS) {
                    out.overall[metric.ordinal()][r] = metric.of(m);
                }
            }, n -> drawn.accept(b + n));
        }
        return out;
    }

    /**
     * The rows of {@code rows} that weigh above 0, which are all a resample draws from, as the point figures and the
     * permutation test count only them: drawn too, rows of weight 0 made the number of weighing rows in a resample
     * vary at random and widened the intervals (10 such rows beside 10 others moved an MSE interval from
     * [0.355, 1.971] to [0.342, 2.098]). All of them when none weighs (the group has no figure either way), or
     * without weights. Shapes: rows (r) indices, w (m) or null; returns (r') indices.
     */
    static int[] weighing(int[] rows, double[] w) {
        if (w == null) {
            return rows;
        }
        int[] kept = Arrays.stream(rows).filter(i -> w[i] > 0).toArray();
        return kept.length == 0 ? rows : kept;
    }

    /** What is done with resample r, drawn as counts per row of each part. */
    private interface Recorder {
        void record(int r, List<int[]> counts);
    }

    /**
     * {@code s.resamples()} resamples within each part of {@code parts}, seeded by s, each passed to {@code recorder};
     * {@code drawn} hears, on this thread, how many have been drawn and handed on (the last resample's metrics may
     * still be under way on the second thread). Shapes: parts, each (n_s) row indices; each resample's counts,
     * (n_s) per part.
     */
    private static void draws(List<int[]> parts, BootstrapSettings s, boolean pipelined, Recorder recorder,
            IntConsumer drawn) {
        SplittableRandom random = new SplittableRandom(s.seed());
        // Each resample as counts per row (ResampledMetrics): the draws, in the same order, of a part's rows.
        List<List<int[]>> buffers = List.of(counts(parts), counts(parts));
        ExecutorService metricsThread = pipelined ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ridgeline-bootstrap-metrics");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Future<?> pending = null;
            for (int r = 0; r < s.resamples(); r++) {
                List<int[]> counts = buffers.get(r & 1);
                draw(random, parts, counts);
                if (metricsThread == null) {
                    recorder.record(r, counts);
                } else {
                    // The other buffer is free once resample r - 1's metrics are done.
                    await(pending);
                    int resample = r;
                    pending = metricsThread.submit(() -> recorder.record(resample, counts));
                }
                drawn.accept(r + 1);
            }
            await(pending);
        } finally {
            if (metricsThread != null) {
                metricsThread.shutdownNow();
            }
        }
    }

    /** Rows at or above which a resample's metrics run beside the next resample's draws. */
    static final int PIPELINE_ROWS = 20_000;

    /** Zeroed counts, one per row of each part. Shapes: groupRows, each (n_g); returns (n_g) per part. */
    private static List<int[]> counts(List<int[]> groupRows) {
        List<int[]> out = new ArrayList<>();
        groupRows.forEach(source -> out.add(new int[source.length]));
        return out;
    }

    /**
     * One resample: for each group, as many draws with replacement as it has rows, counted per row. Shapes:
     * groupRows and counts, (n_g) each for group g.
     */
    private static void draw(SplittableRandom random, List<int[]> groupRows, List<int[]> counts) {
        for (int g = 0; g < groupRows.size(); g++) {
            int n = groupRows.get(g).length;
            int[] count = counts.get(g);
            Arrays.fill(count, 0);
            for (int t = 0; t < n; t++) {
                count[random.nextInt(n)]++;
            }
        }
    }

    /**
     * Resample r's metrics per group and the disparities between the groups, into out. Shapes: y (m), p (m);
     * groupRows and counts (n_g) for each of the G groups; writes out's column r: group (G, M), difference and
     * ratio (M).
     */
    private static void record(Resamples out, int r, double[] y, double[] p, double[] w, List<int[]> groupRows,
            List<int[]> counts) {
        int groups = groupRows.size();
        List<GroupMetrics> drawn = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            drawn.add(ResampledMetrics.of("g" + g, y, p, w, List.of(groupRows.get(g)), List.of(counts.get(g))));
        }
        for (FairnessMetric metric : METRICS) {
            int k = metric.ordinal();
            for (int g = 0; g < groups; g++) {
                out.group[g][k][r] = metric.of(drawn.get(g));
            }
            int lo = extreme(metric, drawn, false);
            int hi = extreme(metric, drawn, true);
            double min = lo < 0 ? Double.NaN : metric.of(drawn.get(lo));
            double max = hi < 0 ? Double.NaN : metric.of(drawn.get(hi));
            out.difference[k][r] = max - min;
            out.ratio[k][r] = Disparity.ratio(metric, min, max);
        }
    }

    /** Waits for a resample's metrics; their failure is this call's. */
    private static void await(Future<?> pending) {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while computing bootstrap intervals");
        }
    }
}
