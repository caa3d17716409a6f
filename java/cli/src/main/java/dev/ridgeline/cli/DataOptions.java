package dev.ridgeline.cli;

import dev.ridgeline.data.CsvChunks;
import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameChunks;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.data.UnicodeText;
import dev.ridgeline.data.ValueHints;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where the training data come from and how to read it: shared by {@code train} and {@code tune}. */
final class DataOptions {
    /** SHA-256 of the data last read, set by {@link #load}. */
    private String sha256;
    /** The header of the data last read, every column named as in the file (the left-out ones too). */
    private List<String> header;

    @Option(names = "--data", paramLabel = "FILE.csv", description = "CSV file with a header row (default: embedded diabetes data).")
    Path data;

    @Option(names = "--target", converter = ColumnNameText.class, paramLabel = "COL",
            description = "Target column of --data (default: the last column).")
    String target;

    @Option(names = "--weights", converter = ColumnNameText.class, paramLabel = "COL",
            description = "Column of row weights (numbers >= 0, not a feature): each row counts w times in the "
                    + "objective and in the metrics (default: every row counts once).")
    String weights;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR",
            description = "Field delimiter: one character, or 'tab' (default: ${DEFAULT-VALUE}).")
    String delimiter;

    @Option(names = "--categorical", split = ",", paramLabel = "COL",
            description = "Columns to one-hot encode even if they look numeric (text columns are detected).")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--ignore", split = ",", paramLabel = "COL",
            description = "Columns to leave out of the features (an identifier, a timestamp, a column that leaks the "
                    + "target); the model file lists them, so predict, evaluate and explain accept them in their data "
                    + "too. --stratify (and train's --sensitive) may still name them, to group rows by.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--group", converter = ColumnNameText.class, paramLabel = "COL",
            description = "Column that names the unit each row measures (a patient, a customer, a site): each value's "
                    + "rows stay in one part of the split (and, in tune, in one fold), so held-out figures measure units "
                    + "the training never saw. Left out of the features, as --ignore does.")
    String group;

    @Option(names = "--missing", defaultValue = "fail", paramLabel = "fail|drop|mean|median",
            description = "Missing values (empty or NA): fail with the count of rows, drop the rows, or impute "
                    + "the training-row mean/median (most frequent category for text) (default: ${DEFAULT-VALUE}).")
    String missing;

    MissingPolicy missingPolicy() {
        return MissingPolicy.parse(missing);
    }

    /**
     * The typed frame: every column but the target, the row weights and the --ignore columns is a feature,
     * except that an --ignore column named in {@code grouping} (--sensitive, --stratify, --group) is read too, for its
     * groups; {@link #leftOut} names those, to be kept out of the features. A --data file is read a chunk at a
     * time, so that only the typed columns are held, not the file's text; its progress goes to stderr
     * ({@link Progress#reading}) unless {@code quiet}.
     */
    Frame load(boolean quiet, Collection<String> grouping) {
        Set<String> skipped = new LinkedHashSet<>(ignored());
        grouping.forEach(skipped::remove);
        // Checked with the embedded data too: a bad value is a mistake whether or not it is used.
        char separator = delimiterChar(delimiter);
        if (data == null) {
            if (target != null && !target.equals(EmbeddedData.DIABETES_TARGET)) {
                throw new DataException("--target " + target + " needs --data; the embedded data's target is '"
                        + EmbeddedData.DIABETES_TARGET + "'");
            }
            CsvTable table = EmbeddedData.diabetesTable();
            Frame frame = FrameReader.forTraining(table, targetOf(table.header()), weights, declaredCategorical(),
                    skipped);
            sha256 = table.sha256();
            header = table.header();
            return frame;
        }
        try (CsvChunks chunks = CsvChunks.open(data, separator, FrameChunks.DEFAULT_ROWS, FrameChunks.DEFAULT_CHARS);
             Progress reading = Progress.reading(data, quiet)) {
            chunks.onBytesRead(reading::stepTo);
            Frame frame = FrameReader.forTraining(chunks, targetOf(chunks.header()), weights, declaredCategorical(),
                    skipped);
            sha256 = chunks.sha256();
            header = chunks.header();
            return frame;
        }
    }

    /**
     * A usage error for an option the embedded data would ignore (a --delimiter other than its comma), or for one
     * column that two options name in roles that exclude each other ({@link #namedTwice}), or null. --target is
     * checked when the data is read: naming the embedded data's own target is allowed. {@code grouping} names the
     * columns read to group rows by (--sensitive, --stratify, --group), which --ignore does not leave unread
     * ({@link #load}): {@code --sensitive a --ignore a --categorical a} groups by a's categories.
     */
    String conflict(CommandLine.ParseResult given, Collection<String> grouping) {
        if (data == null && given.hasMatchedOption("--delimiter") && delimiterChar(delimiter) != ',') {
            return "--delimiter needs --data FILE: the embedded data is comma-separated";
        }
        return namedTwice(grouping);
    }

    /**
     * "--categorical and --ignore both name the column 'a': ..." when the command line gives one column two roles
     * that exclude each other (left out and categorical, the target or the row weights; the target and the row
     * weights; categorical and the target or the row weights), else null. The command line alone shows it, so it
     * is a usage error (exit 2), before any data is read; names are compared as the reader matches them (trimmed,
     * composed). An --ignore column in {@code grouping} is read all the same ({@link #load} takes it out of the
     * columns left out, as here), so the reader decides it. A default target (the last column) is known only from
     * the file, whose reader refuses the same.
     */
    private String namedTwice(Collection<String> grouping) {
        String t = target == null ? null : UnicodeText.composed(target);
        String w = weights == null ? null : UnicodeText.composed(weights);
        Set<String> declared = declaredCategorical();
        Set<String> read = new HashSet<>(grouping);
        for (String name : ignore) {
            String left = ColumnNameText.listed(name);
            if (read.contains(left)) {
                continue;
            }
            if (left.equals(t)) {
                return twice("--target", "--ignore", left, "the target cannot be left out");
            }
            if (left.equals(w)) {
                return twice("--weights", "--ignore", left, "the row weights cannot be left out");
            }
            if (declared.contains(left)) {
                return twice("--categorical", "--ignore", left, "a column left out is not read, so it has no"
                        + " categories to encode");
            }
        }
        if (t != null && t.equals(w)) {
            return twice("--target", "--weights", t, "a column cannot be both the target and the row weights");
        }
        if (t != null && declared.contains(t)) {
            return twice("--target", "--categorical", t, "the target is a number to predict, not categories");
        }
        if (w != null && declared.contains(w)) {
            return twice("--weights", "--categorical", w, "the row weights are numbers, not categories");
        }
        return null;
    }

    private static String twice(String option, String other, String name, String why) {
        return option + " and " + other + " both name the column '" + ColumnNameText.shown(name) + "': " + why
                + "; name it in one of them";
    }

    /** --target, else the last column. */
    private String targetOf(List<String> header) {
        return target != null ? target : header.get(header.size() - 1);
    }

    /**
     * A warning when every name of the header read is a number: the file seems to have no header row, so its
     * first row of data became the names (and is not in the data). Ridgeline needs a header; only the user can
     * add one.
     */
    Optional<String> headerOfNumbers() {
        if (header == null || !ValueHints.headerOfNumbers(header)) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "every column name of %s is a number (%s%s): it seems"
                + " to have no header row, so its first row of data was read as the names and is not in the data; add"
                + " a header row of column names", sourceName(), String.join(", ", header.subList(0,
                Math.min(3, header.size()))), header.size() > 3 ? ", ..." : ""));
    }

    /**
     * The --ignore columns, trimmed as header names are, each once, in the order given; then the --group column,
     * which is no feature either (a unit's identifier; its held-out values are new ones by construction).
     */
    List<String> ignored() {
        Set<String> names = new LinkedHashSet<>();
        ignore.forEach(name -> names.add(ColumnNameText.listed(name)));
        String unit = groupColumn();
        if (unit != null) {
            names.add(unit);
        }
        return List.copyOf(names);
    }

    /** The --group column as header names are matched (trimmed, composed), or null. */
    String groupColumn() {
        return group == null ? null : UnicodeText.composed(UnicodeText.trimmed(group));
    }

    /** The --ignore columns that {@link #load} read for {@code grouping}: they are to be kept out of the features. */
    List<String> leftOut(Collection<String> grouping) {
        return ignored().stream().filter(grouping::contains).toList();
    }

    /** Header names are trimmed, so the names given here are too ("code, a" names 'code' and 'a'). */
    private Set<String> declaredCategorical() {
        Set<String> declared = new HashSet<>();
        categorical.forEach(name -> declared.add(ColumnNameText.listed(name)));
        return declared;
    }

    static char delimiterChar(String text) {
        if (text.equalsIgnoreCase("tab") || text.equals("\\t")) {
            return '\t';
        }
        String problem = DelimiterCheck.problem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);  // the command line has refused it already (DelimiterCheck)
        }
        String unusable = CsvTable.unusableDelimiter(text.charAt(0));
        if (unusable != null) {
            throw new IllegalArgumentException("--delimiter " + unusable);
        }
        return text.charAt(0);
    }

    String sourceName() {
        return data == null ? EmbeddedData.DIABETES_NAME : data.toString();
    }

    /**
     * SHA-256 of the bytes the data were read from (the embedded table's without --data), for provenance:
     * taken while reading, so a pipe or a file replaced since still gets the hash of what was trained on.
     */
    String sha256() {
        if (sha256 == null) {
            throw new IllegalStateException("the data have not been read yet");
        }
        return sha256;
    }
}
