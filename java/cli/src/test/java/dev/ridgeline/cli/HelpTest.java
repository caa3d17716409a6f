package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every subcommand has help that names its options; the top level lists the subcommands and exit codes. */
class HelpTest {
    @Test
    void topLevelHelpListsSubcommandsAndExitCodes() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code());
        for (String sub : new String[] {"train", "tune", "evaluate", "predict", "export", "info"}) {
            assertTrue(r.out().contains("  " + sub + " "), sub + " in " + r.out());
        }
        assertTrue(r.out().contains("Exit codes:"), r.out());
    }

    @Test
    void subcommandHelpNamesTheOptions() {
        String[][] expected = {
            {"train", "--missing", "--scale", "--test", "--patience", "--out", "--json"},
            {"tune", "--lambdas", "--folds", "--one-se", "--stratify", "--json"},
            {"evaluate", "--model", "--data", "--json"},
            {"predict", "--model", "--data", "--out", "--json"},
            {"export", "--model", "--onnx", "--json"},
        };
        for (String[] e : expected) {
            CliRun r = CliRun.of(e[0], "--help");
            assertEquals(0, r.code(), e[0]);
            for (int i = 1; i < e.length; i++) {
                assertTrue(r.out().contains(e[i]), e[0] + " help lacks " + e[i]);
            }
        }
    }

    /** {@code --help train} gives train's help, as {@code train --help} does; it had given the top level's. */
    @Test
    void helpBeforeASubcommandGivesTheSubcommandsHelp() {
        for (String flag : new String[] {"--help", "-h"}) {
            CliRun r = CliRun.of(flag, "train");
            assertEquals(0, r.code(), flag);
            assertEquals(CliRun.of("train", "--help").out(), r.out(), flag);
        }
    }

    /** Taken from the command tree, so a subcommand added later is covered without editing this list. */
    /** help reads one command name; more words had been passed over without a word. */
    @Test
    void helpWithMoreThanOneWordIsABadCommandLine() {
        CliRun r = CliRun.of("help", "train", "extra");
        assertEquals(Main.EXIT_USAGE, r.code(), r.err());
        assertEquals("ridgeline: error: help takes one command name, got 2 words: 'train extra'\n"
                + "Try 'ridgeline help train' for its options.", r.err().strip());
        assertEquals("", r.out());
        assertEquals(0, CliRun.of("help", "train").code());
    }

    @Test
    void everySubcommandAnswersHelpWithExitZero() {
        var subcommands = Main.commandLine().getSubcommands();
        assertTrue(subcommands.size() >= 10, subcommands.keySet().toString());
        for (var e : subcommands.entrySet()) {
            CommandLine sub = e.getValue();
            CliRun r = CliRun.of(e.getKey(), "--help");
            assertEquals(0, r.code(), e.getKey() + " --help: " + r.err());
            assertTrue(r.out().contains("Usage: ridgeline " + sub.getCommandName()), e.getKey() + ": " + r.out());
            assertEquals("", r.err(), e.getKey());
        }
    }

    /** The keys that a --json option's description lists are those the command prints (commands that need no input). */
    @Test
    void jsonHelpListsEveryKeyPrinted() throws Exception {
        String[][] commands = {
            {"info", "--json"},
            {"privacy", "--n", "1000", "--batch", "10", "--noise", "1", "--epochs", "1", "--json"},
        };
        for (String[] command : commands) {
            CliRun r = CliRun.of(command);
            assertEquals(0, r.code(), command[0] + ": " + r.err());
            String help = CliRun.of(command[0], "--help").out().replaceAll("\\s+", " ");
            String keys = help.substring(help.indexOf("(keys: "), help.indexOf(")", help.indexOf("(keys: ")));
            var printed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).fieldNames();
            while (printed.hasNext()) {
                String key = printed.next();
                assertTrue(keys.matches(".*[ ,:]" + key + "\\b.*"), command[0] + " --help lacks key " + key + ": " + keys);
            }
        }
    }

    @Test
    void lrAutoHelpGivesTheMiniBatchRate() {
        for (String sub : new String[] {"train", "tune"}) {
            String help = CliRun.of(sub, "--help").out().replaceAll("\\s+", " ");
            assertTrue(help.contains("1/L for gd"), sub + ": " + help);
            assertTrue(help.contains("1/(2 L_b) for sgd"), sub + ": " + help);
        }
    }

    /**
     * --time-limit bounds each training run, and train --mitigate runs one per round: with --mitigate-rounds 5 a
     * limit of 1 s took 8.5 s (200,000 rows), which the help, saying "per training run", did not tell.
     */
    @Test
    void timeLimitHelpSaysEveryMitigationRoundHasItsOwn() {
        String help = CliRun.of("train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--mitigate: each round, so up to --mitigate-rounds + 1 times it"), help);
    }

    @Test
    void tolHelpMeasuresFromZeroCoefficientsUnderARandomStartToo() {
        // The trainer measures --tol from the gradient at zero coefficients whatever --init is; "its initial value"
        // had named the random start's own gradient, which holds the random part.
        for (String sub : new String[] {"train", "tune"}) {
            String help = CliRun.of(sub, "--help").out().replaceAll("\\s+", " ");
            assertTrue(help.contains("TOL times its value at zero coefficients (the start; under --init random too)"),
                    sub + ": " + help);
        }
    }
}
