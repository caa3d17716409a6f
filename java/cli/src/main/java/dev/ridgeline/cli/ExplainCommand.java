package dev.ridgeline.cli;

import dev.ridgeline.card.Sha256;
import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.explain.BackgroundMeans;
import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.explain.InputSpace;
import dev.ridgeline.explain.LinearShap;
import dev.ridgeline.explain.RowExplanation;
import dev.ridgeline.model.AtomicFiles;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.model.ModelEvaluation;
import dev.ridgeline.preprocess.EncodedFeature;
import dev.ridgeline.preprocess.InputColumn;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ridgeline explain}: exact SHAP values of a saved model over a data file (the background for the
 * expectations), global importance, the coefficient table, and optionally one row's explanation and plots.
 * The model's stored preprocessing is applied to the rows by column name; SHAP values are in the model's
 * input space (encoded features before scaling), and each row's additivity is checked against the model's
 * own prediction of it.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Explain a saved model: exact SHAP values, importance, coefficients.",
            "The background (for E[x] and the base value) is every row of --data,",
            "or of --background (give the training data there to explain a few new",
            "rows against it), weighed by the model's --weights column where the",
            "background holds it. Importance (mean |SHAP|) is over the rows of --data,",
            "weighed by that column where --data holds it.",
            "Example, from the repository root (train's default data is this file):",
            "  ridgeline train; ridgeline explain --model ridgeline-out/model.json --row 0 \\",
            "    --data java/core/src/main/resources/dev/ridgeline/data/diabetes.csv"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelInput input;

    @Option(names = "--background", paramLabel = "FILE.csv", description = "Rows whose means are the baseline"
            + " (E[x] and the base value), such as the training data (default: the rows of --data); weighted by the"
            + " model's --weights column where the file holds it.")
    Path background;

    @Option(names = "--row", paramLabel = "I", description = "Explain data row I (0 = first data row, on the"
            + " line after the header).")
    Integer row;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write importance.png (and waterfall-row-I.png) into DIR.")
    Path plots;

    @Option(names = "--out", paramLabel = "SHAP.csv", description = "Write every row's SHAP values here, one line per"
            + " row of --data in order: shap_<feature> for each feature, then base and <target>_predicted (through a"
            + " temporary file moved into place, with the plots of --plots).")
    Path out;

    @Option(names = "--keep", split = ",", paramLabel = "COL",
            description = "Columns of --data to copy into the --out file ahead of the SHAP values, as read (an"
                    + " identifier to join them back by); they may be columns the model does not use.")
    List<String> keep = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object (keys: model, model_sha256, data, rows, background,"
            + " background_rows, background_weights, base, importance, importance_weights, coefficients, intercept,"
            + " row, out, warnings).")
    boolean json;

    /** What explain makes of a row holding a category not seen in training, for the warning. */
    private static final String EXPLAINED_AS = "explained as holding none of the known ones";

    /** The end of the message for a column of --data the model does not use. */
    private static final String KEEP_HINT = ", or --keep (with --out) to copy it into the SHAP file";

    /** Fewer background rows than this make a base value and SHAP values that say little: a warning says so. */
    static final int FEW_BACKGROUND_ROWS = 30;

    @Override
    public Integer call() throws Exception {
        // Before the files are read: a bad value further down --data had been named instead of the bad index.
        if (row != null && row < 0) {
            throw new DataException("--row " + row + " is negative: rows count from 0, the first data row");
        }
        if (background != null && !Files.isRegularFile(input.data) && OutputFile.sameFile(input.data, background)) {
            // The background is read first, to its end: --data would then find the pipe empty, and say so.
            throw new DataException("--data " + input.data + " and --background " + background + " are one pipe,"
                    + " which can be read once: save its rows to a file, or give the background a file of its own");
        }
        Map<String, Path> inputs = background == null
                ? OutputFile.inputs("--model", input.model, "--data", input.data)
                : OutputFile.inputs("--model", input.model, "--data", input.data, "--background", background);
        if (plots != null) {
            requireNoRunsPlots();  // first: it says what the run's plots are, which OutputFile's check does not
            OutputFile.check("--plots", plots.resolve("importance.png"), inputs);
            if (row != null) {
                OutputFile.check("--plots", plots.resolve("waterfall-row-" + row + ".png"), inputs);
            }
        }
        if (out != null) {
            OutputFile.checkFile(spec, "--out", out, inputs);
            if (plots != null) {
                requireApartFromPlots();
            }
        }
        if (!keep.isEmpty() && out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--keep copies columns into the"
                    + " --out file of every row's SHAP values: give --out too");
        }
        List<String> keptColumns = ColumnNameText.listedOnce(keep);  // quotes taken off, as predict --keep
        LinearModel model = input.loadModel();
        if (out != null) {
            ShapCsv.columns(model, keptColumns);  // two columns of one name: refused before the file is read
            OutputFile.checkPredictionsOf("--out", out, model.targetName() + "_predicted");
        }
        int n = model.features();
        // A file is read twice, a chunk at a time: the means first, then each row's |phi| against them, so the
        // memory is that of a chunk (1,000,000 rows of 1,005 encoded features had needed 8 GB as doubles). A
        // pipe can be read once only: its rows in the input space are kept, 8 bytes per feature.
        boolean twice = Files.isRegularFile(input.data);
        List<double[]> kept = new ArrayList<>();
        GrowingDoubles keptPredictions = new GrowingDoubles();  // a pipe's, for --out
        GrowingDoubles keptWeights = new GrowingDoubles();  // a pipe's row weights, for the importance
        List<List<String>> keptFields = new ArrayList<>();  // a pipe's --keep fields, per column
        keptColumns.forEach(c -> keptFields.add(new ArrayList<>()));
        BackgroundMeans sums = LinearShap.backgroundMeans(model);
        long[] rows = {0};
        double[][] explained = {null};
        double[] predicted = {Double.NaN};
        List<String> imputed = new ArrayList<>();
        Map<String, String> unseenOfRow = new LinkedHashMap<>();
        long[] line = {-1};
        UnseenCategories unseen = new UnseenCategories(model, EXPLAINED_AS);
        // The background first: the --ignore columns it holds need not be in --data.
        Background weighed = new Background();
        // The rows of --data as read: weighed by the model's --weights column where it holds it, for the
        // importance, as the card weighs its training rows; the background too when it is --data.
        Background scored = background == null ? weighed : new Background();
        UnseenCategories unseenInBackground = new UnseenCategories(model, EXPLAINED_AS);
        if (background != null) {
            backgroundSums(model, sums, unseenInBackground, weighed);
        }
        try (Progress reading = Progress.reading(input.data, "reading", json)) {
            input.eachChunkWithRecords(model, true, Set.copyOf(keptColumns), KEEP_HINT, reading,
                    (chunk, records) -> {
                unseen.count(chunk);
                scored.count(chunk);
                double[] predictions = ModelEvaluation.finitePredictions(model, chunk);  // SHAP values of such a row overflow too
                if (!twice && out != null) {
                    keptPredictions.addAll(predictions);
                    for (int k = 0; k < keptColumns.size(); k++) {
                        int c = records.column(keptColumns.get(k));
                        for (int r = 0; r < records.rows(); r++) {
                            keptFields.get(k).add(records.field(r, c));
                        }
                    }
                }
                if (!twice) {
                    double[] weights = new double[chunk.rows()];
                    for (int i = 0; i < weights.length; i++) {
                        weights[i] = chunk.weight(i);
                    }
                    keptWeights.addAll(weights);
                }
                long first = rows[0];
                InputSpace.eachRow(model, chunk, (i, x) -> {
                    if (background == null) {  // with --background, the means are that file's
                        sums.add(x, chunk.weight(i));
                    }
                    if (!twice) {
                        kept.add(x.clone());
                    }
                    if (row != null && first + i == row) {
                        explained[0] = x.clone();
                        predicted[0] = model.predict(chunk.selectRows(new int[] {i}))[0];
                        imputed.addAll(imputedFeatures(model, chunk, i));
                        unseenOfRow.putAll(unseenLabels(model, chunk, i));
                        line[0] = chunk.line(i);
                    }
                });
                rows[0] += chunk.rows();
            });
        } catch (OutOfMemoryError | DataException e) {
            if (twice || !ErrorHandler.heapExhausted(e)) {
                throw e;
            }
            int held = kept.size();
            long maxHeap = Runtime.getRuntime().maxMemory();
            if (keptBytes(held, n) < maxHeap / 4) {
                throw e;  // the rows kept are not what filled it (a chunk of a heap too small for one)
            }
            kept.clear();  // room for the message
            keptFields.clear();
            throw pipeFilledTheHeap(input.data.toString(), held, n, maxHeap, e);
        }
        if (rows[0] == 0) {
            // The reader refuses a file without rows; kept so that the means below can never be 0 / 0.
            throw new DataException(input.data + ": no data rows to explain");
        }
        if (row != null && (row < 0 || row >= rows[0])) {
            // Before --out is written: a failed command writes nothing.
            throw new DataException("--row " + row + " is outside the data's rows 0.." + (rows[0] - 1));
        }
        List<String> warnings = new ArrayList<>();
        if (out != null) {
            // Before anything is written: a SHAP file the disk cannot take is refused, a large one named.
            int columns = ShapCsv.columns(model, keptColumns).size();
            ShapFileSize.check(out, rows[0], columns, keptColumns.size(), ShapFileSize.usableSpace(out))
                    .ifPresent(warnings::add);
        }
        unseen.warning().ifPresent(warnings::add);
        if (background != null) {
            unseenInBackground.warning().ifPresent(w -> warnings.add("--background " + background + ": " + w));
        }
        String backgroundName = background == null ? "--data " + input.data : "--background " + background;
        weighed.requireSomeWeight(backgroundName);
        if (scored != weighed) {
            scored.requireSomeWeightForImportance("--data " + input.data);
        }
        weighed.unweightedWarning(model, backgroundName, input.ignores(ModelInput.weightColumn(model)))
                .ifPresent(warnings::add);
        LinearShap shap = LinearShap.fromBackground(model, sums);
        long backgroundRows = weighed.rows;
        long counted = weighed.weightedRows();  // the rows of weight above 0 under weights, else all
        if (counted < FEW_BACKGROUND_ROWS) {
            warnings.add(String.format(Locale.ROOT, "the background (%s) has only %s%s: SHAP values compare each"
                    + " feature with its mean over them%s; to explain new rows against the data the model learned"
                    + " from, pass --background with the training data",
                    background == null ? "the rows of --data" : "--background " + background, RowCount.of(counted),
                    weighed.column == null ? "" : " of weight above 0",
                    backgroundRows == 1 && background == null ? ", so with one row every SHAP value is 0" : ""));
        }
        warnings.forEach(w -> spec.commandLine().getErr().println(ErrorHandler.warningLine(w)));
        RowExplanation one = row == null ? null : shap.explain(explained[0], predicted[0]);
        // Mean |phi| per feature: from the second read of a file (which also writes --out), else from the kept rows.
        double[] importance = twice ? new double[n]
                : shap.meanAbsolutePhi(kept.toArray(new double[0][]), keptWeights.toArray());
        AtomicFiles.Content shapFile = stream -> {
            Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            ShapCsv lines = ShapCsv.start(model, keptColumns, w);
            try {
                if (twice) {
                    readAgain(model, shap, importance, lines, keptColumns, rows[0]);
                } else {
                    double[] phi = new double[n];
                    String[] fields = new String[keptColumns.size()];
                    for (int i = 0; i < kept.size(); i++) {
                        for (int k = 0; k < fields.length; k++) {
                            fields[k] = keptFields.get(k).get(i);
                        }
                        double prediction = keptPredictions.get(i);
                        lines.write(fields, shap.phi(kept.get(i), prediction, phi), shap.base(), prediction);
                    }
                }
            } catch (ShapCsv.WriteFailed e) {
                throw e.getCause();  // for AtomicFiles to report as a failed write of --out
            }
            w.flush();
        };
        if (twice && out == null) {
            readAgain(model, shap, importance, null, keptColumns, rows[0]);
        }
        if (out != null && (plots == null || AtomicFiles.special(out))) {
            // A pipe or a device is written in place (it cannot be replaced), before the plots.
            AtomicFiles.write(out, shapFile);
        }
        if (plots != null) {
            // The SHAP file and the plots are put in place together, after all are written: a failure while
            // writing (a full disk) leaves every earlier file as it was. The importance plot is drawn after the
            // SHAP file's pass, which sums its values.
            LinkedHashMap<Path, AtomicFiles.Content> files = new LinkedHashMap<>();
            if (out != null && !AtomicFiles.special(out)) {
                files.put(out, shapFile);
            }
            files.put(plots.resolve("importance.png"),
                    stream -> stream.write(ResponsiblePlots.importance(CoefficientTable.of(model, importance))));
            if (one != null) {
                // The file and line in the title: a --plots folder may hold plots of earlier runs on other files.
                byte[] waterfall = ResponsiblePlots.waterfall(one, "SHAP waterfall, row " + row + " (line " + line[0]
                        + " of " + input.data.getFileName() + ")", java.util.Set.copyOf(imputed),
                        unseenFeatures(model, unseenOfRow));
                files.put(plots.resolve("waterfall-row-" + row + ".png"), stream -> stream.write(waterfall));
            }
            AtomicFiles.writeAllInOrder(files);
        }
        CoefficientTable table = CoefficientTable.of(model, importance);
        var stdout = spec.commandLine().getOut();
        Explained result = new Explained(rows[0], shap.base(), backgroundRows, weighed.column, scored.column, table,
                one, imputed, unseenOfRow, line[0], warnings);
        stdout.print(json ? toJson(result) + System.lineSeparator() : text(model, result));
        if (plots != null && !json) {
            // As train, predict and export say what they wrote.
            stdout.printf("%nwrote      %s: importance.png%s%n", plots, one != null ? ", waterfall-row-" + row + ".png" : "");
        }
        if (out != null && !json) {
            stdout.printf("%swrote      %s: SHAP values of %s%n", plots == null ? System.lineSeparator() : "", out,
                    RowCount.of(rows[0]));
        }
        stdout.flush();
        return 0;
    }

    /**
     * About the heap that {@code rows} kept rows of {@code features} features take: each an array of doubles (a
     * 16-byte header) and its reference in the list.
     */
    static long keptBytes(long rows, int features) {
        return rows * (16L + 8L * features + 8);
    }

    /**
     * The error for a pipe ({@code source}) whose rows, kept in memory, filled a heap of {@code maxHeapBytes}
     * after {@code held} rows of {@code features} features: the remedy that always works is a file, which is read twice a chunk at a time
     * and keeps no row; the heap that a pipe needs grows with its rows, which a pipe does not tell. Given only where
     * the rows kept take a quarter of the heap or more ({@link #keptBytes}), so that they are much of what filled it
     * (a heap too small for one chunk runs out before any row is kept), with their share. Twice the heap
     * had been suggested alone (1 GB), where about 1.5 GB were needed for a pipe of about 1,000,000 rows.
     */
    static DataException pipeFilledTheHeap(String source, long held, int features, long maxHeapBytes,
            Throwable cause) {
        // No String.format: see DataException.thousands.
        return new DataException(source + ": the rows of this pipe filled the heap (at most "
                + DataException.thousands(maxHeapBytes >> 20) + " MiB) after " + DataException.thousands(held)
                + " rows, which took about " + DataException.thousands(keptBytes(held, features) >> 20) + " MiB of it:"
                + " explain keeps a pipe's rows in memory, 8 bytes per feature (" + features + " here) a row,"
                + " where a file is read twice, a chunk at a time, and keeps none; save the rows to a file and give"
                + " that as --data, or give the JVM a heap in proportion to all the rows", cause);
    }

    /**
     * --plots does not name the output folder of a train or tune run whose plots it would replace: that run's
     * importance.png is over its training rows and its waterfall-row-0.png is its first evaluation row, which its
     * model card describes, where explain's are over --data and of data row I.
     */
    private void requireNoRunsPlots() {
        if (!Files.isDirectory(plots)) {
            return;
        }
        Set<String> listed = OutputFolder.earlierRun(plots);
        List<String> clash = new ArrayList<>(List.of("importance.png"));
        if (row != null) {
            clash.add("waterfall-row-" + row + ".png");
        }
        clash.retainAll(listed);
        if (!clash.isEmpty()) {
            throw new IllegalArgumentException("--plots " + plots + ": " + String.join(" and ", clash) + " in it "
                    + (clash.size() == 1 ? "is a plot" : "are plots") + " of the run whose files " + OutputFolder.MANIFEST
                    + " lists, which its model card describes; explain would replace "
                    + (clash.size() == 1 ? "it" : "them") + " with plots of --data: choose another folder");
        }
    }

    /** --out names none of the files --plots writes, nor --plots' folder or a folder above it. */
    private void requireApartFromPlots() {
        List<Path> plotFiles = new ArrayList<>(List.of(plots.resolve("importance.png")));
        if (row != null) {
            plotFiles.add(plots.resolve("waterfall-row-" + row + ".png"));
        }
        Path target = destinationOf(out);
        for (Path plot : plotFiles) {
            if (OutputFile.sameFile(out, plot) || target.equals(destinationOf(plot))) {
                throw new IllegalArgumentException("--out " + out + " is the plot " + plot + " that --plots writes;"
                        + " choose another --out");
            }
        }
        Path folder = plots.toAbsolutePath().normalize();
        if (folder.startsWith(out.toAbsolutePath().normalize()) || OutputFile.sameFile(out, plots)) {
            throw new IllegalArgumentException("--out " + out + " is where --plots " + plots + " puts its folder;"
                    + " choose another --out");
        }
    }

    /**
     * The file a write of {@code path} replaces (a symbolic link's, dangling or not), in its folder's real path when
     * that folder exists: two names of one file compare equal.
     */
    private static Path destinationOf(Path path) {
        try {
            Path file = AtomicFiles.destination(path).toAbsolutePath().normalize();
            Path folder = file.getParent();
            return folder != null && Files.isDirectory(folder) ? folder.toRealPath().resolve(file.getFileName()) : file;
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /**
     * The second read of a regular --data file: the mean |phi| of each feature over its rows into {@code
     * meanAbsolutePhi} (n; the importance), weighted by the rows' weights where the file holds the model's column
     * of them (sum_i w_i |phi_j| / sum_i w_i, the weights summed row by row as the card sums them), and, with
     * {@code lines}, each row's --keep fields and SHAP values written.
     */
    private void readAgain(LinearModel model, LinearShap shap, double[] meanAbsolutePhi, ShapCsv lines,
            List<String> keptColumns, long expected) {
        double[] absolutePhi = meanAbsolutePhi;
        java.util.Arrays.fill(absolutePhi, 0);
        long[] again = {0};
        double[] total = {0};
        try (Progress reading = Progress.reading(input.data, "reading again", json)) {
            input.eachChunkWithRecords(model, true, Set.copyOf(keptColumns), KEEP_HINT, reading,
                    (chunk, records) -> {
                shap.addWeightedAbsolutePhi(chunk, absolutePhi);
                for (int i = 0; i < chunk.rows(); i++) {
                    total[0] += chunk.weight(i);
                }
                if (lines != null) {
                    double[] predictions = ModelEvaluation.finitePredictions(model, chunk);
                    double[] phi = new double[absolutePhi.length];
                    int[] columns = keptColumns.stream().mapToInt(records::column).toArray();
                    String[] fields = new String[columns.length];
                    InputSpace.eachRow(model, chunk, (i, x) -> {
                        for (int k = 0; k < columns.length; k++) {
                            fields[k] = records.field(i, columns[k]);
                        }
                        lines.write(fields, shap.phi(x, predictions[i], phi), shap.base(), predictions[i]);
                    });
                }
                again[0] += chunk.rows();
            });
        }
        if (again[0] != expected) {
            throw new DataException(input.data + ": the file changed while explain read it (" + expected
                    + " rows, then " + again[0] + ")");
        }
        if (!(total[0] > 0)) {  // the first read found a weight above 0
            throw new DataException(input.data + ": the file changed while explain read it (rows of weight above 0,"
                    + " then none)");
        }
        for (int j = 0; j < absolutePhi.length; j++) {
            absolutePhi[j] /= total[0];
        }
    }

    /**
     * What explain reports: the rows of --data, the background's base value, row count and column of row weights,
     * the column of row weights the importance was weighted by (null: each row of --data once), the table, and the
     * row explained.
     */
    private record Explained(long rows, double base, long backgroundRows, String backgroundWeights,
            String importanceWeights, CoefficientTable table, RowExplanation one, List<String> imputed, Map<String, String> unseen, long line,
            List<String> warnings) {
    }

    /**
     * The background's rows as read (or those of --data, whose importance is weighed alike): how many, and the
     * column of row weights they were weighed by (the model's --weights column, where the file holds it; null
     * otherwise, each row then counting once). A model trained with row weights describes the weighted
     * population, as its card's explanation does: the background's means, and so the base value, weigh each row
     * by its weight (a row of weight 0 counts for nothing), and so does the mean |SHAP| of the importance.
     */
    private static final class Background {
        long rows;
        long positive;
        String column;

        void count(Frame chunk) {
            rows += chunk.rows();
            if (chunk.hasWeights()) {
                column = chunk.weightName();
                for (int i = 0; i < chunk.rows(); i++) {
                    if (chunk.weight(i) > 0) {
                        positive++;
                    }
                }
            }
        }

        /** The rows that move the means: those of weight above 0 under weights, else all. */
        long weightedRows() {
            return column == null ? rows : positive;
        }

        /** Weights that are all 0 leave no mean to take: an error naming the file and column. */
        void requireSomeWeight(String name) {
            if (column != null && positive == 0) {
                throw new DataException(name + ": every one of the " + DataException.thousands(rows) + " background"
                        + " rows has weight 0 in '" + DataException.shown(column) + "'; the weighted means the base value"
                        + " is taken from are undefined");
            }
        }

        /**
         * Weights of --data (beside a --background) that are all 0 leave no mean |SHAP| to take for the
         * importance: an error naming the file and column.
         */
        void requireSomeWeightForImportance(String name) {
            if (column != null && positive == 0) {
                throw new DataException(name + ": every one of the " + DataException.thousands(rows) + " rows has"
                        + " weight 0 in '" + DataException.shown(column) + "'; the weighted mean |SHAP| the importance"
                        + " is taken from is undefined");
            }
        }

        /**
         * The warning for a model trained with row weights whose background file lacks that column: its rows are
         * weighed equally, unlike the card's; none when the model has no weights, or the file's were read (or
         * --ignore passed over them, which says to weigh the rows equally).
         */
        java.util.Optional<String> unweightedWarning(LinearModel model, String name, boolean ignored) {
            String trained = ModelInput.weightColumn(model);
            if (trained == null || column != null || ignored) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(name + " has no column '" + ColumnNameText.shown(trained) + "', the row"
                    + " weights the model was trained with: its rows are weighed equally, where the model card weighs"
                    + " the training rows by them");
        }
    }

    /**
     * Sums the background file's rows in the input space into {@code sums}, each weighted by the model's column of
     * row weights where the file holds it, and counts them into {@code weighed}. Read once, a chunk at a time (a
     * pipe works too).
     */
    private void backgroundSums(LinearModel model, BackgroundMeans sums, UnseenCategories unseen, Background weighed) {
        try (Progress reading = Progress.reading(background, "reading", json)) {
            input.eachWeightedChunk(background, model, reading, chunk -> {
                unseen.count(chunk);
                weighed.count(chunk);
                InputSpace.eachRow(model, chunk, (i, x) -> sums.add(x, chunk.weight(i)));
            });
        }
        if (weighed.rows == 0) {
            throw new DataException(background + ": no data rows for the background");
        }
    }

    /** The encoded features of row i whose input value was missing and took the model's fill. */
    static List<String> imputedFeatures(LinearModel model, Frame chunk, int i) {
        List<String> names = new ArrayList<>();
        List<EncodedFeature> features = model.preprocessing().features();
        for (EncodedFeature f : features) {
            String column = model.preprocessing().inputs().get(f.input()).name();
            if (chunk.isMissing(chunk.indexOf(column), i)) {
                names.add(f.name());
            }
        }
        return names;
    }

    /**
     * The categorical columns of row i whose label training never saw, each with that label, in input order: under
     * --unseen zeros the row is encoded as none of the column's categories, so its one-hot values all read 0, which
     * says nothing of the label without this. (Under --unseen error such a row is refused before it gets here.)
     */
    static Map<String, String> unseenLabels(LinearModel model, Frame chunk, int i) {
        Map<String, String> unseen = new LinkedHashMap<>();
        for (InputColumn column : model.preprocessing().inputs()) {
            if (column.kind() == ColumnKind.CATEGORICAL) {
                String label = chunk.label(chunk.indexOf(column.name()), i);
                if (label != null && !column.categories().contains(label)) {
                    unseen.put(column.name(), label);
                }
            }
        }
        return unseen;
    }

    /**
     * The encoded features of the categorical columns in {@code unseenColumns} ({@link #unseenLabels}: column to the
     * label training never saw), each to that label: the features the report and the waterfall mark.
     */
    static Map<String, String> unseenFeatures(LinearModel model, Map<String, String> unseenColumns) {
        Map<String, String> features = new LinkedHashMap<>();
        for (EncodedFeature f : model.preprocessing().features()) {
            String label = unseenColumns.get(model.preprocessing().inputs().get(f.input()).name());
            if (label != null) {
                features.put(f.name(), label);
            }
        }
        return features;
    }

    /** The text report's mark after a feature of the explained row: a filled-in value or an unseen category. */
    private static String mark(LinearModel model, Explained r, int feature, String name) {
        if (r.imputed().contains(name)) {
            return "  (missing: the model's fill)";
        }
        String column = model.preprocessing().inputs().get(model.preprocessing().features().get(feature).input()).name();
        String label = r.unseen().get(column);
        return label == null ? "" : "  (unseen category '" + DataException.shown(label) + "': none of the known)";
    }

    private String text(LinearModel model, Explained r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "base value %.8g (%s over the %s of %s, the "
                + "background; SHAP in the model's input space: encoded features before scaling)%n%n", r.base(),
                r.backgroundWeights() == null ? "mean prediction"
                        : "mean prediction weighted by '" + ColumnNameText.shown(r.backgroundWeights()) + "'",
                RowCount.of(r.backgroundRows()), background == null ? "--data" : "--background " + background));
        if (r.importanceWeights() != null) {
            s.append(String.format(Locale.ROOT, "mean |SHAP| weighted by '%s' over the %s of --data, as the model"
                    + " card weighs the training rows%n%n", ColumnNameText.shown(r.importanceWeights()),
                    RowCount.of(r.rows())));
        }
        CoefficientTable table = r.table();
        RowExplanation one = r.one();
        // Coefficient columns in train's order: original units, then the model's scaled space.
        int w = TextCells.nameColumn(14, table.rows().stream().map(CoefficientTable.Row::feature).toList());
        s.append(String.format(Locale.ROOT, "%s %14s %16s %16s%n", TextCells.pad("feature", w), "mean |SHAP|",
                "original units", table.scale().coefficientSpace()));
        // At most TrainReport.MAX_SHOWN lines per table: a wide model's thousands of features flooded the terminal.
        List<CoefficientTable.Row> rows = table.rows();  // largest importance first
        for (CoefficientTable.Row c : rows.subList(0, Math.min(TrainReport.MAX_SHOWN, rows.size()))) {
            s.append(String.format(Locale.ROOT, "%s %14.6g %16.8g %16.8g%n", TextCells.pad(c.feature(), w),
                    c.importance(), c.original(), c.standardized()));
        }
        if (rows.size() > TrainReport.MAX_SHOWN) {
            s.append(String.format(Locale.ROOT, "(%,d more features, none of larger mean |SHAP|; --json holds them"
                    + " all)%n", rows.size() - TrainReport.MAX_SHOWN));
        }
        s.append(String.format(Locale.ROOT, "%s %14s %16.8g %16.8g%n", TextCells.pad("(intercept)", w), "",
                table.intercept(), table.interceptStandardized()));
        if (one != null) {
            s.append(String.format(Locale.ROOT, "%nrow %d (line %d of %s)%n", row, r.line(), input.data));
            s.append(String.format(Locale.ROOT, "%s %14s %14s%n", TextCells.pad("feature", w), "value", "SHAP"));
            double[] phi = one.phi();  // a copy per call: taken once
            double[] values = one.values();
            List<Integer> order = byMagnitude(phi);
            double rest = 0;
            for (int k = 0; k < order.size(); k++) {
                int j = order.get(k);
                if (k >= TrainReport.MAX_SHOWN) {
                    rest += phi[j];
                    continue;
                }
                String name = one.featureNames().get(j);
                s.append(String.format(Locale.ROOT, "%s %14.6g %+14.6g%s%n", TextCells.pad(name, w), values[j],
                        phi[j], mark(model, r, j, name)));
            }
            if (order.size() > TrainReport.MAX_SHOWN) {
                s.append(String.format(Locale.ROOT, "(%,d more features, none of larger |SHAP|, adding %+.6g; --json"
                        + " holds them all)%n", order.size() - TrainReport.MAX_SHOWN, rest));
            }
            s.append(String.format(Locale.ROOT, "prediction %.8g = base %.8g + sum of SHAP (additivity error %.2g)%n",
                    one.prediction(), one.base(), one.additivityError()));
        }
        return s.toString();
    }

    private static List<Integer> byMagnitude(double[] phi) {
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < phi.length; j++) {
            order.add(j);
        }
        order.sort((a, b) -> Double.compare(Math.abs(phi[b]), Math.abs(phi[a])));
        return order;
    }

    private String toJson(Explained result) throws Exception {
        CoefficientTable table = result.table();
        RowExplanation one = result.one();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", input.model.toString());
        // The model card's modelSha256: ties the explanation to the model (and the card) it came from.
        doc.put("model_sha256", Sha256.of(input.model));
        doc.put("data", input.data.toString());
        doc.put("rows", result.rows());
        doc.put("background", background == null ? input.data.toString() : background.toString());
        doc.put("background_rows", result.backgroundRows());
        doc.put("background_weights", result.backgroundWeights());
        doc.put("base", result.base());
        Map<String, Double> importance = new LinkedHashMap<>();
        List<Map<String, Object>> coefficients = new ArrayList<>();
        for (CoefficientTable.Row r : table.rows()) {
            importance.put(r.feature(), r.importance());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("feature", r.feature());
            c.put("standardized", r.standardized());
            c.put("original", r.original());
            coefficients.add(c);
        }
        doc.put("importance", importance);
        doc.put("importance_weights", result.importanceWeights());
        doc.put("coefficients", coefficients);
        // The text report's "(intercept)" line: the coefficients alone do not give a prediction back.
        Map<String, Object> intercept = new LinkedHashMap<>();
        intercept.put("standardized", table.interceptStandardized());
        intercept.put("original", table.intercept());
        doc.put("intercept", intercept);
        if (one != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            Map<String, Double> phi = new LinkedHashMap<>();
            Map<String, Double> values = new LinkedHashMap<>();
            double[] phiOfRow = one.phi();
            double[] valuesOfRow = one.values();
            for (int j = 0; j < phiOfRow.length; j++) {
                phi.put(one.featureNames().get(j), phiOfRow[j]);
                values.put(one.featureNames().get(j), valuesOfRow[j]);
            }
            r.put("index", row);
            r.put("line", result.line());
            r.put("values", values);
            r.put("imputed", result.imputed());
            r.put("unseen", result.unseen());
            r.put("shap", phi);
            r.put("prediction", one.prediction());
            r.put("additivity_error", one.additivityError());
            doc.put("row", r);
        } else {
            doc.put("row", null);
        }
        doc.put("out", out == null ? null : out.toString());
        doc.put("warnings", result.warnings());
        return CliJson.compact(doc);
    }
}
