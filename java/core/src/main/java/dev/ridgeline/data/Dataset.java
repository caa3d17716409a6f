package dev.ridgeline.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Features, one or more target columns, optional row weights and optional group labels.
 *
 * <p>Shapes: X is (m, n) float32; each target column is (m); weights, when present, are (m) and
 * non-negative; groups, when present, are (m) labels (for fairness metrics and group-aware splits).
 * Construction checks every value once, so code downstream can trust the data. The matrix and arrays it
 * hands out ({@link #x()}, the targets, weights and groups) are its own, not copies (X can be gigabytes):
 * do not modify them, or the checks no longer hold for a dataset shared between fits.
 */
public final class Dataset {
    /** What a model calls a target whose name is "" ({@code RidgeFitter.fit(Dataset)}). */
    public static final String UNNAMED_TARGET = "y";

    private final DenseMatrix x;
    private final List<String> featureNames;
    private final float[][] targets;
    private final List<String> targetNames;
    private final float[] weights;
    private final String[] groups;

    private Dataset(Builder b) {
        this.x = b.x;
        this.featureNames = List.copyOf(b.featureNames);
        this.targets = b.targets;
        this.targetNames = List.copyOf(b.targetNames);
        this.weights = b.weights;
        this.groups = b.groups;
    }

    public static Builder builder(DenseMatrix x) {
        return new Builder(x);
    }

    /** The common case: features and one target, default names. */
    public static Dataset of(DenseMatrix x, float[] y) {
        return builder(x).target("y", y).build();
    }

    public DenseMatrix x() {
        return x;
    }

    public int rows() {
        return x.rows();
    }

    public int features() {
        return x.cols();
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public int targetCount() {
        return targets.length;
    }

    /** Target column {@code t}, length {@link #rows()}. The array is shared, not copied: do not modify. */
    public float[] target(int t) {
        if (t < 0 || t >= targets.length) {
            throw new IndexOutOfBoundsException("target " + t + " of a dataset of " + targets.length
                    + (targets.length == 1 ? " target" : " targets"));
        }
        return targets[t];
    }

    public float[] target() {
        return targets[0];
    }

    public List<String> targetNames() {
        return targetNames;
    }

    /** Row weights, or null when every row weighs 1. Shared, not copied: do not modify. */
    public float[] weights() {
        return weights;
    }

    /** Group labels per row, or null. Shared, not copied: do not modify. */
    public String[] groups() {
        return groups;
    }

    /** A new dataset holding the given rows in the given order (weights and groups follow). */
    public Dataset selectRows(int[] rows) {
        Builder b = builder(x.selectRows(rows)).featureNames(featureNames);
        for (int t = 0; t < targets.length; t++) {
            b.target(targetNames.get(t), pick(targets[t], rows));
        }
        if (weights != null) {
            b.weights(pick(weights, rows));
        }
        if (groups != null) {
            String[] g = new String[rows.length];
            for (int r = 0; r < rows.length; r++) {
                g[r] = groups[rows[r]];
            }
            b.groups(g);
        }
        return b.build();
    }

    private static float[] pick(float[] values, int[] rows) {
        float[] out = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = values[rows[r]];
        }
        return out;
    }

    /** Collects the parts of a dataset and validates them together in {@link #build()}. */
    public static final class Builder {
        private final DenseMatrix x;
        private List<String> featureNames;
        private float[][] targets = new float[0][];
        private List<String> targetNames = List.of();
        private float[] weights;
        private String[] groups;

        private Builder(DenseMatrix x) {
            this.x = Objects.requireNonNull(x, "x");
        }

        /** One name per column of X (null: x0, x1, ...); {@link #build} checks the count. */
        public Builder featureNames(List<String> names) {
            this.featureNames = names;
            return this;
        }

        /** Adds a target column. */
        public Builder target(String name, float[] y) {
            targets = Arrays.copyOf(targets, targets.length + 1);
            targets[targets.length - 1] = Objects.requireNonNull(y, "target");
            targetNames = concat(targetNames, Objects.requireNonNull(name, "name: the target's name (\"\" for none)"));
            return this;
        }

        /** Row weights (m), finite and >= 0 with one above 0, or null for none; held, not copied. */
        public Builder weights(float[] w) {
            this.weights = w;
            return this;
        }

        /** A group label per row (m), for fairness metrics and group-aware splits, or null; held, not copied. */
        public Builder groups(String[] g) {
            this.groups = g;
            return this;
        }

        public Dataset build() {
            int m = x.rows();
            int n = x.cols();
            if (m == 0) {
                throw new DataException("the data has no rows");
            }
            if (n == 0) {
                throw new DataException("the data has no feature columns");
            }
            if (featureNames == null) {
                String[] names = new String[n];
                Arrays.setAll(names, j -> "x" + j);
                featureNames = List.of(names);
            }
            if (featureNames.size() != n) {
                throw new DataException("there are " + featureNames.size() + " feature names for " + n + " columns");
            }
            if (targets.length == 0) {
                throw new DataException("the data has no target column");
            }
            requireUsableNames(featureNames, targetNames);
            checkFeatures(m, n);
            for (int t = 0; t < targets.length; t++) {
                checkColumn("target '" + targetNames.get(t) + "'", targets[t], m, false);
            }
            if (weights != null) {
                checkColumn("weight column", weights, m, true);
            }
            if (groups != null && groups.length != m) {
                throw new DataException("the group column has " + groups.length + " rows, the features have " + m);
            }
            return new Dataset(this);
        }

        /**
         * Feature names a model can keep: none null or empty, none twice, none a target's (compared as a model
         * file compares them, in NFC). Checked here, a fit failed on them only after training.
         */
        private static void requireUsableNames(List<String> features, List<String> targetNames) {
            Map<String, Integer> seen = new HashMap<>();
            Set<String> targets = new HashSet<>();
            boolean unnamed = false;
            for (String t : targetNames) {
                targets.add(UnicodeText.composed(t));
                unnamed |= t.isEmpty();
            }
            for (int j = 0; j < features.size(); j++) {
                String name = features.get(j);
                if (name == null) {
                    throw new NullPointerException("featureNames: column " + j + " has no name (null)");
                }
                if (name.isEmpty()) {
                    throw new DataException("feature column " + j + " has an empty name");
                }
                UnicodeText.requireWellFormed(name, "feature column " + j);
                String composed = UnicodeText.composed(name);
                Integer first = seen.putIfAbsent(composed, j);
                if (first != null) {
                    throw new DataException("feature column " + j + " repeats the name '" + name + "' of column "
                            + first);
                }
                if (targets.contains(composed)) {
                    throw new DataException("feature column " + j + " is named '" + name
                            + "', as a target is; the target is not a feature");
                }
                if (unnamed && composed.equals(UNNAMED_TARGET)) {
                    throw new DataException("feature column " + j + " is named '" + UNNAMED_TARGET + "', the name a"
                            + " model gives a target named \"\": name the target");
                }
            }
        }

        private void checkFeatures(int m, int n) {
            for (int i = 0; i < m; i++) {
                float[] a = x.rowArray(i);
                int off = x.rowOffset(i);
                for (int j = 0; j < n; j++) {
                    float v = a[off + j];
                    if (!Float.isFinite(v)) {
                        throw new DataException("row " + i + ", column '" + featureNames.get(j)
                                + "': value " + v + " is not a finite number");
                    }
                }
            }
        }

        private static void checkColumn(String what, float[] values, int m, boolean nonNegative) {
            if (values.length != m) {
                throw new DataException("the " + what + " has " + values.length + " rows, the features have " + m);
            }
            boolean anyPositive = false;
            for (int i = 0; i < m; i++) {
                float v = values[i];
                if (!Float.isFinite(v)) {
                    throw new DataException("row " + i + ", " + what + ": value " + v + " is not a finite number");
                }
                if (nonNegative && v < 0) {
                    throw new DataException("row " + i + ", " + what + ": weight " + v + " is negative");
                }
                anyPositive |= v > 0;
            }
            if (nonNegative && !anyPositive) {
                throw new DataException("every row weight is zero: nothing to fit");
            }
        }

        private static List<String> concat(List<String> list, String name) {
            String[] out = list.toArray(new String[list.size() + 1]);
            out[list.size()] = name;
            return List.of(out);
        }
    }
}
