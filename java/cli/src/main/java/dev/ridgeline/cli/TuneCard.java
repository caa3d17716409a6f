package dev.ridgeline.cli;

import dev.ridgeline.card.AuthorStatements;
import dev.ridgeline.card.ModelCard;
import dev.ridgeline.card.ModelCardJson;
import dev.ridgeline.card.ModelCardMarkdown;
import dev.ridgeline.card.ModelCardWriter;
import dev.ridgeline.card.PrivacyInfo;
import dev.ridgeline.card.Provenance;
import dev.ridgeline.card.Sha256;
import dev.ridgeline.data.Frame;
import dev.ridgeline.eval.CvPoint;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.explain.LinearShap;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TrainingResult;
import dev.ridgeline.tune.Tuner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The model card of a {@code tune} run: its refitted model is as deployable as {@code train}'s, so it gets
 * the same sections. What differs: how lambda was chosen (k-fold cross-validation over the grid, the rule,
 * the chosen setting's CV error), metrics on the test rows the tuning never saw (else the in-sample figures,
 * said to be so), and no fairness or privacy assessment ({@code tune} has neither option).
 */
final class TuneCard {
    /** What the run knew when its folder was written. */
    record Run(LinearModel model, byte[] modelFile, Tuner.Result result, int folds, boolean oneStandardError,
            Frame tuning, Frame testRows, int rowsRead, long seed, Solver solver, String backend,
            String backendReason, PreprocessingSpec preprocessing, boolean sharedPreprocessing,
            Map<String, RegressionMetrics> metrics, List<String> warnings) {
    }

    private TuneCard() {
    }

    /** model-card.md and model-card.json into the folder, beside cv.png, which the card links when it is drawn. */
    static void write(OutputFolder folder, CommandSpec spec, Predicate<String> unused, Run run,
            CardAuthorOptions author, boolean plots) {
        ModelCard card = card(spec, unused, run, author, plots);
        folder.add(ModelCardWriter.MARKDOWN_FILE, ModelCardMarkdown.render(card).getBytes(StandardCharsets.UTF_8));
        folder.add(ModelCardWriter.JSON_FILE, ModelCardJson.render(card).getBytes(StandardCharsets.UTF_8));
    }

    private static ModelCard card(CommandSpec spec, Predicate<String> unused, Run run, CardAuthorOptions author,
            boolean plots) {
        LinearModel model = run.model();
        Map<String, String> provenance = model.metadata().provenance();
        String source = provenance.getOrDefault("data", "the data");
        ModelCard.Details details = details(run, author.name(source));
        int test = run.testRows() == null ? 0 : run.testRows().rows();
        String split = test == 0 ? "none held out: every row took part in the cross-validation and the refit"
                : CardAssembler.splitKind(spec, run.seed()) + ": " + run.tuning().rows() + " tuning rows (the "
                        + run.folds() + "-fold cross-validation and the refit), " + test + " test rows";
        ModelCard.DataInfo data = new ModelCard.DataInfo(source, source, provenance.get("data_sha256"),
                run.tuning().rows() + test, run.rowsRead(), model.featureNames(), model.targetName(),
                PreprocessingText.steps(model.preprocessing(), run.preprocessing(),
                        model.metadata().ignoredColumns(), CardAssembler.groupColumn(spec),
                        CardAssembler.weightsOf(run.tuning())), split);
        LinearShap shap = LinearShap.fit(model, run.tuning());
        CoefficientTable table = CoefficientTable.of(model, shap.meanAbsolutePhi(run.tuning()));
        AuthorStatements stated = author.statements();
        return new ModelCard(details, stated.intendedUse(), CardAssembler.stewardship(stated.stewardship(),
                provenance.get("data_sha256")),
                data, training(spec, unused, run), metrics(run),
                ModelCard.Fairness.notAssessed(), PrivacyInfo.none(),
                new ModelCard.Explanation(shap.base(), "the " + run.tuning().rows() + " tuning rows"
                        + (run.tuning().hasWeights() ? ", weighted by their row weights" : "") + "; SHAP in the "
                        + "model's input space, the encoded features before scaling", table),
                Provenance.capture(CardAssembler.created(model), provenance.getOrDefault("command", "ridgeline tune"),
                        CardAssembler.libraries()),
                plots ? List.of(new ModelCard.PlotLink("Cross-validation error by lambda", "cv.png")) : List.of(),
                run.warnings());
    }

    /**
     * The model details of the run's refitted model, where it ran in train's card's words: the GPU named on the
     * CUDA backend (the host's CPU alone had been given), and an exact solve's own place, in double on the CPU.
     */
    static ModelCard.Details details(Run run, String name) {
        LinearModel model = run.model();
        return new ModelCard.Details(name, Provenance.currentVersion(),
                CardAssembler.createdDate(model),
                CardAssembler.where(run.backend(), run.backendReason(), run.solver() == Solver.EXACT),
                CardAssembler.hardware(run.backend()), "ridge regression (linear, L2-regularised)", TrainArtifacts.MODEL,
                Sha256.of(run.modelFile()));
    }

    private static ModelCard.Training training(CommandSpec spec, Predicate<String> unused, Run run) {
        Map<String, String> settings = CardAssembler.settings(spec, unused);
        Tuner.Result r = run.result();
        CvPoint chosen = r.cv().chosenPoint();
        String group = CardAssembler.valueOf(spec, "--group");
        settings.put("method", run.folds() + "-fold cross-validation" + (group == null ? ""
                : " keeping the rows of each " + group + " in one fold") + " over " + r.cv().points().size()
                + " settings, then a refit of the chosen one on every tuning row " + (run.sharedPreprocessing()
                        ? "(the preprocessing was fitted once on all tuning rows, not per fold: --shared-preprocessing)"
                        : "(each fold's preprocessing fitted on its training rows alone, the refit's on every tuning "
                                + "row)"));
        settings.put("choice", run.oneStandardError()
                ? "the largest lambda whose mean CV MSE is within one standard error of the best (--one-se)"
                : "the least mean CV MSE");
        settings.put("chosen lambda", r.lambda() + (run.solver() == Solver.EXACT || Double.isNaN(r.learningRate())
                ? "" : ", learning rate " + r.learningRate()));
        String weighted = run.tuning().hasWeights() ? "; each fold's MSE weighted by '" + run.tuning().weightName()
                + "', the folds averaged equally" : "";
        settings.put("its CV MSE", format(chosen.mean()) + " (std over folds " + format(chosen.std()) + weighted
                + (run.sharedPreprocessing() ? "; each fold's held-out rows fitted the preprocessing of its fits" : "")
                + (r.cv().points().size() == 1 ? "" : "; chosen by these same errors")
                + (run.sharedPreprocessing() || r.cv().points().size() > 1
                        ? ", so optimistic as an estimate of the error on new data)" : ")"));
        settings.put("best lambda by mean CV MSE", Double.toString(r.cv().bestPoint().lambda()));
        TrainingResult refit = r.refit();
        if (run.solver() == Solver.EXACT) {
            settings.put("refit", "exact: the normal equations of the data as held (float32), by Cholesky in double");
        } else {
            settings.put("refit epochs run", Integer.toString(refit.epochs(0)));
            settings.put("refit stop reason", refit.stopReason(0).name().toLowerCase(Locale.ROOT).replace('_', ' '));
            double rate = refit.learningRates()[0];
            settings.put("refit learning rate used", Double.isNaN(rate) ? "not estimated" : format(rate));
        }
        settings.put("refit training loss", String.format(Locale.ROOT, "%.10g (the objective on the tuning rows)",
                refit.finalLoss(0)));
        return new ModelCard.Training(settings, run.seed());
    }

    /** The refit on the test rows when there are some; else its in-sample figures, said to be so. */
    private static List<ModelCard.MetricEntry> metrics(Run run) {
        boolean held = run.metrics().containsKey("test");
        RegressionMetrics m = run.metrics().get(held ? "test" : "train");
        String rows = held ? "test rows (" + run.testRows().rows() + ", never seen by the tuning)"
                : "tuning rows (" + run.tuning().rows() + ", in-sample: they chose lambda and trained the model)";
        // As train's card: with row weights the figures are weighted, and the labels say by which column.
        String by = run.tuning().hasWeights() ? run.tuning().weightName() : null;
        String part = held ? "test" : "tuning";
        int count = held ? run.testRows().rows() : run.tuning().rows();
        List<ModelCard.MetricEntry> out = new ArrayList<>();
        out.add(ModelCard.MetricEntry.point("mse", part, count, by, rows, m.mse()));
        out.add(ModelCard.MetricEntry.point("rmse", part, count, by, rows, m.rmse()));
        out.add(ModelCard.MetricEntry.point("mae", part, count, by, rows, m.mae()));
        out.add(ModelCard.MetricEntry.point("r2", part, count, by, rows, m.r2()));
        return out;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
