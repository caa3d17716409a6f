package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A bad command line (exit 2): one {@code ridgeline: error: ...} line, one hint line, nothing on stdout. */
class UsageErrorTest {
    private static void assertUsageError(String expected, String hint, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(Main.EXIT_USAGE, r.code(), r.err());
        assertEquals("", r.out(), "stdout stays empty, also with --json");
        assertEquals(List.of(expected, hint), r.err().lines().toList());
    }

    @Test
    void eachMistakeIsOneErrorLineAndOneHint() {
        String train = "Try 'ridgeline train --help' for the options.";
        assertUsageError("ridgeline: error: unknown option: '--bogus'", train, "train", "--bogus", "--json");
        assertUsageError("ridgeline: error: invalid value for option '--lambda': 'abc' is not a number",
                train, "train", "--lambda", "abc", "--json");
        assertUsageError("ridgeline: error: invalid value for option '--epochs': '1.5' is not a whole number",
                train, "train", "--epochs", "1.5", "--json");
        assertUsageError("ridgeline: error: invalid value for option '--seed': 'abc' is not a whole number",
                train, "train", "--seed", "abc", "--json");
        assertUsageError("ridgeline: error: option '--target' (COL) should be specified only once", train,
                "train", "--target", "a", "--target", "b");
        assertUsageError("ridgeline: error: missing required option: '--model=MODEL.json'",
                "Try 'ridgeline evaluate --help' for the options.", "evaluate", "--data", "x.csv", "--json");
        assertUsageError("ridgeline: error: unknown option: '--frobnicate'", "Try 'ridgeline --help' for the options.",
                "--frobnicate");
        // A bare ridgeline names the commands (picocli had said "missing required subcommand" and named none).
        assertUsageError("ridgeline: error: missing command: one of train, tune, evaluate, predict, export, info,"
                + " privacy, explain, doctor", "Try 'ridgeline --help' for the options.");
        // An unknown option is named even where required options are missing too (only those had been named).
        assertUsageError("ridgeline: error: unknown option: '--bogus'",
                "Try 'ridgeline evaluate --help' for the options.", "evaluate", "--json", "--bogus");
        assertUsageError("ridgeline: error: unknown option: '--modle=m.json'; did you mean '--model'?",
                "Try 'ridgeline predict --help' for the options.", "predict", "--modle=m.json", "--data", "x.csv");
    }

    /** A misspelt option or command gets picocli's nearest names; the value after an unknown option is not one. */
    @Test
    void aMisspeltOptionOrCommandIsAnsweredWithTheNearestName() {
        assertUsageError("ridgeline: error: unknown command 'TRAIN'; did you mean 'train'?",
                "Try 'ridgeline --help' for the options.", "TRAIN");
        assertUsageError("ridgeline: error: unknown options: '--LAMBDA', '1'; did you mean '--lambda'?",
                "Try 'ridgeline train --help' for the options.", "train", "--LAMBDA", "1");
        // A short unknown option is near many names, and none is meant.
        assertUsageError("ridgeline: error: unknown options: '--x', '1'", "Try 'ridgeline train --help' for the options.",
                "train", "--x", "1");
        assertUsageError("ridgeline: error: unknown options: '--lamda', '0.1'; did you mean '--lambda'?",
                "Try 'ridgeline train --help' for the options.", "train", "--lamda", "0.1");
        assertUsageError("ridgeline: error: unknown options: '--lambda', '1'; did you mean '--lambdas'?",
                "Try 'ridgeline tune --help' for the options.", "tune", "--lambda", "1");
        assertUsageError("ridgeline: error: unknown command 'trian'; did you mean 'train'?",
                "Try 'ridgeline --help' for the options.", "trian", "--data", "x.csv");
        assertUsageError("ridgeline: error: unknown command 'xyzzy'", "Try 'ridgeline --help' for the options.",
                "xyzzy");
        // The same answer through the help command.
        assertUsageError("ridgeline: error: unknown command 'trian'; did you mean 'train'?",
                "Try 'ridgeline --help' for the options.", "help", "trian");
        assertUsageError("ridgeline: error: unknown command 'xyzzy'", "Try 'ridgeline --help' for the options.",
                "help", "xyzzy");
    }

    /** An empty item in a comma list, also at its end (which picocli dropped), is refused before any data is read. */
    @Test
    void anEmptyItemInACommaListIsNamed() {
        String train = "Try 'ridgeline train --help' for the options.";
        for (String list : new String[] {"id,", ",", "id,,g", ",id", " , "}) {
            assertUsageError("ridgeline: error: --ignore '" + list + "' holds an empty item: separate the items by"
                    + " single commas, with none at either end", train, "train", "--ignore", list, "--no-output");
        }
        CliRun quoted = CliRun.of("train", "--ignore", "\"age,x\",sex", "--no-output");
        assertEquals(Main.EXIT_DATA, quoted.code(), "a comma inside quotes separates nothing: " + quoted.err());
        assertTrue(quoted.err().contains("no column named 'age,x'"), quoted.err());
    }

    /** A word that is no option nor an option's value is named as such (picocli counted its index). */
    @Test
    void aStrayWordIsNamed() {
        assertUsageError("ridgeline: error: unexpected argument 'houses.csv': 'ridgeline train' takes options only",
                "Try 'ridgeline train --help' for the options.", "train", "houses.csv");
    }

    /** Words after a '--' are named as such: the nearest name had been the very option typed. */
    @Test
    void wordsAfterADoubleDashAreNamedAsSuch() {
        assertUsageError("ridgeline: error: unknown options: '--lambda', '5'; nothing after '--' is read as an option,"
                + " and 'ridgeline train' takes no other arguments: remove the '--'",
                "Try 'ridgeline train --help' for the options.", "train", "--no-output", "--", "--lambda", "5");
    }

    /**
     * An argument that starts with '@' is itself, not the lines of a file spliced into the command line
     * (picocli's argument files): here a data file named @d.csv, read as data.
     */
    @Test
    void anArgumentStartingWithAtIsNotAnArgumentFile() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("at-file");
        try {
            java.nio.file.Path data = dir.resolve("@d.csv");
            StringBuilder csv = new StringBuilder("x,y\n");
            for (int i = 0; i < 40; i++) {
                csv.append(i).append(',').append(2 * i + 1).append('\n');
            }
            java.nio.file.Files.writeString(data, csv);
            CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--solver", "exact", "--no-output",
                    "--json");
            assertEquals(0, r.code(), r.err());
            // A file named as picocli's argument file would be: its words are not options.
            java.nio.file.Path settings = dir.resolve("settings");
            java.nio.file.Files.writeString(settings, "--lambda 5\n");
            assertUsageError("ridgeline: error: unexpected argument '@" + settings + "': 'ridgeline train' takes"
                    + " options only (no argument files: '@' is read as it is)",
                    "Try 'ridgeline train --help' for the options.", "train", "--no-output", "@" + settings);
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** An option of another command (the README's tune line, typed after train) is named as that command's. */
    @Test
    void anOptionOfAnotherCommandSaysWhichCommandTakesIt() {
        assertUsageError("ridgeline: error: unknown options: '--folds', '5'; '--folds' is an option of 'ridgeline tune'",
                "Try 'ridgeline train --help' for the options.", "train", "--folds", "5");
        assertUsageError("ridgeline: error: unknown option: '--onnx=m.onnx'; '--onnx' is an option of 'ridgeline export'",
                "Try 'ridgeline train --help' for the options.", "train", "--onnx=m.onnx");
        // Also where required options are missing, which picocli reports first.
        assertUsageError("ridgeline: error: unknown option: '--folds'; '--folds' is an option of 'ridgeline tune'",
                "Try 'ridgeline predict --help' for the options.", "predict", "--folds", "5");
    }

    /** Text where a number belongs is a value of the wrong type, as for --lambda abc. */
    @Test
    void aMalformedLambdaGridOrConversionIsAUsageError() {
        assertUsageError("ridgeline: error: --lambdas must be MIN:MAX:COUNT or a comma list of numbers, got 'abc'",
                "Try 'ridgeline tune --help' for the options.", "tune", "--lambdas", "abc", "--json");
        assertUsageError("ridgeline: error: --conversion must be one of improved, classic, got 'tight'",
                "Try 'ridgeline privacy --help' for the options.", "privacy", "--n", "100", "--batch", "10",
                "--noise", "1", "--epochs", "1", "--conversion", "tight");
    }

    /** An option with an alias is named as typed: --holdout abc was answered about '--validation'. */
    @Test
    void anAliasedOptionIsNamedAsTyped() {
        String train = "Try 'ridgeline train --help' for the options.";
        assertUsageError("ridgeline: error: invalid value for option '--holdout': 'abc' is not a number", train,
                "train", "--holdout", "abc");
        assertUsageError("ridgeline: error: invalid value for option '--holdout': 'x' is not a number", train,
                "train", "--holdout=x");
        assertUsageError("ridgeline: error: invalid value for option '--validation': 'abc' is not a number", train,
                "train", "--validation", "abc");
    }

    /** The exact solver has no learning rate: a grid of them would only repeat the same fits. */
    @Test
    void learningRatesWithTheExactSolverAreRefused() {
        assertUsageError("ridgeline: error: --learning-rates does not apply to --solver exact, which solves the normal "
                + "equations without a learning rate", "Try 'ridgeline tune --help' for the options.",
                "tune", "--solver", "exact", "--learning-rates", "0.1,0.3", "--lambdas", "1", "--json");
    }

    /** Options the chosen solver never reads would otherwise be ignored in silence (and listed on the card). */
    @Test
    void optionsTheSolverIgnoresAreRefused() {
        String train = "Try 'ridgeline train --help' for the options.";
        assertUsageError("ridgeline: error: --epochs, --lr do not apply to --solver exact, which solves the normal "
                + "equations in one step", train, "train", "--solver", "exact", "--lr", "0.1", "--epochs", "5", "--json");
        assertUsageError("ridgeline: error: --patience does not apply to --solver exact, which solves the normal "
                + "equations in one step", train, "train", "--solver", "EXACT", "--patience", "3");
        assertUsageError("ridgeline: error: --batch-size does not apply to --solver gd, which takes every row each "
                + "epoch (mini-batches are --solver sgd)", train, "train", "--batch-size", "64");
        assertUsageError("ridgeline: error: --plateau does not apply to --solver gd, which takes every row each "
                + "epoch (mini-batches and their step schedule are --solver sgd)", train, "train", "--plateau", "5");
        assertUsageError("ridgeline: error: --plateau does not apply to --solver exact, which solves the normal "
                + "equations in one step", "Try 'ridgeline tune --help' for the options.",
                "tune", "--solver", "exact", "--plateau", "5", "--lambdas", "1");
        assertUsageError("ridgeline: error: --time-limit does not apply to --solver exact, which solves the normal "
                + "equations in one step", "Try 'ridgeline tune --help' for the options.",
                "tune", "--solver", "exact", "--time-limit", "5", "--lambdas", "1");
    }

    /**
     * Options that shape only what --no-output does not write, a delimiter for the embedded data, and Nesterov
     * without momentum did nothing in silence.
     */
    @Test
    void optionsTheRunWouldIgnoreAreRefused() {
        String train = "Try 'ridgeline train --help' for the options.";
        assertUsageError("ridgeline: error: --out, --model-name shape the output folder and its model card, which "
                + "--no-output does not write", train, "train", "--no-output", "--out", "x", "--model-name", "M");
        assertUsageError("ridgeline: error: --intended-use shapes the output folder and its model card, which "
                + "--no-output does not write", train, "train", "--intended-use", "iu.json", "--no-output");
        assertUsageError("ridgeline: error: --bootstrap without --sensitive sets only the resamples behind the model"
                + " card's metric intervals, which --no-output does not write", train, "train", "--bootstrap", "77",
                "--no-output");
        assertUsageError("ridgeline: error: --delimiter needs --data FILE: the embedded data is comma-separated",
                train, "train", "--delimiter", ";", "--no-output");
        assertUsageError("ridgeline: error: --delimiter needs --data FILE: the embedded data is comma-separated",
                "Try 'ridgeline tune --help' for the options.", "tune", "--delimiter", "tab", "--lambdas", "1");
        assertUsageError("ridgeline: error: --nesterov needs --momentum M (0 < M < 1), and does nothing without it",
                train, "train", "--nesterov", "--no-output");
        assertUsageError("ridgeline: error: --nesterov needs --momentum M (0 < M < 1), and does nothing without it",
                train, "train", "--nesterov", "--momentum", "0", "--no-output");
        assertEquals(0, CliRun.of("train", "--delimiter", ",", "--nesterov", "--momentum", "0.9", "--no-output").code());
    }

    /**
     * One column named by two options whose roles exclude each other, and a --delimiter that is not one character,
     * show on the command line alone: bad command lines (exit 2, before any data is read), as other conflicts are.
     * Both had been exit 3 without the pointer to --help. Names are compared as the reader matches them (trimmed).
     */
    @Test
    void oneColumnInTwoExclusiveRolesAndAMultiCharacterDelimiterAreUsageErrors() {
        String train = "Try 'ridgeline train --help' for the options.";
        assertUsageError("ridgeline: error: --categorical and --ignore both name the column 'age': a column left out is"
                + " not read, so it has no categories to encode; name it in one of them", train, "train",
                "--categorical", "age", "--ignore", "sex, age ", "--no-output");
        assertUsageError("ridgeline: error: --weights and --ignore both name the column 'bmi': the row weights cannot be"
                + " left out; name it in one of them", train, "train", "--weights", "bmi", "--ignore", "bmi", "--no-output");
        assertUsageError("ridgeline: error: --target and --ignore both name the column 'progression': the target"
                + " cannot be left out; name it in one of them", train, "train", "--target", "progression", "--ignore",
                "progression", "--no-output");
        assertUsageError("ridgeline: error: --target and --weights both name the column 'bmi': a column cannot be both"
                + " the target and the row weights; name it in one of them", "Try 'ridgeline tune --help' for the"
                + " options.", "tune", "--data", "absent.csv", "--target", "bmi", "--weights", "bmi", "--lambdas", "1");
        assertUsageError("ridgeline: error: --target and --categorical both name the column 'bmi': the target is a"
                + " number to predict, not categories; name it in one of them", train, "train", "--data", "absent.csv",
                "--target", "bmi", "--categorical", "sex,bmi", "--no-output");
        assertUsageError("ridgeline: error: --weights and --categorical both name the column 'sex': the row weights are"
                + " numbers, not categories; name it in one of them", train, "train", "--weights", "sex",
                "--categorical", "sex", "--no-output");
        assertUsageError("ridgeline: error: --delimiter must be one character or 'tab', got ';;' (2 characters)", train,
                "train", "--data", "absent.csv", "--delimiter", ";;", "--no-output");
        assertUsageError("ridgeline: error: --delimiter must be one character or 'tab', got '' (empty)",
                "Try 'ridgeline evaluate --help' for the options.", "evaluate", "--model", "absent.json", "--data",
                "absent.csv", "--delimiter", "");
        // Different columns in those roles run.
        assertEquals(0, CliRun.of("train", "--categorical", "sex", "--ignore", "age", "--holdout", "0",
                "--no-output").code());
    }

    /**
     * A column that groups rows (--sensitive, --stratify) is read even when --ignore leaves it out of the
     * features, so declaring it categorical too is no conflict: its categories are the groups.
     */
    @Test
    void anIgnoredGroupingColumnMayBeCategorical() {
        CliRun train = CliRun.of("train", "--sensitive", "sex", "--ignore", "sex", "--categorical", "sex", "--bootstrap",
                "0", "--no-output");
        assertEquals(0, train.code(), train.err());
        CliRun tune = CliRun.of("tune", "--stratify", "sex", "--ignore", "sex", "--categorical", "sex", "--lambdas",
                "0.1,1", "--folds", "3", "--no-output");
        assertEquals(0, tune.code(), tune.err());
    }

    /**
     * Options of a feature that is off did nothing in silence (--dp-clip without --dp trained the plain
     * model); combinations that cannot run were exit 3. Both are bad command lines.
     */
    @Test
    void optionsOfAFeatureThatIsOffAndImpossibleCombinationsAreRefused() {
        String train = "Try 'ridgeline train --help' for the options.";
        assertUsageError("ridgeline: error: --dp-clip, --dp-epochs need --dp, and do nothing without it", train,
                "train", "--dp-clip", "2", "--dp-epochs", "3", "--json");
        assertUsageError("ridgeline: error: --dp-secure-random needs --dp, and does nothing without it", train,
                "train", "--dp-secure-random");
        assertUsageError("ridgeline: error: --sensitive-bins needs --sensitive COL, and does nothing without it",
                train, "train", "--sensitive-bins", "5");
        assertUsageError("ridgeline: error: --mitigate-rounds needs --mitigate, and does nothing without it", train,
                "train", "--sensitive", "sex", "--mitigate-rounds", "5");
        assertUsageError("ridgeline: error: --mitigate needs --sensitive COL (the groups to protect)", train,
                "train", "--mitigate");
        assertUsageError("ridgeline: error: --mitigate and --dp cannot be combined: reweighting by group MSE is not "
                + "private", train, "train", "--sensitive", "sex", "--mitigate", "--dp");
        // Early stopping reads the validation loss under the rows' own weights, not the rounds' group weights: on
        // four groups of 1,000 to 15 rows it kept every round near the plain fit (the chosen round's weights after
        // epoch 1), so the model was no reweighted fit, and the held-out rows had steered each round.
        assertUsageError("ridgeline: error: --patience cannot be combined with --mitigate: early stopping reads the"
                + " validation loss without the group weights that each round fits, so it would stop the reweighted"
                + " fits where the plain fit does best; use --tol or --epochs", train, "train", "--sensitive",
                "sex", "--mitigate", "--patience", "5", "--json");
        assertUsageError("ridgeline: error: give at most one of --dp-noise and --dp-epsilon", train,
                "train", "--dp", "--dp-noise", "1", "--dp-epsilon", "2");
        // Without a held-out part there is no split for --stratify to shape (it had been accepted and ignored).
        assertUsageError("ridgeline: error: --stratify shapes the split into training, validation and test rows, and"
                + " there is none to make with --holdout 0 and no --test", train, "train", "--holdout", "0",
                "--stratify", "sex", "--no-output");
    }

    @Test
    void picocliSentencesBecomeOneLowerCaseLine() {
        assertEquals("unknown option: '--x'", UsageErrorHandler.oneLine("Unknown option: '--x'"));
        assertEquals("a; b", UsageErrorHandler.oneLine("a\n  b\n"));
        assertEquals("--epochs must be at least 1", UsageErrorHandler.oneLine("--epochs must be at least 1"));
        assertEquals("ONNX stays", UsageErrorHandler.oneLine("ONNX stays"));
    }

    /**
     * A misspelt option among --sensitive's columns had been read as one more column, refused after the data were
     * read (exit 3) with no nearest option. The word right after --sensitive stays its value; a number is a value.
     */
    @Test
    void aMisspeltOptionAfterSensitiveColumnsIsAnUnknownOption() {
        String train = "Try 'ridgeline train --help' for the options.";
        assertUsageError("ridgeline: error: unknown option '--bootsrap' among the values of --sensitive; did you mean"
                + " '--bootstrap'? (a value that starts with '-' goes in --sensitive's comma list, as in --sensitive a,-b)",
                train, "train", "--sensitive", "sex", "--bootsrap", "10", "--no-output");
        assertUsageError("ridgeline: error: unknown option '-x' among the values of --sensitive (a value that starts"
                + " with '-' goes in --sensitive's comma list, as in --sensitive a,-b)",
                train, "train", "--sensitive", "sex", "age", "-x", "--no-output");
        // The first word is the option's value, whatever it looks like: here a column the data do not have.
        CliRun first = CliRun.of("train", "--sensitive", "-x", "--no-output");
        assertEquals(Main.EXIT_DATA, first.code(), first.err());
        assertTrue(first.err().contains("sensitive column '-x' is not in the header"), first.err());
        // A known option ends the list as before, and the comma list still takes a name starting with '-'.
        CliRun known = CliRun.of("train", "--sensitive", "sex", "age", "--bootstrap", "0", "--no-output");
        assertEquals(0, known.code(), known.err());
        CliRun listed = CliRun.of("train", "--sensitive", "sex,-x", "--no-output");
        assertEquals(Main.EXIT_DATA, listed.code(), listed.err());
        assertTrue(listed.err().contains("sensitive column '-x' is not in the header"), listed.err());
        assertTrue(VariadicOptionCheck.looksLikeOption("--x") && VariadicOptionCheck.looksLikeOption("-b"));
        assertTrue(!VariadicOptionCheck.looksLikeOption("-1") && !VariadicOptionCheck.looksLikeOption("-2.5e3")
                && !VariadicOptionCheck.looksLikeOption("-") && !VariadicOptionCheck.looksLikeOption("x"));
    }
}
