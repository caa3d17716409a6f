package dev.ridgeline.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Reads a {@link CsvTable} into a typed {@link Frame}, strictly.
 *
 * <p>A field is missing when it is empty or {@code NA}. A feature column is categorical when it is named in
 * {@code categorical}, or when none of its present values is a number; a column that mixes numbers and text
 * is an error naming the first non-number (far more often a typo than a category; a column of codes that
 * look like numbers is declared categorical instead). Numbers
 * must be finite. The target must be numeric; so must a column of row weights, whose values are also at
 * least 0.
 */
public final class FrameReader {
    private FrameReader() {
    }

    /**
     * True for the spellings of a missing value: an empty field or {@code NA}.
     *
     * @throws NullPointerException when field is null
     */
    public static boolean isMissingToken(String field) {
        return NumberSyntax.isMissing(field, 0, field.length());
    }

    /**
     * Every column but {@code target} becomes a feature; kinds are inferred as described above.
     *
     * @param categorical columns to treat as categorical even if their values look numeric
     * @throws NullPointerException when table, target or categorical is null
     * @throws DataException when the header has no column named as the target, the weights or a categorical column,
     *     the target is declared categorical, the weights are the target or declared categorical, no feature column
     *     is left besides them, the table has no data rows, a row's field count is not the header's, a feature column
     *     mixes numbers and text or holds a number that is not a finite float32, the target holds text or a number
     *     that is not a finite float32, or a weight is text, negative, or a positive number below float32's smallest
     *     normal value (each naming the file, and the line and column where there is one)
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (the status stays set)
     */
    public static Frame forTraining(CsvTable table, String target, Set<String> categorical) {
        return forTraining(table, target, null, categorical);
    }

    /**
     * As {@link #forTraining(CsvTable, String, Set)}, with the row weights read from column {@code weights}
     * (null: none), which is then not a feature. A weight must be a finite number >= 0; a missing one is NaN
     * (see {@link MissingValues}).
     *
     * @throws NullPointerException when table, target or categorical is null
     * @throws DataException when the header has no column named as the target, the weights or a categorical column,
     *     the target is declared categorical, the weights are the target or declared categorical, no feature column
     *     is left besides them, the table has no data rows, a row's field count is not the header's, a feature column
     *     mixes numbers and text or holds a number that is not a finite float32, the target holds text or a number
     *     that is not a finite float32, or a weight is text, negative, or a positive number below float32's smallest
     *     normal value (each naming the file, and the line and column where there is one)
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (the status stays set)
     */
    public static Frame forTraining(CsvTable table, String target, String weights, Set<String> categorical) {
        return forTraining(table, target, weights, categorical, Set.of());
    }

    /**
     * As {@link #forTraining(CsvTable, String, String, Set)}, leaving out the columns named in {@code ignored}
     * (an identifier, a timestamp, a column that leaks the target): they are matched by name like the others,
     * but neither parsed nor kept, so whatever they hold cannot stop the read.
     *
     * @throws NullPointerException when table, target, categorical or ignored is null
     * @throws DataException when the header has no column named as the target, the weights or a categorical column,
     *     the target is declared categorical, the weights are the target or declared categorical, no feature column
     *     is left besides them, the table has no data rows, a row's field count is not the header's, a feature column
     *     mixes numbers and text or holds a number that is not a finite float32, the target holds text or a number
     *     that is not a finite float32, or a weight is text, negative, or a positive number below float32's smallest
     *     normal value (each naming the file, and the line and column where there is one), or a
     *     column to leave out is not in the header, or is the target, the weights or declared categorical
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (the status stays set)
     */
    public static Frame forTraining(CsvTable table, String target, String weights, Set<String> categorical,
            Set<String> ignored) {
        Objects.requireNonNull(table, "table");
        CsvTable[] once = {table};
        return forTraining(table, () -> {
            CsvTable next = once[0];
            once[0] = null;
            return next;
        }, () -> once[0] == null, 1, target, weights, categorical, ignored);
    }

    /**
     * As {@link #forTraining(CsvTable, String, String, Set)}, reading the file a chunk at a time: only the
     * typed columns are kept (8 bytes a number, one reference a label), not the records' text, which for a
     * file of numbers took about twice the memory of the numbers themselves. The result is that of reading the
     * file whole, and so is the error for a file with one problem; with several, the first one reading comes
     * to is reported (a short row in the first chunk before bad bytes in a later one, which a whole read named).
     * The next chunks are read on a thread of their own while up to four threads parse their numbers
     * ({@link ParsedChunks}); the frame, and the error, are those of reading in order on one thread.
     *
     * @throws NullPointerException when chunks, target or categorical is null
     * @throws IllegalStateException when a chunk was already taken from {@code chunks}, or they are closed
     * @throws IllegalArgumentException when the {@code ridgeline.threads} property is not a whole number from 1 to
     *     1,024
     * @throws DataException as {@link #forTraining(CsvTable, String, String, Set, Set)}, when a later chunk of the
     *     file cannot be read or is malformed (as {@link CsvTable#read(java.nio.file.Path, char)} names it), or
     *     when the frame does not fit in the heap (naming {@code -Xmx})
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (the status stays set)
     */
    public static Frame forTraining(CsvChunks chunks, String target, String weights, Set<String> categorical) {
        return forTraining(chunks, target, weights, categorical, Set.of());
    }

    /**
     * As {@link #forTraining(CsvChunks, String, String, Set)}, leaving out the columns named in {@code ignored}
     * as {@link #forTraining(CsvTable, String, String, Set, Set)} does.
     *
     * @throws NullPointerException when chunks, target, categorical or ignored is null
     * @throws IllegalStateException when a chunk was already taken from {@code chunks}, or they are closed
     * @throws IllegalArgumentException when the {@code ridgeline.threads} property is not a whole number from 1 to
     *     1,024
     * @throws DataException as {@link #forTraining(CsvTable, String, String, Set, Set)}, when a later chunk of the
     *     file cannot be read or is malformed (as {@link CsvTable#read(java.nio.file.Path, char)} names it), or
     *     when the frame does not fit in the heap (naming {@code -Xmx})
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (the status stays set)
     */
    public static Frame forTraining(CsvChunks chunks, String target, String weights, Set<String> categorical,
            Set<String> ignored) {
        return forTraining(chunks, target, weights, categorical, ignored, ParsedChunks.defaultThreads());
    }

    /** As {@link #forTraining(CsvChunks, String, String, Set)}, the numbers parsed by {@code threads} threads. */
    static Frame forTraining(CsvChunks chunks, String target, String weights, Set<String> categorical, int threads) {
        return forTraining(chunks, target, weights, categorical, Set.of(), threads);
    }

    private static Frame forTraining(CsvChunks chunks, String target, String weights, Set<String> categorical,
            Set<String> ignored, int threads) {
        Objects.requireNonNull(chunks, "chunks");
        chunks.requireUnread();
        CsvTable header = chunks.withoutRows();
        try {
            return forTraining(header, chunks::next, chunks::readToEnd, threads, target, weights, categorical, ignored);
        } catch (OutOfMemoryError e) {
            if (!DataException.heapExhausted(e)) {
                throw e;
            }
            // What the read had allocated is unreachable here, so there is room for the message.
            throw heapTooSmall(header.source(), Runtime.getRuntime().maxMemory(), e);
        }
    }

    /**
     * The DataException for a table that does not fit in a heap of at most {@code maxHeapBytes}: the library's
     * callers get the documented exception, not an OutOfMemoryError from inside the reader.
     */
    static DataException heapTooSmall(String source, long maxHeapBytes, OutOfMemoryError cause) {
        // No String.format: see DataException.thousands.
        return new DataException(source + ": the table does not fit in the heap (at most "
                + DataException.thousands(maxHeapBytes >> 20) + " MiB): it takes 8 bytes a number as read, and the"
                + " encoded matrix 4 more; give the JVM a larger heap (-Xmx), or use fewer rows or columns", cause);
    }

    /**
     * {@code header} gives the file's name, header and delimiter; {@code chunks} its records, then null;
     * {@code readToEnd} whether they have handed over the last; {@code threads} parse their numbers ({@link
     * ParsedChunks}).
     */
    private static Frame forTraining(CsvTable header, Supplier<CsvTable> chunks, BooleanSupplier readToEnd,
            int threads, String target, String weights, Set<String> categorical, Set<String> ignored) {
        // Named here: a null would fail inside the header lookup with no word of which argument it was.
        Objects.requireNonNull(target, "target: the name of the target column");
        Objects.requireNonNull(categorical, "categorical: the columns to one-hot encode (Set.of() for none)");
        Objects.requireNonNull(ignored, "ignored: the columns to leave out (Set.of() for none)");
        // Names as the header reads them (UnicodeText): composed.
        target = UnicodeText.composed(target);
        weights = weights == null ? null : UnicodeText.composed(weights);
        categorical = categorical.stream().map(UnicodeText::composed).collect(java.util.stream.Collectors.toSet());
        // In the order given, so that the first unknown name on the command line is the one reported.
        ignored = ignored.stream().map(UnicodeText::composed)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
        int targetCol = header.column(target);
        int weightCol = weights == null ? -1 : header.column(weights);
        for (String c : categorical) {
            header.column(c);
        }
        for (String c : ignored) {
            if (!header.hasColumn(c)) {
                throw new DataException(ColumnNames.absent(header.source(), c, "leave out", header.header(),
                        header.delimiterHint()));
            }
            String role = c.equals(target) ? "the target" : c.equals(weights) ? "the row weights"
                    : categorical.contains(c) ? "declared categorical" : null;
            if (role != null) {
                throw new DataException(header.source() + ": the column '" + DataException.shown(c) + "' is " + role
                        + " and cannot also be left out");
            }
        }
        if (categorical.contains(target)) {
            throw new DataException(header.source() + ": the target '" + target + "' cannot be categorical");
        }
        if (weightCol == targetCol) {
            throw new DataException(header.source() + ": the column '" + target + "' cannot be both the target and"
                    + " the row weights");
        }
        if (weights != null && categorical.contains(weights)) {
            throw new DataException(header.source() + ": the row weights '" + weights + "' cannot be categorical");
        }
        int width = header.header().size();
        boolean[] skip = new boolean[width];
        int skipped = 0;
        for (int c = 0; c < width; c++) {
            skip[c] = ignored.contains(header.header().get(c));
            skipped += skip[c] ? 1 : 0;
        }
        int reserved = (weightCol < 0 ? 1 : 2) + skipped;
        if (width == reserved) {
            throw new DataException(header.source() + ": there are no feature columns besides the target '" + target + "'"
                    + (weights == null ? "" : " and the row weights '" + weights + "'")
                    + (skipped == 0 ? "" : " and the " + skipped + " left out") + header.delimiterHint());
        }
        boolean[] parse = new boolean[width];
        for (int c = 0; c < width; c++) {
            parse[c] = !categorical.contains(header.header().get(c)) && !skip[c];
        }
        NumberColumns numbers = NumberColumns.start(header, parse);
        // Every feature column's labels are kept while it may still be categorical: until its first number.
        TextColumns text = new TextColumns(width);
        for (int c = 0; c < width; c++) {
            if (c != targetCol && c != weightCol && !skip[c]) {
                text.keep(c);
            }
        }
        long[] lines = new long[0];
        int rows = 0;
        try (ParsedChunks parsed = new ParsedChunks(chunks, parse, threads, readToEnd)) {
            for (ParsedChunks.Chunk next = parsed.next(); next != null; next = parsed.next()) {
                // A read of a large file takes seconds: a service cancelling it (Future.cancel(true)) stops it at
                // the next chunk; closing the chunks waits for the few reads and parses still in flight.
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException(header.source() + ": reading was interrupted");
                }
                CsvTable chunk = next.table();
                checkRows(chunk);
                numbers.add(next.numbers());
                for (int c = 0; c < width; c++) {
                    if (text.kept(c) && parse[c] && !numbers.noNumberYet(c)) {
                        text.forget(c);
                    }
                }
                text.append(chunk);
                if (lines.length < rows + chunk.rows()) {
                    lines = Arrays.copyOf(lines, Math.max(rows + chunk.rows(), lines.length + (lines.length >> 1)));
                }
                for (int r = 0; r < chunk.rows(); r++) {
                    lines[rows + r] = chunk.line(r);
                }
                rows += chunk.rows();
            }
        }
        if (rows == 0) {
            throw noDataRows(header);
        }
        lines = Arrays.copyOf(lines, rows);
        Map<String, ColumnKind> schema = new LinkedHashMap<>();
        for (int c = 0; c < width; c++) {
            if (c != targetCol && c != weightCol && !skip[c]) {
                String name = header.header().get(c);
                ColumnKind kind = parse[c] ? numbers.inferKind(c) : ColumnKind.CATEGORICAL;
                schema.put(name, kind);
                if (kind == ColumnKind.CATEGORICAL && parse[c]) {
                    numbers.forget(c);
                }
            }
        }
        NumberColumns.Place targetText = numbers.firstText(targetCol);
        if (targetText != null && numbers.noNumberYet(targetCol) && !ValueHints.numberAsText(targetText.field())
                && !ValueHints.looksMissing(targetText.field())) {
            // Class labels ('high', 'low') as the target: "not a number" at the first row would not say why. Numbers
            // written with commas or signs, and other tools' missing values, keep the per-value error and its hint.
            throw new DataException(String.format(java.util.Locale.ROOT, "%s: the target '%s' holds text, not numbers"
                    + " (line %d: '%s'): a regression predicts a number; name a numeric target column (--target), or"
                    + " write the classes as numbers (0 and 1)", header.source(), DataException.shown(target),
                    targetText.line(), DataException.shown(targetText.field())));
        }
        List<String> leftOut = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (skip[c]) {
                leftOut.add(header.header().get(c));
            }
        }
        Frame frame = read(header, schema, target, numbers, text::labels, lines).withLeftOut(leftOut);
        if (weightCol < 0) {
            return frame;
        }
        // Weights count rows against the penalty (lambda / W): weights times c with --lambda times c is the same
        // objective, so a common factor is the remedy that keeps the model.
        return requireFloatWeights(frame.withWeights(weights, weights(header, weights, numbers)),
                "which training keeps weights in",
                "multiply the weights by a common factor (and --lambda by the same factor: the same model)");
    }

    /**
     * The frame, once no positive row weight lies below float32's normal range: training, and evaluate after it,
     * take the weights as float32, where 1e-46 becomes 0 (a row silently left out, or "every row weight is zero"
     * for a file of such weights) and 1e-40 keeps a few bits. The message says who holds them so ({@code held},
     * e.g. "which training keeps weights in") and the remedy that fits the reader's purpose: a model's rows, read
     * after training, have no penalty to scale along with their weights.
     */
    private static Frame requireFloatWeights(Frame frame, String held, String remedy) {
        for (int i = 0; i < frame.rows(); i++) {
            double w = frame.weight(i);
            // The float32 value decides: 1.1754943e-38 is below MIN_NORMAL in double but rounds to it.
            if (w > 0 && (float) w < Float.MIN_NORMAL) {
                throw new RowWeightException(String.format(java.util.Locale.ROOT, "%s, line %d, column '%s': weight %s is"
                        + " below float32's smallest normal value (%.3g), %s", frame.source(),
                        frame.line(i), DataException.shown(frame.weightName()), w, Float.MIN_NORMAL, held), remedy);
            }
        }
        return frame;
    }

    /**
     * Reads the columns a fitted model expects, by name and with the model's kinds. A column the model
     * needs but the file lacks, or a column the file has but the model does not use, is an error naming it;
     * the column {@code target} (the model's target, or null) may be present, and is then read as the frame's
     * target. With null every column must be an input: to read a file that also holds the target without reading
     * it, use {@link #forModelInputs} with the target among the tolerated columns.
     *
     * @throws NullPointerException when table or schema is null
     * @throws ColumnMismatchException when a column of the schema is not in the table, or the table has a column
     *     that is neither in the schema nor the target (naming what is missing and what is extra)
     * @throws DataException when the table has no data rows, a row's field count is not the header's, or a value of a
     *     numeric input or of the target is not a number or not a finite float32 number (each naming the file, line and
     *     column)
     */
    public static Frame forModel(CsvTable table, Map<String, ColumnKind> schema, String target) {
        return forModel(table, schema, target, null);
    }

    /**
     * As {@link #forModel(CsvTable, Map, String)}; the column {@code weights} (the model's row weights, or null)
     * may be present too, and is then read as the frame's row weights (each a number >= 0, none missing).
     *
     * @throws NullPointerException when table or schema is null
     * @throws ColumnMismatchException when a column of the schema is not in the table, or the table has a column
     *     that is neither in the schema nor the target or the weights (naming what is missing and what is extra)
     * @throws DataException when the table has no data rows, a row's field count is not the header's, or a value of a
     *     numeric input, of the target or of the weights is not a number or not a finite float32 number, or a weight is
     *     missing, negative, or a positive number below float32's smallest normal value (each naming the file, line and
     *     column)
     */
    public static Frame forModel(CsvTable table, Map<String, ColumnKind> schema, String target, String weights) {
        return forModel(table, schema, target, weights, Set.of(), null);
    }

    /**
     * As {@link #forModel(CsvTable, Map, String, String)}; the columns in {@code ignored} (the model's
     * {@code metadata().ignoredColumns()}, left out of training) may be present and are not read, as
     * {@code ridgeline evaluate} accepts them.
     *
     * @throws NullPointerException when table, schema or ignored is null
     * @throws ColumnMismatchException when a column of the schema is not in the table, or the table has a column that
     *     is neither in the schema nor the target, the weights or ignored (naming what is missing and what is extra)
     * @throws DataException when the table has no data rows, a row's field count is not the header's, or a value of a
     *     numeric input, of the target or of the weights is not a number or not a finite float32 number, or a weight is
     *     missing, negative, or a positive number below float32's smallest normal value (each naming the file, line and
     *     column)
     */
    public static Frame forModel(CsvTable table, Map<String, ColumnKind> schema, String target, String weights,
            Set<String> ignored) {
        return forModel(table, schema, target, weights, ignored, null);
    }

    /**
     * As {@link #forModel(CsvTable, Map, String, String)}, with the chunk's numbers already parsed for
     * {@link #modelColumns} (null: parsed here); the columns in {@code tolerated} may be present and are not read.
     */
    static Frame forModel(CsvTable table, Map<String, ColumnKind> schema, String target, String weights,
            Set<String> tolerated, ChunkNumbers parsed) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(tolerated, "tolerated");
        List<String> notInputs = new ArrayList<>(Arrays.asList(target, weights));
        notInputs.addAll(tolerated);
        requireModelColumns(table, schema, notInputs);
        checkRows(table);
        boolean withTarget = target != null && table.header().contains(target);
        boolean withWeights = weights != null && table.header().contains(weights);
        NumberColumns numbers = numbers(table, modelColumns(table.header(), schema, target, weights), parsed);
        Frame frame = read(table, schema, withTarget ? target : null, numbers, c -> labels(table, c), lines(table));
        if (!withWeights) {
            return frame;
        }
        double[] w = weights(table, weights, numbers);
        for (int r = 0; r < w.length; r++) {
            if (Double.isNaN(w[r])) {
                throw new RowWeightException(String.format(java.util.Locale.ROOT, "%s, line %d, column '%s': the row weight is missing",
                        table.source(), table.line(r), weights));
            }
        }
        // evaluate holds the weights as float32 too: 1e-46 had become 0 there without a word. The model is trained:
        // its rows' weights enter weighted means, which a common factor leaves as they are.
        return requireFloatWeights(frame.withWeights(weights, w), "which the weights are held in, as in training",
                "multiply the weights by a common factor (a weighted mean is the same)");
    }

    /**
     * Only the columns a fitted model reads, by name and with the model's kinds, for a command that needs
     * neither target nor weights ({@code predict}, {@code explain}). The columns named in {@code tolerated}
     * (the model's target and row weights) may be present but are never parsed, so a value there that is not
     * a number cannot stop the command. Other columns are matched as in {@link #forModel}.
     *
     * @throws NullPointerException when table, schema or tolerated is null
     * @throws ColumnMismatchException when a column of the schema is not in the table, or the table has a column
     *     that is neither in the schema nor tolerated (naming what is missing and what is extra)
     * @throws DataException when the table has no data rows, a row's field count is not the header's, or a value
     *     of a numeric input is not a number or not a finite float32 number (each naming the file, line and
     *     column)
     */
    public static Frame forModelInputs(CsvTable table, Map<String, ColumnKind> schema, Set<String> tolerated) {
        return forModelInputs(table, schema, tolerated, null);
    }

    /**
     * As {@link #forModelInputs(CsvTable, Map, Set)}, with the chunk's numbers already parsed for
     * {@link #modelInputColumns} (null: parsed here).
     */
    static Frame forModelInputs(CsvTable table, Map<String, ColumnKind> schema, Set<String> tolerated,
            ChunkNumbers parsed) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(tolerated, "tolerated");
        requireModelColumns(table, schema, tolerated);
        checkRows(table);
        NumberColumns numbers = numbers(table, modelInputColumns(table.header(), schema), parsed);
        return read(table, schema, null, numbers, c -> labels(table, c), lines(table));
    }

    /** The columns of a file that {@link #forModelInputs} parses: the model's numeric inputs. */
    static boolean[] modelInputColumns(List<String> header, Map<String, ColumnKind> schema) {
        boolean[] parse = new boolean[header.size()];
        for (int c = 0; c < parse.length; c++) {
            parse[c] = schema.get(header.get(c)) == ColumnKind.NUMERIC;
        }
        return parse;
    }

    /** The columns of a file that {@link #forModel} parses: the numeric inputs, and the target and weights if present. */
    static boolean[] modelColumns(List<String> header, Map<String, ColumnKind> schema, String target, String weights) {
        boolean withTarget = target != null && header.contains(target);
        boolean withWeights = weights != null && header.contains(weights);
        boolean[] parse = new boolean[header.size()];
        for (int c = 0; c < parse.length; c++) {
            String name = header.get(c);
            parse[c] = schema.get(name) == ColumnKind.NUMERIC || (withTarget && name.equals(target))
                    || (withWeights && name.equals(weights));
        }
        return parse;
    }

    /** The table's numbers for the columns c with parse[c] true: {@code parsed} if given, else parsed now. */
    private static NumberColumns numbers(CsvTable table, boolean[] parse, ChunkNumbers parsed) {
        NumberColumns numbers = NumberColumns.start(table, parse);
        numbers.add(parsed != null ? parsed : ChunkNumbers.parse(table, parse));
        return numbers;
    }

    /**
     * Every column of {@code schema} is in the file, and every column of the file is in {@code schema} or
     * {@code tolerated} (null entries stand for none); else one error naming what is missing and what is extra.
     */
    private static void requireModelColumns(CsvTable table, Map<String, ColumnKind> schema,
            Collection<String> tolerated) {
        List<String> missing = new ArrayList<>();
        for (String name : schema.keySet()) {
            if (!table.hasColumn(name)) {
                missing.add(name);
            }
        }
        List<String> extra = new ArrayList<>();
        for (String name : table.header()) {
            if (!schema.containsKey(name) && !tolerated.contains(name)) {
                extra.add(name);
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder msg = new StringBuilder(table.source()).append(": the columns do not match the model");
            if (!missing.isEmpty()) {
                msg.append("; missing: ").append(ColumnNames.listed(missing));
            }
            if (!extra.isEmpty()) {
                msg.append("; not used by the model: ").append(ColumnNames.listed(extra));
            }
            msg.append(caseOnly(missing, extra));
            msg.append("; the model expects ").append(ColumnNames.listed(schema.keySet())).append(table.delimiterHint());
            throw new ColumnMismatchException(msg.toString(), missing, extra);
        }
    }

    /**
     * "; 'b' and 'B' differ only in case (names are matched exactly)" for the first missing column that an
     * extra one spells in another case, else "".
     */
    private static String caseOnly(List<String> missing, List<String> extra) {
        for (String wanted : missing) {
            for (String found : extra) {
                if (wanted.equalsIgnoreCase(found)) {
                    return "; '" + DataException.shown(wanted) + "' and '" + DataException.shown(found)
                            + "' differ only in case (names are matched exactly)";
                }
            }
        }
        return "";
    }

    /** The values of the weights column, each checked to be a finite float32 number >= 0 (missing ones NaN). */
    private static double[] weights(CsvTable header, String name, NumberColumns numbers) {
        int c = header.column(name);
        double[] w;
        try {
            w = numbers.values(c);
        } catch (DataException e) {
            // Text, or a number that is not a finite float32, named as in any column: a bad weight all the same,
            // to which a caller that weighs rows for a purpose of its own (explain) adds its remedy.
            throw new RowWeightException(e.getMessage(), e);
        }
        NumberColumns.Place negative = numbers.firstNegative(c);
        if (negative != null) {
            throw new RowWeightException(String.format(java.util.Locale.ROOT, "%s, line %d, column '%s': weight '%s' is negative; row weights"
                    + " must be >= 0", header.source(), negative.line(), name, negative.field().trim()));
        }
        return w;
    }

    /** Some data rows, each with as many fields as the header; else the first problem, named. */
    private static void checkRows(CsvTable table) {
        if (table.rows() == 0) {
            throw noDataRows(table);
        }
        int width = table.header().size();
        for (int r = 0; r < table.rows(); r++) {
            if (table.fieldCount(r) != width) {
                throw raggedRow(table, r);
            }
        }
    }

    private static DataException noDataRows(CsvTable table) {
        return new DataException(table.source() + ": the file has a header but no data rows");
    }

    /**
     * Whether ragged row r reads like another tool's comment: '#' and text, alone on its line or with words, as
     * the header's first name is judged. "#N/A,2", a '#' value in a record short of a field, is no comment.
     */
    private static boolean readsAsCommentLine(CsvTable table, int r) {
        if (table.fieldCount(r) == 0) {
            return false;
        }
        String first = table.field(r, 0).strip();
        return CsvTable.readsAsComment(first) && (table.fieldCount(r) == 1 || first.indexOf(' ') > 0);
    }

    /** The error for data row r, whose field count is not the header's: where, and the likely cause. */
    static DataException raggedRow(CsvTable table, int r) {
        int width = table.header().size();
        String why = table.isWhiteSpace(r)
                ? " (the line " + (table.isBlank(r) ? "is empty"
                        : table.text(r).isEmpty() ? "holds only \"\", one quoted empty value"
                        : "is " + spacesOf(table.text(r)))
                        + ": delete it, or write a row of missing values as "
                        + (table.delimiter() == '\t' ? (width - 1) + " tabs"
                                : "'" + String.valueOf(table.delimiter()).repeat(width - 1) + "'") + ")"
                : readsAsCommentLine(table, r)
                ? " (the line starts with '#', a comment to other tools: every line is read as a record, so delete it)"
                : unclosedQuote(table, r);
        int fields = table.fieldCount(r);
        return new DataException(String.format(java.util.Locale.ROOT, "%s, line %d: %d field%s, the header has %d%s",
                table.source(), table.line(r), fields, fields == 1 ? "" : "s", width, why));
    }

    /**
     * What a line of nothing but spaces holds: "only spaces", or the first control character among them (a DOS
     * end-of-file mark, U+001A, had been called a space).
     */
    private static String spacesOf(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                return String.format(java.util.Locale.ROOT, "blank but for the control character U+%04X%s", (int) c,
                        c == 0x1A ? " (an end-of-file mark of old DOS editors)" : "");
            }
        }
        return "only spaces";
    }

    /**
     * A hint when a field of record r spans lines: the usual cause of a short record is a quote opened on that
     * line and never closed, which swallows the following lines into one field.
     */
    private static String unclosedQuote(CsvTable table, int r) {
        for (int c = 0; c < table.fieldCount(r); c++) {
            String f = table.field(r, c);
            if (f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                return String.format(java.util.Locale.ROOT, " (field %d runs over several lines: a quote opened on line %d is probably never"
                        + " closed)", c + 1, table.line(r));
            }
        }
        return "";
    }

    /** The frame of the schema's columns: numbers from {@code numbers}, labels from {@code labels}. */
    private static Frame read(CsvTable header, Map<String, ColumnKind> schema, String target, NumberColumns numbers,
            IntFunction<String[]> labels, long[] lines) {
        List<String> names = new ArrayList<>(schema.keySet());
        List<ColumnKind> kinds = new ArrayList<>(schema.values());
        double[][] numeric = new double[names.size()][];
        String[][] text = new String[names.size()][];
        for (int j = 0; j < names.size(); j++) {
            int c = header.column(names.get(j));
            if (kinds.get(j) == ColumnKind.NUMERIC) {
                numeric[j] = numbers.values(c);
            } else {
                text[j] = labels.apply(c);
            }
        }
        double[] y = target != null ? numbers.values(header.column(target)) : null;
        return new Frame(header.source(), names, kinds, numeric, text, target, y, lines);
    }

    private static long[] lines(CsvTable table) {
        long[] lines = new long[table.rows()];
        for (int r = 0; r < lines.length; r++) {
            lines[r] = table.line(r);
        }
        return lines;
    }

    private static String[] labels(CsvTable table, int c) {
        String[] out = new String[table.rows()];
        Map<String, String> seen = new HashMap<>();
        for (int r = 0; r < out.length; r++) {
            String label = UnicodeText.trimmed(table.field(r, c));
            // One String per distinct label: a column of few categories over many rows stays small.
            out[r] = isMissingToken(label) ? null : seen.computeIfAbsent(label, UnicodeText::composed);
        }
        return out;
    }
}
