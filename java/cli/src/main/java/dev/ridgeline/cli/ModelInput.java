package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnMismatchException;
import dev.ridgeline.data.ColumnNames;
import dev.ridgeline.data.CsvChunks;
import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameChunks;
import dev.ridgeline.data.RowWeightException;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.InputColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A saved model and a CSV of rows for it: shared by {@code evaluate}, {@code predict} and {@code explain}. */
final class ModelInput {
    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "Model file written by train or tune.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "CSV with a header row holding the model's input columns by name.")
    Path data;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR",
            description = "Field delimiter of --data (and of explain's --background): one character, or 'tab'"
                    + " (default: ${DEFAULT-VALUE}).")
    String delimiter;

    @Option(names = "--ignore", split = ",", paramLabel = "COL",
            description = "Columns of --data (and of explain's --background) the model does not use, to read past"
                    + " (an identifier, a note); those the model's training left out with --ignore, and its --weights"
                    + " column, pass without it.")
    List<String> ignore = new ArrayList<>();

    @Mixin
    ThreadsOption threads;

    /**
     * The --ignore columns found in a file read before --data (explain reads its --background first): --ignore
     * may name a column of either file, so --data need not hold these. Null while no such file was read.
     */
    private Path readBefore;
    private final Set<String> ignoredFoundBefore = new HashSet<>();
    /** SHA-256 of --data, known once a read of it with the target (evaluate's) has ended. */
    private String dataSha256;

    LinearModel loadModel() {
        return LinearModel.load(model);
    }

    /**
     * The rows, columns matched to the model by name, handed to {@code each} a chunk at a time (each a frame
     * whose lines are the file's), so that a file of any length takes the memory of one chunk.
     * {@code needTarget} requires the target column and reads it and the row weights; otherwise both may be
     * present but are not read, so that what they hold (the docs call the target ignored) cannot stop the
     * command. {@code reading} hears of the bytes read ({@link Progress#reading}).
     */
    void eachChunk(LinearModel m, boolean needTarget, Progress reading, Consumer<Frame> each) {
        eachChunk(data, m, needTarget, reading, each);
    }

    /**
     * The rows as {@link #eachChunk(LinearModel, boolean, Progress, Consumer)} hands them to predict, each chunk
     * with its records as read; the columns {@code kept} (predict's --keep) must be in the file, and may be
     * columns the model does not use.
     */
    void eachChunkWithRecords(LinearModel m, Set<String> kept, Progress reading, BiConsumer<Frame, CsvTable> each) {
        eachChunkWithRecords(m, kept, ", or --keep to copy it beside the predictions", reading, each);
    }

    /**
     * As {@link #eachChunkWithRecords(LinearModel, Set, Progress, BiConsumer)}, for explain --keep: after a
     * --background, --ignore may name a column of either file, as for {@link #eachChunk}. {@code keepHint} ends
     * the message for a column the model does not use (", or --keep to copy it ...").
     */
    void eachChunkWithRecords(LinearModel m, Set<String> kept, String keepHint, Progress reading,
            BiConsumer<Frame, CsvTable> each) {
        eachChunkWithRecords(m, false, kept, keepHint, reading, each);
    }

    /**
     * As {@link #eachChunkWithRecords(LinearModel, Set, String, Progress, BiConsumer)}; with {@code weighted}, the
     * model's column of row weights, where the file holds it and --ignore does not name it, is read as the frames'
     * row weights ({@link #eachWeightedChunk}).
     */
    void eachChunkWithRecords(LinearModel m, boolean weighted, Set<String> kept, String keepHint, Progress reading,
            BiConsumer<Frame, CsvTable> each) {
        try {
            readChunks(data, m, false, weighted, kept, reading, each);
        } catch (ColumnMismatchException e) {
            throw withOptionHint(e, keepHint, m);
        }
    }

    /**
     * As {@link #eachChunk(LinearModel, boolean, Progress, Consumer)}, for another file of the model's inputs
     * (explain's --background), read before --data: --ignore may name columns of either file.
     */
    void eachChunk(Path file, LinearModel m, boolean needTarget, Progress reading, Consumer<Frame> each) {
        try {
            readChunks(file, m, needTarget, false, Set.of(), reading, (frame, records) -> each.accept(frame));
        } catch (ColumnMismatchException e) {
            throw withOptionHint(e, "", m);  // --ignore reads past extra columns of --data and of explain's --background
        }
    }

    /**
     * As {@link #eachChunk(Path, LinearModel, boolean, Progress, Consumer)} without the target, for explain's
     * background: the model's column of row weights ({@code train --weights}), where {@code file} holds it and
     * --ignore does not name it, is read as the frames' row weights, each a number >= 0 (a negative, missing or
     * non-finite one is an error naming the file, line, column and value, as evaluate's); the frames of a file
     * without it have none (weight 1 each).
     */
    void eachWeightedChunk(Path file, LinearModel m, Progress reading, Consumer<Frame> each) {
        try {
            readChunks(file, m, false, true, Set.of(), reading, (frame, records) -> each.accept(frame));
        } catch (ColumnMismatchException e) {
            throw withOptionHint(e, "", m);
        }
    }

    /**
     * The chunks of {@code file}, each with its records (null when the target is read: evaluate keeps no column);
     * {@code kept} (predict's and explain's --keep) must be columns of --data and may be ones the model does not
     * use.
     */
    private void readChunks(Path file, LinearModel m, boolean needTarget, boolean weighted, Set<String> kept,
            Progress reading, BiConsumer<Frame, CsvTable> each) {
        try (CsvChunks chunks = CsvChunks.open(file, DataOptions.delimiterChar(delimiter), FrameChunks.DEFAULT_ROWS,
                FrameChunks.DEFAULT_CHARS)) {
            chunks.onBytesRead(reading::stepTo);
            if (file.equals(data)) {
                Set<String> required = new LinkedHashSet<>(passedOver(m, needTarget));
                required.removeAll(ignoredFoundBefore);
                requireColumns(chunks, required, readBefore == null ? "read past (--ignore)"
                        : "read past (--ignore), nor has " + readBefore);
                requireColumns(chunks, kept, "keep (--keep)");
            } else {
                // explain's --background, read first: it may lack a column of --data, or hold one --data lacks.
                readBefore = file;
                passedOver(m, needTarget).stream().filter(chunks.header()::contains).forEach(ignoredFoundBefore::add);
            }
            if (!needTarget) {
                Set<String> tolerated = new HashSet<>(ignoredColumns(m));
                tolerated.addAll(kept);
                String weights = weightColumn(m);
                if (weighted && weights != null && chunks.header().contains(weights)
                        && !passedOver(m, false).contains(weights)) {
                    tolerated.remove(weights);
                    try {
                        FrameChunks.forModel(chunks, m.preprocessing().readInputSchema(), null, weights, tolerated, each);
                    } catch (RowWeightException e) {
                        throw weighedBy(e, weights);
                    }
                } else {
                    FrameChunks.forModelInputs(chunks, m.preprocessing().readInputSchema(), tolerated, each);
                }
                return;
            }
            requireOwnColumns(m, file);
            if (!chunks.header().contains(m.targetName())) {
                throw new DataException(file + ": no target column '" + ColumnNameText.shown(m.targetName()) + "' to evaluate against"
                        + ColumnNames.didYouMean(m.targetName(), chunks.header()) + "; the columns are "
                        + ColumnNames.listed(chunks.header()) + chunks.delimiterHint());
            }
            Set<String> tolerated = new HashSet<>(m.metadata().ignoredColumns());
            tolerated.addAll(m.preprocessing().unreadInputs());
            tolerated.addAll(passedOver(m, true));
            FrameChunks.forModel(chunks, m.preprocessing().readInputSchema(), m.targetName(), weightColumn(m), tolerated,
                    frame -> each.accept(frame, null));
            if (file.equals(data)) {
                dataSha256 = chunks.sha256();
            }
        }
    }

    /** SHA-256 (hex) of --data, once evaluate's read of it has ended; null before. */
    String dataSha256() {
        return dataSha256;
    }

    /**
     * evaluate reads the target (and the row weights) from the same file as the inputs: a model whose target,
     * or whose weights column, is also one of its inputs (a model built in Java with a feature named like its
     * target, or a hand-edited file) would be scored against an input.
     */
    private void requireOwnColumns(LinearModel m, Path file) {
        String weights = weightColumn(m);
        for (InputColumn in : m.preprocessing().inputs()) {
            if (in.name().equals(m.targetName()) || in.name().equals(weights)) {
                String what = in.name().equals(m.targetName()) ? "target" : "column of row weights";
                throw new DataException(model + ": the model's " + what + " '" + DataException.shown(in.name())
                        + "' is also one of its inputs, so " + file + " cannot hold both; evaluate needs it in a column"
                        + " of its own");
            }
        }
        if (m.targetName().equals(weights)) {
            throw new DataException(model + ": the model's column of row weights is its target '"
                    + DataException.shown(weights) + "'");
        }
    }

    /**
     * The columns named by this command's --ignore, which the file may hold besides the model's: each must not
     * be one of the model's inputs (they are read, whatever the option says).
     */
    private Set<String> passedOver(LinearModel m, boolean needTarget) {
        Set<String> names = new LinkedHashSet<>();
        for (String given : ignore) {
            String name = ColumnNameText.listed(given);
            boolean target = needTarget && name.equals(m.targetName());
            boolean weights = needTarget && name.equals(weightColumn(m));
            if (m.preprocessing().readInputSchema().containsKey(name) || target || weights) {
                String why = target ? " (evaluate scores against it)" : weights ? " (evaluate weighs the rows by it)" : "";
                throw new IllegalArgumentException("--ignore " + ColumnNameText.forList(name) + ": the model reads this"
                        + " column" + why + ", so it cannot be passed over");
            }
            names.add(name);
        }
        return names;
    }

    /** Extra columns named in a hint; more are left to the message's list. */
    private static final int HINTED = 5;

    /**
     * The mismatch with the option that reads past the file's extra columns, when all the model's columns
     * are there (a missing one says the file is not the model's, or has another delimiter): "not used by the
     * model: [name]" had left the user to find --ignore. {@code alsoKeep} adds predict's other way.
     */
    private static DataException withOptionHint(ColumnMismatchException e, String alsoKeep, LinearModel m) {
        if (!e.missing().isEmpty()) {
            return withFillHint(e, m);
        }
        if (e.extra().isEmpty()) {
            return e;
        }
        String one = e.extra().size() == 1 ? "it" : "them";
        String names = e.extra().size() <= HINTED
                ? " " + String.join(",", e.extra().stream().map(ColumnNameText::forList).toList())
                : " with those columns";
        return new DataException(e.getMessage() + "; pass --ignore" + names + " to read past " + one
                + alsoKeep.replace(" it ", " " + one + " "), e);
    }

    /**
     * The mismatch with the remedy for missing columns whose every value the model can fill (trained with
     * --missing mean or median): a column of empty values is read as missing values and imputed, where the
     * message had left a user whose new rows lack a measurement to think the model cannot serve them.
     */
    private static DataException withFillHint(ColumnMismatchException e, LinearModel m) {
        List<String> fillable = new ArrayList<>();
        for (InputColumn input : m.preprocessing().inputs()) {
            if (e.missing().contains(input.name())
                    && (!Double.isNaN(input.fillNumber()) || input.fillLabel() != null)) {
                fillable.add(input.name());
            }
        }
        if (fillable.size() != e.missing().size()) {
            return e;
        }
        boolean one = fillable.size() == 1;
        return new DataException(e.getMessage() + "; the model fills missing values of " + (one ? "that column" : "those"
                + " columns") + " (it was trained with --missing mean or median), so " + (one ? "a column" : "columns")
                + " of empty values under " + (one ? "that name" : "those names") + " would do", e);
    }

    /** Each of {@code names} (from --ignore or --keep) is a column of the --data file: a typo would pass unnoticed. */
    private void requireColumns(CsvChunks chunks, Set<String> names, String purpose) {
        for (String name : names) {
            if (!chunks.header().contains(name)) {
                throw new DataException(ColumnNames.absent(data.toString(), name, purpose, chunks.header(),
                        chunks.delimiterHint()));
            }
        }
    }

    /**
     * The model's target, row weights, the columns its training left out (--ignore) or dropped (constant, or with
     * no value: {@link dev.ridgeline.preprocess.Preprocessing#unreadInputs}), and those this command's --ignore
     * names: present or not, never read by predict and explain.
     */
    private Set<String> ignoredColumns(LinearModel m) {
        Set<String> ignored = new HashSet<>(m.metadata().ignoredColumns());
        ignored.addAll(m.preprocessing().unreadInputs());
        ignored.addAll(passedOver(m, false));
        ignored.add(m.targetName());
        if (weightColumn(m) != null) {
            ignored.add(weightColumn(m));
        }
        return ignored;
    }

    /** Whether this command's --ignore names {@code column} (null: false). */
    boolean ignores(String column) {
        return column != null && ignore.stream().map(ColumnNameText::listed).anyMatch(column::equals);
    }

    /**
     * {@code e}, a bad value of the model's column of row weights in a file read for explain, with the remedies that
     * fit explain: the rows of new data often hold that column blank, where explain had not read it before it
     * weighed its background and importance by it.
     */
    private static DataException weighedBy(RowWeightException e, String weights) {
        String shown = ColumnNameText.shown(weights);
        // The problem without the reader's remedy: a common factor, which fits evaluate, is one of several here.
        return new DataException(e.problem() + "; explain weighs the rows by the model's column of row weights '"
                + shown + "': correct the value, or give --ignore " + shown + " to weigh every row once", e);
    }

    /** The column of row weights the model was trained with ({@code --weights}), or null. */
    static String weightColumn(LinearModel m) {
        return m.metadata().provenance().get("weights");
    }
}
