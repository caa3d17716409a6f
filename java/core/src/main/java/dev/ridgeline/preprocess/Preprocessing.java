package dev.ridgeline.preprocess;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.Interrupts;
import dev.ridgeline.data.UnicodeText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A fitted preprocessing pipeline, immutable: imputation, one-hot encoding and scaling, applied to new rows
 * by column NAME. Raw inputs are (n_in) columns; the model sees (n) encoded features, each
 * {@code z_f = (encode(x)[f] - shift_f) / scale_f}. Constant training columns are not among the features.
 * Everything is computed in double; {@link #transform} stores float32 for training.
 */
public final class Preprocessing {
    /** Rows per block of {@link #encodeRows} for its callers: a block of a few hundred features stays in L2. */
    public static final int BLOCK_ROWS = 256;

    private final List<InputColumn> inputs;
    private final List<EncodedFeature> features;
    private final ScaleKind scale;
    private final UnseenCategory unseen;
    private final List<String> warnings;
    /** Categorical inputs that feed no feature (one category in training), still checked for unseen labels. */
    private final int[] featurelessCategoricals;
    /** Numeric inputs that feed no feature (dropped in fitting: constant, or never given): never read. */
    private final Set<String> unread;
    /** Per input, its categories as a set (null for a numeric one): a row's check costs one lookup, not a scan. */
    private final List<Set<String>> categorySets;
    /** Per categorical input that feeds features: the features it feeds, in order (null for other inputs). */
    private final int[][] oneHotFeatures;
    /** Per categorical input that feeds features: each of its categories that has a feature, to that feature. */
    private final List<Map<String, Integer>> featureOfCategory;
    /** Per feature, (0 - shift) / scale and (1 - shift) / scale: a one-hot feature's two values. */
    private final double[] scaledZero;
    private final double[] scaledOne;
    /** Every input numeric: rows may come as number arrays alone (read on every single-row prediction). */
    private final boolean numericOnly;

    /**
     * Preprocessing as given (a loaded model's, or one built by hand; {@link PreprocessingFitter} fits one on
     * training rows): the raw input columns, the encoded features each refers to (by input index, with their
     * shift and scale), how features were scaled, what an unseen category encodes to, and the warnings of the
     * fit. The lists are copied; a feature that refers to no input or to an absent category is refused. Shapes:
     * inputs (n_in), features (n); each feature's scaled 0 and 1, kept for one-hot encoding, (n) each.
     *
     * @throws NullPointerException when inputs, features, scale, unseen or warnings is null, or inputs or features
     *     holds a null (naming its index)
     * @throws IllegalArgumentException when an input's name is empty, appears twice or is not well-formed Unicode (an
     *     unpaired surrogate), as is one of its categories; a numeric input's fill or mean lies beyond float32's
     *     range; a categorical input has an empty category, lists one twice, or fills with a label that is not one
     *     of its categories; or a feature refers to no input, appears twice, stands for a number of a categorical
     *     input or a category its input lacks, or stands for a value another feature stands for
     */
    public Preprocessing(List<InputColumn> inputs, List<EncodedFeature> features, ScaleKind scale,
            UnseenCategory unseen, List<String> warnings) {
        this.inputs = copyWithoutNulls(inputs, "inputs");
        this.features = copyWithoutNulls(features, "features");
        // Checked here: a null had given a model that predicted, then failed its save with a bare NullPointerException.
        this.scale = Objects.requireNonNull(scale, "scale");
        this.unseen = Objects.requireNonNull(unseen, "unseen");
        this.warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
        Set<String> names = new HashSet<>();
        for (InputColumn c : inputs) {
            // Inputs are matched to data columns by name: a second input of one name could never be told apart.
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("input column '" + c.name() + "' appears twice");
            }
            requireReadable(c);
        }
        this.categorySets = this.inputs.stream()
                .map(c -> c.kind() == ColumnKind.CATEGORICAL ? Set.copyOf(c.categories()) : null).toList();
        Set<String> featureNames = new HashSet<>();
        for (EncodedFeature f : features) {
            if (f.input() < 0 || f.input() >= inputs.size()) {
                throw new IllegalArgumentException("feature '" + f.name() + "' refers to input " + f.input());
            }
            if (!featureNames.add(f.name())) {
                throw new IllegalArgumentException("feature '" + f.name() + "' appears twice");
            }
            InputColumn in = inputs.get(f.input());
            boolean categorical = in.kind() == ColumnKind.CATEGORICAL;
            if (categorical != f.oneHot() || categorical && !categorySets.get(f.input()).contains(f.category())) {
                throw new IllegalArgumentException("feature '" + f.name() + "' stands for "
                        + (f.oneHot() ? "category '" + f.category() + "'" : "a number") + ", which input '" + in.name()
                        + "' does not have");
            }
        }
        requireOneFeaturePerValue(this.inputs, this.features);
        for (int i = 0; i < this.inputs.size(); i++) {
            InputColumn c = this.inputs.get(i);
            // Set lookups: a list scan per feature made loading a 100,000-category model take 19 s.
            if (c.kind() == ColumnKind.CATEGORICAL && c.fillLabel() != null && !categorySets.get(i).contains(c.fillLabel())) {
                throw new IllegalArgumentException("input '" + c.name() + "' fills missing values with '" + c.fillLabel()
                        + "', which is not one of its categories");
            }
        }
        boolean[] feeds = new boolean[inputs.size()];
        features.forEach(f -> feeds[f.input()] = true);
        // One pass over the features, grouped by input: a scan of all features per input would be
        // categorical inputs x features steps each time a model is built or loaded.
        List<List<Integer>> fed = new ArrayList<>();
        List<Map<String, Integer>> byCategory = new ArrayList<>();
        for (int c = 0; c < inputs.size(); c++) {
            fed.add(new ArrayList<>());
            byCategory.add(inputs.get(c).kind() == ColumnKind.CATEGORICAL && feeds[c] ? new HashMap<>() : null);
        }
        for (int f = 0; f < features.size(); f++) {
            int input = features.get(f).input();
            if (byCategory.get(input) != null) {
                fed.get(input).add(f);
                byCategory.get(input).put(features.get(f).category(), f);
            }
        }
        this.oneHotFeatures = new int[inputs.size()][];
        for (int c = 0; c < inputs.size(); c++) {
            oneHotFeatures[c] = byCategory.get(c) == null ? null : fed.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
        this.featureOfCategory = byCategory;
        this.scaledZero = new double[features.size()];
        this.scaledOne = new double[features.size()];
        for (int f = 0; f < features.size(); f++) {
            scaledZero[f] = (0.0 - features.get(f).shift()) / features.get(f).scale();
            scaledOne[f] = (1.0 - features.get(f).shift()) / features.get(f).scale();
        }
        this.featurelessCategoricals = IntStream.range(0, inputs.size())
                .filter(c -> !feeds[c] && inputs.get(c).kind() == ColumnKind.CATEGORICAL).toArray();
        this.unread = IntStream.range(0, inputs.size()).filter(c -> !feeds[c] && inputs.get(c).kind() == ColumnKind.NUMERIC)
                .mapToObj(c -> inputs.get(c).name()).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.numericOnly = this.inputs.stream().allMatch(c -> c.kind() == ColumnKind.NUMERIC);
    }

    /**
     * Numeric inputs only, each z-scored by the standardiser (the original, pre-pipeline model form). Shapes:
     * names (n), the standardiser's means and scales (n), or a null standardiser.
     *
     * @throws NullPointerException when names or one of them is null
     * @throws IllegalArgumentException when the standardiser is not of one column per name, or a name is empty,
     *     appears twice or is not well-formed Unicode
     */
    public static Preprocessing of(List<String> names, Standardizer standardizer) {
        Objects.requireNonNull(names, "names");
        for (int j = 0; j < names.size(); j++) {
            int column = j;
            Objects.requireNonNull(names.get(j), () -> "names[" + column + "]");
        }
        // Unchecked, a shorter standardiser failed with an index out of bounds and a longer one was cut silently.
        if (standardizer != null && standardizer.means().length != names.size()) {
            throw new IllegalArgumentException(names.size() + " feature names for a standardiser of "
                    + standardizer.means().length + " columns");
        }
        List<InputColumn> in = new ArrayList<>();
        List<EncodedFeature> out = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            in.add(InputColumn.numeric(names.get(j), Double.NaN));
            double shift = standardizer == null ? 0 : standardizer.mean(j);
            double s = standardizer == null ? 1 : standardizer.scale(j);
            out.add(new EncodedFeature(names.get(j), j, null, shift, s));
        }
        return new Preprocessing(in, out, standardizer == null ? ScaleKind.NONE : ScaleKind.ZSCORE,
                UnseenCategory.ERROR, List.of());
    }

    /** The list, copied; a null list or element is refused naming which (List.copyOf's said only "null"). */
    private static <T> List<T> copyWithoutNulls(List<T> list, String what) {
        Objects.requireNonNull(list, what);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException(what + ": element " + i + " is null");
            }
        }
        return List.copyOf(list);
    }

    /**
     * An input that data could match: a name (the CSV reader refuses a header column without one), an infinite
     * fill (which would predict Infinity for every row missing the value) refused, and categories that are
     * neither empty (an empty field is a missing value) nor listed twice.
     */
    private static void requireReadable(InputColumn c) {
        if (c.name().isEmpty()) {
            throw new IllegalArgumentException("an input column has an empty name");
        }
        UnicodeText.requireWellFormed(c.name(), "input column");
        for (String category : c.categories()) {
            UnicodeText.requireWellFormed(category, "a category of input '" + c.name() + "'");
        }
        if (c.kind() == ColumnKind.NUMERIC && Double.isInfinite(c.fillNumber())) {
            throw new IllegalArgumentException("input '" + c.name() + "' fills missing values with " + c.fillNumber()
                    + ", not a finite number");
        }
        // Beyond the range is what float32 rounds to infinity, as the reader judges a value: 3.4028235e38, the
        // largest float32 as printed, lies above Float.MAX_VALUE in double and had been read, then refused here.
        if (c.kind() == ColumnKind.NUMERIC && Float.isInfinite((float) c.fillNumber())) {
            // Computed from values read as float32, so it lies within their range unless edited in: a fill of
            // 1e39 had predicted 3.9e41 where that input is refused, and exported as an infinite graph constant.
            throw new IllegalArgumentException("input '" + c.name() + "' fills missing values with " + c.fillNumber()
                    + ", beyond float32's range, from which its values are read");
        }
        if (c.kind() == ColumnKind.NUMERIC && Float.isInfinite((float) c.mean())) {
            throw new IllegalArgumentException("input '" + c.name() + "' has the training mean " + c.mean()
                    + ", beyond float32's range, from which its values are read");
        }
        Set<String> seen = new HashSet<>();
        for (String category : c.categories()) {
            if (category.isEmpty()) {
                throw new IllegalArgumentException("input '" + c.name() + "' has an empty category (an empty field is"
                        + " a missing value, never a category)");
            }
            if (!seen.add(category)) {
                throw new IllegalArgumentException("input '" + c.name() + "' lists category '" + category + "' twice");
            }
        }
    }

    /**
     * Each numeric input feeds at most one feature, and each category of a categorical input at most one: a
     * second would count the same value twice (and one-hot lookups kept only the last feature of a category).
     */
    private static void requireOneFeaturePerValue(List<InputColumn> inputs, List<EncodedFeature> features) {
        Map<String, String> fedBy = new HashMap<>();
        for (EncodedFeature f : features) {
            InputColumn in = inputs.get(f.input());
            String value = f.oneHot() ? "category '" + f.category() + "' of input '" + in.name() + "'"
                    : "input '" + in.name() + "'";
            String earlier = fedBy.putIfAbsent(f.input() + (f.oneHot() ? "=" + f.category() : ""), f.name());
            if (earlier != null) {
                throw new IllegalArgumentException("features '" + earlier + "' and '" + f.name() + "' both stand for "
                        + value);
            }
        }
    }

    /**
     * This preprocessing without the recorded training means of its numeric inputs ({@link InputColumn#mean}):
     * they serve only the ONNX export's centring, and a DP-SGD model must not carry them (computed without
     * noise, a model file had published each column's exact mean beside its (epsilon, delta)).
     */
    public Preprocessing withoutRecordedMeans() {
        List<InputColumn> bare = inputs.stream()
                .map(c -> new InputColumn(c.name(), c.kind(), c.fillNumber(), c.fillLabel(), c.categories()))
                .toList();
        return new Preprocessing(bare, features, scale, unseen, warnings);
    }

    public List<InputColumn> inputs() {
        return inputs;
    }

    public List<EncodedFeature> features() {
        return features;
    }

    public ScaleKind scale() {
        return scale;
    }

    public UnseenCategory unseen() {
        return unseen;
    }

    /** Notes from fitting, such as dropped constant columns. */
    public List<String> warnings() {
        return warnings;
    }

    public List<String> featureNames() {
        return features.stream().map(EncodedFeature::name).toList();
    }

    /** Input column names and kinds, in input order. */
    public Map<String, ColumnKind> inputSchema() {
        Map<String, ColumnKind> out = new LinkedHashMap<>();
        inputs.forEach(c -> out.put(c.name(), c.kind()));
        return out;
    }

    /**
     * The input columns a frame must hold: {@link #inputSchema} less the {@link #unreadInputs}. (A categorical
     * input without a feature is read: a category new to it is still refused under {@code --unseen error}.)
     */
    public Map<String, ColumnKind> readInputSchema() {
        Map<String, ColumnKind> out = inputSchema();
        out.keySet().removeAll(unread);
        return out;
    }

    /**
     * Numeric inputs that feed no feature, dropped in fitting (constant on the training rows, or with no value):
     * their values cannot change a prediction, so a frame may leave them out, and {@link #bind} does not look
     * for them.
     */
    public Set<String> unreadInputs() {
        return unread;
    }

    /** True when every input column is numeric, so rows can be given as plain number arrays. */
    public boolean numericOnly() {
        return numericOnly;
    }

    /**
     * Every row of the frame, encoded and scaled: (rows, n) float32.
     *
     * @throws NullPointerException when frame is null
     * @throws dev.ridgeline.data.DataException as {@link #bind}, when a row has a missing value this preprocessing
     *     has no fill for or a category it has not seen (with {@link UnseenCategory#ERROR}), a value scales beyond
     *     float32's range, or the encoded matrix does not fit in the heap (each naming the file, and the line and
     *     column where there is one)
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (the status stays set)
     */
    public DenseMatrix transform(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        int[] cols = bind(frame);
        requireRoom(frame.source(), frame.rows(), Runtime.getRuntime().maxMemory(), physicalMemory());
        int n = features.size();
        DenseMatrix out;
        try {
            out = DenseMatrix.zeros(frame.rows(), n);
        } catch (OutOfMemoryError e) {
            if (!DataException.heapExhausted(e)) {
                throw e;
            }
            // requireRoom compares with the whole heap; the frame already on it can leave less. The failed
            // allocation's chunks, if any were made, are unreachable again.
            // No String.format: see DataException.thousands.
            throw new DataException(frame.source() + ": the encoded matrix of " + DataException.thousands(frame.rows())
                    + " rows x " + DataException.thousands(n) + " features takes "
                    + DataException.thousands(4L * frame.rows() * n >> 20) + " MiB of float32, and the heap (at most "
                    + DataException.thousands(Runtime.getRuntime().maxMemory() >> 20) + " MiB, the rows as read in it)"
                    + " has no room for it; give the JVM a larger heap (-Xmx), or use fewer rows or features", e);
        }
        double[] z = new double[BLOCK_ROWS * n];
        float[] row = new float[n];
        for (int from = 0; from < frame.rows(); from += BLOCK_ROWS) {
            Interrupts.check("encoding the rows");
            int to = Math.min(frame.rows(), from + BLOCK_ROWS);
            encodeRows(frame, cols, from, to, z);
            for (int i = from; i < to; i++) {
                int at = (i - from) * n;
                for (int f = 0; f < n; f++) {
                    row[f] = (float) z[at + f];
                    if (Float.isInfinite(row[f])) {
                        throw beyondFloat(frame, cols, i, f, z[at + f]);
                    }
                }
                out.setRow(i, row);
            }
        }
        return out;
    }

    /**
     * A row whose feature f scales beyond float32: scaling is fitted on the training rows of weight above 0, so a
     * held-out row, or one of weight 0, can lie many of their spreads away (1e10 in a column spread over 1e-30).
     * Its infinity had been refused later as "row 0, column 0: value Infinity", naming no file, line or column.
     */
    private DataException beyondFloat(Frame frame, int[] cols, int i, int f, double scaled) {
        EncodedFeature feat = features.get(f);
        int c = cols[feat.input()];
        String value = feat.oneHot() ? "the indicator of category '" + DataException.shown(feat.category()) + "'"
                : "value " + frame.number(c, i);
        return new DataException(String.format(java.util.Locale.ROOT, "%s: %s scales to %.3g, (value - %.6g) /"
                + " %.6g as fitted on the training rows, beyond float32's range (about 3.4e38) in which rows are"
                + " trained: check the value, train without scaling (--scale none), or leave the column out (--ignore)", frame.where(c, i), value,
                scaled, feat.shift(), feat.scale()));
    }

    /**
     * Refuses, before allocating it, an encoded matrix of {@code rows} rows that alone would take more than
     * the heap's {@code maxBytes}, naming the categorical columns that make it wide: one-hot encoding gives
     * a column of 100,000 categories 100,000 features, which a JVM's out-of-memory error would not say.
     */
    void requireRoom(String source, int rows, long maxBytes) {
        requireRoom(source, rows, maxBytes, Long.MAX_VALUE);
    }

    /**
     * As {@link #requireRoom(String, int, long)}, on a machine of {@code physicalBytes} of memory: a heap
     * beyond it is no remedy to suggest (an identifier column one-hot encoded had asked for -Xmx4769g).
     */
    void requireRoom(String source, int rows, long maxBytes, long physicalBytes) {
        long bytes = 4L * rows * features.size();
        if (bytes <= maxBytes) {
            return;
        }
        int[] perInput = new int[inputs.size()];
        features.forEach(f -> perInput[f.input()]++);
        List<String> wide = new ArrayList<>();
        IntStream.range(0, inputs.size()).boxed()
                .filter(c -> inputs.get(c).kind() == ColumnKind.CATEGORICAL && perInput[c] > 1)
                .sorted((a, b) -> Integer.compare(perInput[b], perInput[a])).limit(3)
                .forEach(c -> wide.add(String.format(Locale.ROOT, "'%s' %,d", inputs.get(c).name(), perInput[c])));
        String why = wide.isEmpty() ? ""
                : " (one-hot features of categorical columns: " + String.join(", ", wide) + "; group rare categories"
                        + " or leave such a column out)";
        long suggestedGb = Math.max(1, (bytes * 2 >> 30) + 1);
        String remedy = (suggestedGb << 30) > physicalBytes
                ? String.format(Locale.ROOT, "; a heap large enough (about %d GiB) is more than this machine's %,d MiB"
                        + " of memory, so use fewer rows or features", suggestedGb, physicalBytes >> 20)
                : String.format(Locale.ROOT, "; raise it, e.g. RIDGELINE_JAVA_OPTS=-Xmx%dg, or use fewer rows",
                        suggestedGb);
        throw new DataException(String.format(Locale.ROOT, "%s: the encoded matrix of %,d rows x %,d features takes"
                + " %,d MiB of float32, more than the %,d MiB heap%s%s", source, rows, features.size(), bytes >> 20,
                maxBytes >> 20, why, remedy));
    }

    /** This machine's physical memory in bytes; Long.MAX_VALUE when the JVM does not say. */
    private static long physicalMemory() {
        // A runtime image made by jlink without jdk.management (--add-modules java.se) lacks the class below: the
        // instanceof had failed with NoClassDefFoundError, a stack trace on every train.
        if (ModuleLayer.boot().findModule("jdk.management").isEmpty()) {
            return Long.MAX_VALUE;
        }
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            return total > 0 ? total : Long.MAX_VALUE;
        }
        return Long.MAX_VALUE;
    }

    /**
     * Frame column index of each input, by name (-1 for an {@link #unreadInputs unread} one the frame lacks); a
     * missing column is an error naming it.
     *
     * @throws dev.ridgeline.data.DataException when the frame lacks a column that an input reads, or holds it of the
     *     other kind (numeric or categorical)
     */
    public int[] bind(Frame frame) {
        int[] cols = new int[inputs.size()];
        for (int c = 0; c < cols.length; c++) {
            InputColumn in = inputs.get(c);
            cols[c] = frame.indexOf(in.name());
            if (cols[c] < 0 && unread.contains(in.name())) {
                continue;  // never read: no feature refers to it
            }
            if (cols[c] < 0) {
                throw new DataException(frame.source() + ": no column named '" + in.name() + "', which the model needs");
            }
            if (frame.kind(cols[c]) != in.kind()) {
                throw new DataException(frame.source() + ": column '" + in.name() + "' is "
                        + frame.kind(cols[c]).name().toLowerCase(Locale.ROOT) + ", the model expects "
                        + in.kind().name().toLowerCase(Locale.ROOT));
            }
        }
        return cols;
    }

    /**
     * Rows [from, to) of the frame (columns bound by {@link #bind}) as scaled features z, row-major ((to - from)
     * x n, at least), in double: the values {@link #encode} gives row by row, computed a feature at a time, so
     * that each frame column is read in order rather than one value of every column per row (a row at a time
     * took about 20 ns per value on 200 columns). A block that holds a value encode refuses (missing without a
     * fill, an unseen category) is redone row by row, so the error is the one encode reports first.
     *
     * @throws NullPointerException when frame, cols or z is null
     * @throws IllegalArgumentException when cols is not of one entry per input, or z holds fewer than (to - from) x
     *     n values
     * @throws IndexOutOfBoundsException when [from, to) is not a range of the frame's rows
     * @throws dev.ridgeline.data.DataException when a row has a missing value this preprocessing has no fill for, or
     *     a category it has not seen (with {@link UnseenCategory#ERROR}), naming the file, line and column
     */
    public void encodeRows(Frame frame, int[] cols, int from, int to, double[] z) {
        encodeRows(frame, cols, from, to, z, true);
    }

    /**
     * As {@link #encodeRows}, but the features before scaling (the model's input space): each value as read, or
     * its fill, and exactly 0 or 1 for a one-hot feature. Undoing the scaling of z instead gave one-hot features
     * of 2.8e-17 and lost values far below the column's spread (1e-30 came back as 0). Shapes: cols (n_in); x
     * row-major ((to - from) x n, at least).
     *
     * @throws NullPointerException as {@link #encodeRows}
     * @throws IllegalArgumentException as {@link #encodeRows}
     * @throws IndexOutOfBoundsException as {@link #encodeRows}
     * @throws dev.ridgeline.data.DataException as {@link #encodeRows}
     */
    public void encodeRowsUnscaled(Frame frame, int[] cols, int from, int to, double[] x) {
        encodeRows(frame, cols, from, to, x, false);
    }

    /** Shapes: cols (n_in); z row-major ((to - from) x n, at least), scaled or not. */
    private void encodeRows(Frame frame, int[] cols, int from, int to, double[] z, boolean scaled) {
        int n = features.size();
        checkBlock(frame, cols, from, to, z, n);
        if (!encodeColumns(frame, cols, from, to, z, scaled)) {
            double[] row = new double[n];
            for (int i = from; i < to; i++) {
                encode(frame, cols, i, row, scaled);
                System.arraycopy(row, 0, z, (i - from) * n, n);
            }
        }
    }

    /** The arguments of {@link #encodeRows} named when they do not fit, before any value is written. */
    private void checkBlock(Frame frame, int[] cols, int from, int to, double[] z, int n) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(cols, "cols");
        Objects.requireNonNull(z, "z");
        if (cols.length != inputs.size()) {
            throw new IllegalArgumentException(
                    "cols has " + cols.length + " entries, one per input column expected: " + inputs.size()
                            + " (use bind)");
        }
        Objects.checkFromToIndex(from, to, frame.rows());
        long needed = (long) (to - from) * n;
        if (z.length < needed) {
            throw new IllegalArgumentException("z holds " + z.length + " values, rows " + from + " to " + to
                    + " of " + n + " features need " + needed);
        }
    }

    /**
     * {@link #encodeRows} a feature at a time (a categorical input's one-hot features together: one lookup of
     * each row's label, not one per feature, which made 1,000 categories over 1,000,000 rows 10^9 lookups a
     * pass); false, with z part-written, at a value encode would refuse. Shapes: cols (n_in); z row-major
     * ((to - from) x n, at least).
     */
    private boolean encodeColumns(Frame frame, int[] cols, int from, int to, double[] z, boolean scaled) {
        int n = features.size();
        for (int f = 0; f < n; f++) {
            EncodedFeature feat = features.get(f);
            InputColumn in = inputs.get(feat.input());
            int c = cols[feat.input()];
            double shift = feat.shift();
            double scale = feat.scale();
            if (in.kind() == ColumnKind.CATEGORICAL) {
                // The input's first feature encodes all of them; the others are then already written.
                if (oneHotFeatures[feat.input()][0] == f
                        && !encodeOneHot(frame, feat.input(), c, from, to, z, scaled)) {
                    return false;
                }
                continue;
            }
            double fill = in.fillNumber();
            for (int i = from; i < to; i++) {
                double v = frame.number(c, i);
                if (Double.isNaN(v)) {
                    if (Double.isNaN(fill)) {
                        return false;
                    }
                    v = fill;
                }
                z[(i - from) * n + f] = scaled ? (v - shift) / scale : v;
            }
        }
        for (int input : featurelessCategoricals) {
            for (int i = from; i < to; i++) {
                String label = frame.label(cols[input], i);
                if (label != null && !seen(input, label)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The one-hot features of categorical {@code input} (frame column c) for rows [from, to): each feature's
     * scaled 0, then the scaled 1 of the one the row's label has (none for a category without a feature).
     * False at a label encode would refuse. Shapes: z row-major ((to - from) x n, at least); the input's own
     * one-hot features written.
     */
    private boolean encodeOneHot(Frame frame, int input, int c, int from, int to, double[] z, boolean scaled) {
        int n = features.size();
        int[] own = oneHotFeatures[input];
        Map<String, Integer> featureOf = featureOfCategory.get(input);
        String fill = inputs.get(input).fillLabel();
        for (int i = from; i < to; i++) {
            String label = frame.label(c, i);
            if (label == null) {
                label = fill;
                if (label == null) {
                    return false;
                }
            } else if (!seen(input, label)) {
                return false;
            }
            int at = (i - from) * n;
            for (int f : own) {
                z[at + f] = scaled ? scaledZero[f] : 0.0;
            }
            Integer hot = featureOf.get(label);
            if (hot != null) {
                z[at + hot] = scaled ? scaledOne[hot] : 1.0;
            }
        }
        return true;
    }

    /**
     * Row i of the frame (columns bound by {@link #bind}) as scaled features z (n), in double.
     *
     * @throws dev.ridgeline.data.DataException when the row has a missing value this preprocessing has no fill for,
     *     or a category it has not seen (with {@link UnseenCategory#ERROR}), naming the file, line and column
     */
    public void encode(Frame frame, int[] cols, int i, double[] z) {
        encode(frame, cols, i, z, true);
    }

    /** Row i of the frame as features, scaled or not. Shapes: cols (n_in), z (n). */
    private void encode(Frame frame, int[] cols, int i, double[] z, boolean scaled) {
        for (int f = 0; f < features.size(); f++) {
            EncodedFeature feat = features.get(f);
            InputColumn in = inputs.get(feat.input());
            int c = cols[feat.input()];
            double v;
            if (in.kind() == ColumnKind.NUMERIC) {
                v = frame.number(c, i);
                if (Double.isNaN(v)) {
                    v = fillOrFail(in, () -> frame.where(c, i));
                }
            } else {
                String label = frame.label(c, i);
                if (label == null) {
                    label = labelOrFail(in, () -> frame.where(c, i));
                } else {
                    checkSeen(feat.input(), label, frame, c, i);
                }
                v = label.equals(feat.category()) ? 1.0 : 0.0;
            }
            z[f] = scaled ? (v - feat.shift()) / feat.scale() : v;
        }
        // A column with one training category feeds no feature, but a new category there is still the
        // change in the data that --unseen error promises to report.
        for (int input : featurelessCategoricals) {
            int c = cols[input];
            String label = frame.label(c, i);
            if (label != null) {
                checkSeen(input, label, frame, c, i);
            }
        }
    }

    /** False when the label is new to the input and the model refuses new labels. */
    private boolean seen(int input, String label) {
        return unseen != UnseenCategory.ERROR || categorySets.get(input).contains(label);
    }

    private void checkSeen(int input, String label, Frame frame, int c, int i) {
        InputColumn in = inputs.get(input);
        if (!seen(input, label)) {
            throw new DataException(frame.where(c, i) + ": category '" + DataException.shown(label)
                    + "' was not seen in training; "
                    + "known: " + categoryList(in.categories()) + " (train with --unseen zeros to encode it as all zeros)");
        }
    }

    /**
     * The categories for a message: all of a few, else the first 20 and how many there are (one line, not a MB).
     *
     * @throws NullPointerException when categories is null
     */
    public static String categoryList(List<String> categories) {
        int most = 20;
        if (categories.size() <= most) {
            return categories.toString();
        }
        return categories.subList(0, most).toString().replaceFirst("]$", String.format(Locale.ROOT, ", ... (%,d in all)]",
                categories.size()));
    }

    /**
     * A row of raw numeric inputs (n_in, NaN = missing, values beyond float32's range refused, as a file or a
     * frame refuses them) as scaled features z (n); numeric-only
     * pipelines.
     *
     * @throws NullPointerException when raw or z is null
     * @throws IllegalArgumentException when an input is categorical, raw is not of one value per input, or z not of
     *     one place per feature
     * @throws dev.ridgeline.data.DataException when a value is not a finite float32 number, or a value a feature
     *     reads is missing (NaN) and this preprocessing has no fill for it (naming the input)
     */
    public void encode(double[] raw, double[] z) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(z, "z");
        encode(raw, z, true);
    }

    /**
     * As {@link #encode}, without the scaling: the features x (n) in original units, missing values imputed and
     * dropped inputs left out (the input space of {@code dev.ridgeline.explain.LinearShap}).
     *
     * @throws NullPointerException when raw or x is null
     * @throws IllegalArgumentException as {@link #encode(double[], double[])}
     * @throws dev.ridgeline.data.DataException as {@link #encode(double[], double[])}
     */
    public void encodeUnscaled(double[] raw, double[] x) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(x, "x");
        encode(raw, x, false);
    }

    /** A row of raw numeric inputs as features, scaled or not. Shapes: raw (n_in), z (n). */
    private void encode(double[] raw, double[] z, boolean scaled) {
        if (!numericOnly) {
            throw new IllegalArgumentException("the model has categorical inputs " + categoricalNames()
                    + "; give their labels too (a model's predict(numbers, labels), or encode(numbers, labels, z) of"
                    + " its preprocessing), or predict from a Frame");
        }
        encodeRow(raw, null, z, scaled);
    }

    /**
     * A row of mixed raw inputs as scaled features z (n), as a file's row of the same values is encoded. Input i,
     * in {@link #inputSchema()} order, reads {@code numbers[i]} when numeric (NaN = missing) and {@code labels[i]}
     * when categorical (null, empty or {@code NA} = missing; surrounding spaces trimmed, as a file's are); the other
     * array's entry is not read. {@code labels} may be null when every input is numeric. A missing value takes
     * the model's fill, or is refused when it has none; an unseen category is refused or encoded as none, by the
     * model's {@link #unseen()} rule. Shapes: numbers (n_in), labels (n_in), z (n).
     *
     * @throws NullPointerException when numbers or z is null
     * @throws IllegalArgumentException when labels is null and an input is categorical, numbers or labels is not of
     *     one entry per input, or z not of one place per feature
     * @throws dev.ridgeline.data.DataException when a numeric value is not a finite float32 number, a value a
     *     feature reads is missing and this preprocessing has no fill for it, or a label is a category not seen in
     *     training (with {@link UnseenCategory#ERROR}), naming the input
     */
    public void encode(double[] numbers, String[] labels, double[] z) {
        encodeMixed(numbers, labels, z, true);
    }

    /**
     * As {@link #encode(double[], String[], double[])}, without the scaling: the features x (n) in original units,
     * one-hot features 0 or 1 (the input space of {@code dev.ridgeline.explain.LinearShap}).
     *
     * @throws NullPointerException when numbers or x is null
     * @throws IllegalArgumentException as {@link #encode(double[], String[], double[])}
     * @throws dev.ridgeline.data.DataException as {@link #encode(double[], String[], double[])}
     */
    public void encodeUnscaled(double[] numbers, String[] labels, double[] x) {
        encodeMixed(numbers, labels, x, false);
    }

    /** The public mixed-row encoders' checks of their arguments, then {@link #encodeRow}. */
    private void encodeMixed(double[] numbers, String[] labels, double[] out, boolean scaled) {
        Objects.requireNonNull(numbers, "numbers");
        if (labels == null && !numericOnly) {
            throw new IllegalArgumentException("the model has categorical inputs " + categoricalNames()
                    + "; labels must not be null");
        }
        encodeRow(numbers, labels, out, scaled);
    }

    /** The names of the categorical inputs, for a message. */
    private List<String> categoricalNames() {
        return inputs.stream().filter(c -> c.kind() == ColumnKind.CATEGORICAL).map(InputColumn::name).toList();
    }

    /**
     * Numbers and labels (null when every input is numeric) as features, scaled or not, in feature order as a
     * frame's row is encoded (so that a row with several problems is refused for the one a file's row names): a
     * categorical input's one-hot block at its first feature, then the categorical inputs that feed no feature.
     * Shapes: numbers (n_in), labels (n_in or null), z (n).
     */
    private void encodeRow(double[] numbers, String[] labels, double[] z, boolean scaled) {
        if (numbers.length != inputs.size() || labels != null && labels.length != inputs.size()) {
            throw new IllegalArgumentException("row has " + (labels == null || numbers.length != inputs.size()
                    ? numbers.length + " values" : labels.length + " labels") + ", the model expects "
                    + inputs.size() + " " + inputSchema().keySet());
        }
        if (z.length != features.size()) {
            throw new IllegalArgumentException("the output array has " + z.length + " places, the model has "
                    + features.size() + " features");
        }
        for (int input = 0; input < numbers.length; input++) {
            // The test a file's values pass (float32, rounded): here an infinity made the prediction infinite, and
            // 1e308 overflowed inside to a NaN, without a word. Inputs fitting dropped are checked too, as a file's.
            if (inputs.get(input).kind() == ColumnKind.NUMERIC && !Double.isNaN(numbers[input])
                    && !Float.isFinite((float) numbers[input])) {
                throw new DataException(where(input) + ": value " + numbers[input] + " is not a finite float32 number");
            }
        }
        for (int f = 0; f < features.size(); f++) {
            EncodedFeature feat = features.get(f);
            int input = feat.input();
            if (feat.oneHot()) {
                if (oneHotFeatures[input][0] == f) {
                    encodeLabel(input, labels[input], z, scaled);
                }
                continue;
            }
            double v = numbers[input];
            if (Double.isNaN(v)) {
                v = fillOrFail(inputs.get(input), () -> where(input));
            }
            z[f] = scaled ? (v - feat.shift()) / feat.scale() : v;
        }
        if (labels == null) {
            return;
        }
        for (int input : featurelessCategoricals) {
            encodeLabel(input, labels[input], z, scaled);
        }
    }

    /**
     * One categorical input's label as its one-hot features of z, scaled or not (0 and 1 as a frame's row gets).
     * An input of one training category feeds no feature: its label is only checked for being unseen, and a
     * missing one needs no fill (as in a file's row).
     */
    private void encodeLabel(int input, String given, double[] z, boolean scaled) {
        String label = given == null ? null : UnicodeText.trimmed(given);
        int[] own = oneHotFeatures[input];
        if (label == null || FrameReader.isMissingToken(label)) {
            if (own == null) {
                return;
            }
            label = labelOrFail(inputs.get(input), () -> where(input));
        } else {
            label = UnicodeText.composed(label);
            if (!seen(input, label)) {
                throw new DataException(where(input) + ": category '" + DataException.shown(label)
                        + "' was not seen in training; known: " + categoryList(inputs.get(input).categories())
                        + " (train with --unseen zeros to encode it as all zeros)");
            }
        }
        if (own == null) {
            return; // one training category: no feature, but an unseen label was still refused above
        }
        for (int f : own) {
            z[f] = scaled ? scaledZero[f] : 0.0;
        }
        Integer hot = featureOfCategory.get(input).get(label);
        if (hot != null) {
            z[hot] = scaled ? scaledOne[hot] : 1.0;
        }
    }

    /** "input 3 ('colour')": where a value of a row given as arrays is. */
    private String where(int input) {
        return "input " + input + " ('" + inputs.get(input).name() + "')";
    }

    private static double fillOrFail(InputColumn in, Supplier<String> where) {
        if (Double.isNaN(in.fillNumber())) {
            throw new DataException(where.get() + ": missing value, and the model was trained without imputation "
                    + "(--missing mean or median)");
        }
        return in.fillNumber();
    }

    private static String labelOrFail(InputColumn in, Supplier<String> where) {
        if (in.fillLabel() == null) {
            throw new DataException(where.get() + ": missing value, and the model was trained without imputation "
                    + "(--missing mean or median)");
        }
        return in.fillLabel();
    }
}
