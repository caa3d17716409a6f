package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.ColumnNames;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.KFold;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.data.MissingValues;
import dev.ridgeline.data.ThreeWaySplit;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.model.ModelMetadata;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.train.OffSpanDrift;
import dev.ridgeline.train.RidgeFitter;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.StopReason;
import dev.ridgeline.train.TargetPrecision;
import dev.ridgeline.train.TargetShift;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The practitioner's pipeline behind {@code train}: missing values, a seeded train/validation/test split,
 * preprocessing fitted on the training rows only, training (with early stopping on the validation rows when
 * asked), metrics on every part, and a model that carries its preprocessing, metrics and provenance.
 */
final class TrainPipeline {
    /** The warning when --time-limit passed before one epoch ran (also used by {@code tune} for its refit). */
    static final String TIME_LIMIT_BEFORE_FIRST_EPOCH = "--time-limit passed before the first epoch (setting up, and"
            + " with --lr auto estimating the learning rate, took it): no training step ran, and the model is its"
            + " initial parameters (with --init zeros: every coefficient 0, the intercept the training mean of the"
            + " target); raise --time-limit";
    /** Early stopping without test rows: the only held-out figures come from the rows that chose the epoch. */
    static final String PATIENCE_WITHOUT_TEST = "--patience chose the weights kept on the validation rows (their"
            + " best read), so their metrics are optimistic; hold out test rows as well (--test 0.2) for figures no"
            + " choice saw";

    /**
     * What to do besides the data: split fractions, stratification or grouping (each null when not asked for),
     * lambda, patience, provenance, the columns the model records as ignored ({@code --ignore}, and the --group
     * column) and those of them the frame holds only to group rows by ({@code leftOut}: kept out of the features).
     */
    record Settings(double validation, double test, String stratify, String group, long seed, PreprocessingSpec spec,
            double lambda, int patience, String backend, Map<String, String> provenance, List<String> ignored,
            List<String> leftOut) {
    }

    private TrainPipeline() {
    }

    /**
     * Whether --patience made the validation rows choose the weights: it stopped the run, or kept a read before the
     * last epoch. A kept read that is the last epoch's is what the run would have kept without it.
     */
    static boolean patienceChose(TrainingResult result) {
        int kept = result.history().keptEpoch(0);
        return result.stopReason(0) == StopReason.EARLY_STOPPED || kept >= 0 && kept < result.epochs(0);
    }

    /** The pipeline with {@code fitStep} fitting the preprocessed training rows (DP-SGD, mitigation, or plain). */
    static TrainOutcome run(Frame raw, Settings s, TrainerConfig.Builder config, FitStep fitStep) {
        Frame frame = withoutMissing(raw, s.spec().missing(), s.stratify(), s.group());
        if (s.stratify() == null && s.group() == null) {
            // Named with the file and the options before the split, which would refuse none in its own words.
            requireTrainingRows(frame, raw.rows(), ThreeWaySplit.trainingRows(frame.rows(), s.validation(), s.test()),
                    s);
        }
        ShapedSplit shaped = split(frame, s.stratify(), s.group(), s.validation(), s.test(), s.seed());
        ThreeWaySplit split = shaped.split();
        Optional<String> roughSplit = shaped.sizeWarning();
        Map<String, Frame> parts = parts(frame, split);
        requireTrainingRows(frame, raw.rows(), split.train().length, s);
        // Before the preprocessing fit: on rows that all weigh 0 it would call every feature constant.
        requireWeight(parts.get("train"), "training");
        Optional<String> noValidation = EmptyHeldOutPart.warning("--holdout", s.validation(), "validation", frame.rows(),
                split.validation().length, s.stratify());
        Optional<String> noTest = EmptyHeldOutPart.warning("--test", s.test(), "test", frame.rows(), split.test().length,
                s.stratify());
        // Under --dp the warnings name columns but quote no statistic of the private rows.
        Frame inputs = featureFrame(frame, s.leftOut(), s.ignored(), s.group());
        Preprocessing pre = PreprocessingFitter.fit(inputs, split.train(), s.spec(), !(fitStep instanceof DpFit));
        if (fitStep instanceof DpFit) {
            // The model file must not publish each column's exact training mean beside the (epsilon, delta).
            pre = pre.withoutRecordedMeans();
        }
        for (String held : new String[] {"validation", "test"}) {
            if (parts.containsKey(held)) {
                HeldOutCategories.requireSeen(pre, parts.get(held), held, s.stratify(), s.group(),
                        split.train().length);
            }
        }
        Frame train = parts.get("train");
        TargetShift shift = TargetShift.meanOf(train.targetValues(), train.weightFloats());
        if (s.patience() > 0) {
            if (noValidation.isPresent()) {
                throw new IllegalArgumentException("--patience needs validation rows, and " + noValidation.get());
            }
            config.earlyStopping(problem(pre, parts.get("validation"), s.lambda(), shift), s.patience());
        }
        TrainerConfig built = config.build();
        if (!(fitStep instanceof DpFit)) {
            // Every solver takes the targets in float32. DP-SGD fits the targets unshifted, and this check's error
            // would publish their exact training mean.
            TargetPrecision.require(train, shift);
        }
        TrainingRows rows = new TrainingRows(WeightlessRows.cleared(pre.transform(train), train.weightFloats()),
                train.targetFloats(), train.weightFloats(),
                pre.featureNames(), train, s.lambda(), s.backend(), built, shift);
        FitStep.Fitted fitted = fitStep.fit(rows);
        TrainingResult result = fitted.training();
        LinearModel unscored = LinearModel.of(pre, frame.targetName(), result.parameters(), 0, ModelMetadata.empty());
        Map<String, RegressionMetrics> metrics = new LinkedHashMap<>();
        parts.forEach((name, part) -> metrics.put(name, metrics(unscored, part)));
        Map<String, String> provenance = new LinkedHashMap<>(s.provenance());
        parts.forEach((name, part) -> provenance.put("rows_" + name, Integer.toString(part.rows())));
        provenance.put("backend", fitted.backend());
        if (raw.hasWeights()) {
            provenance.put("weights", raw.weightName());
        }
        LinearModel model = unscored.withMetadata(new ModelMetadata(s.lambda(), metrics, provenance, s.ignored()));
        List<String> warnings = new ArrayList<>(pre.warnings());
        IdentifierColumns.warning(pre, train.rows()).ifPresent(warnings::add);
        DateColumns.warning(pre).ifPresent(warnings::add);
        DataShapeWarnings.caseVariants(pre).ifPresent(warnings::add);
        DataShapeWarnings.unseenWithoutCategories(pre).ifPresent(warnings::add);
        if (!(fitStep instanceof DpFit)) {
            // Under --dp the warning would publish the private rows' target value without noise.
            DataShapeWarnings.constantTarget(frame.targetName(), train.targetValues(), train.weightFloats(), "training")
                    .ifPresent(warnings::add);
        }
        roughSplit.ifPresent(warnings::add);
        if (!(fitStep instanceof DpFit)) {
            // Not under --dp: the count and the lines of copies are statistics of the private rows.
            CrossPartCopies.ofSplit(inputs, split.train(), split.validation(), split.test()).ifPresent(warnings::add);
        }
        noValidation.ifPresent(warnings::add);
        noTest.ifPresent(warnings::add);
        if (patienceChose(result) && !parts.containsKey("test")) {
            warnings.add(PATIENCE_WITHOUT_TEST);
        }
        parts.forEach((name, part) -> unweighedPart(part, name).ifPresent(warnings::add));
        for (String held : new String[] {"validation", "test"}) {
            if (parts.containsKey(held)) {
                unseenCategories(unscored, parts.get(held), held).ifPresent(warnings::add);
            }
        }
        int features = rows.x().cols();
        int weighing = OffSpanDrift.weighingRows(train.weightFloats(), train.rows());
        if (s.lambda() == 0 && built.solver() != Solver.EXACT && !(fitStep instanceof DpFit) && features >= weighing) {
            // The exact solver refuses this system (exit 4); gradient steps converge to one of its many minima, the
            // one nearest their start (steps move along the rows only). Rows of weight 0 pin down nothing.
            warnings.add(String.format(java.util.Locale.ROOT, "lambda 0 with %d features and %d training rows%s: the "
                    + "minimum is not unique, and this fit is one of many (the one nearest its start; with the columns "
                    + "centred, as --scale zscore does, the coefficients of least norm); use a lambda above 0",
                    features, weighing, weighing < train.rows() ? " of weight above 0" : ""));
        }
        if (!(fitStep instanceof DpFit)) {
            OffSpanWarning.of(rows.x(), rows.weights(), s.lambda(), s.spec().scale(), built, result)
                    .ifPresent(warnings::add);
        }
        droppedRows(raw.rows(), frame.rows()).ifPresent(warnings::add);
        if (fitStep instanceof DpFit dp && dp.result().hasFiniteEpsilon()) {
            // Without a finite epsilon there is no (epsilon, delta) for the preprocessing to qualify.
            DpPreprocessingWarning.of(pre, train).ifPresent(warnings::add);
        }
        if (fitStep.method() == null) {
            EpochLimitWarning.of("training", result, built, fitted.backend(), s.spec().scale())
                    .ifPresent(warnings::add);
            AboveStartWarning.of("training", result, built).ifPresent(warnings::add);
            // Not for weights early stopping kept, which stop short of the minimum by design, nor for a mitigated
            // model, the minimum of its groups' weights and not of the rows'.
            StopReason judged = patienceChose(result) || fitStep instanceof MitigationFit ? null : result.stopReason(0);
            CoordinateGainWarning.of(judged, rows.x(), train.targetValues(), rows.weights(), s.lambda(),
                    result.parameters(), pre.featureNames()).ifPresent(warnings::add);
            StepCollinearityWarning.of(judged, rows.problem(rows.weights()), pre.featureNames(), pre.features())
                    .ifPresent(warnings::add);
        }
        if (built.solver() == Solver.SGD && fitStep.method() == null) {
            ShortPlateauWarning.of(result.stopReason(0), built.plateauReads(), built.batchSize(), train.rows(),
                    built.momentum() > 0)
                    .ifPresent(warnings::add);
        }
        if (result.stopReason(0) == StopReason.TIME_LIMIT && result.epochs(0) == 0) {
            warnings.add(TIME_LIMIT_BEFORE_FIRST_EPOCH);
        }
        if (!(fitStep instanceof DpFit) && (built.solver() != Solver.EXACT || fitStep.method() != null)) {
            // Not under --dp: the warning quotes features' mean squares, statistics of the private rows
            // without noise (a rare category's share gives its row count away).
            SlowStepsWarning.of(result.stopReason(0), rows.x(), rows.weights(), s.lambda(), pre.featureNames(),
                    s.spec().scale(), built.tolerance(), !(fitStep instanceof MitigationFit)).ifPresent(warnings::add);
        }
        var fit = new RidgeFitter.Fit(model, result, fitted.backend(), fitted.backendReason());
        String method = fitStep.method() != null ? fitStep.method() : built.solver().label();
        double dpEpochs = fitStep instanceof DpFit dp ? dp.config().epochs() : Double.NaN;
        return new TrainOutcome(fit, built.solver(), method, parts, metrics, warnings, raw.rows(), dpEpochs,
                fitStep instanceof MitigationFit);
    }

    /**
     * The non-empty parts of the split by name: train, then validation and test when held out. Views of the
     * frame, not copies: the frame stays alive for the whole run anyway, and copies of every part held its
     * numbers twice while the float32 matrix was built and trained on.
     */
    private static Map<String, Frame> parts(Frame frame, ThreeWaySplit split) {
        Map<String, Frame> parts = new LinkedHashMap<>();
        parts.put("train", frame.viewRows(split.train()));
        if (split.validation().length > 0) {
            parts.put("validation", frame.viewRows(split.validation()));
        }
        if (split.test().length > 0) {
            parts.put("test", frame.viewRows(split.test()));
        }
        return parts;
    }

    /**
     * One model on the preprocessed rows of a part (null: the validation part is missing), its targets shifted
     * as the training targets are, so that the trainer's parameters predict them.
     */
    private static Problem problem(Preprocessing pre, Frame part, double lambda, TargetShift shift) {
        if (part == null) {
            throw new IllegalArgumentException("--patience needs validation rows: set --holdout above 0");
        }
        requireWeight(part, "validation", "--patience has no validation loss to stop on: hold out more rows"
                + " (--holdout) or leave --patience out");
        return Problem.builder(pre.transform(part)).model(shift.apply(part.targetValues()), part.weightFloats(), lambda)
                .build();
    }

    /**
     * Under --unseen zeros, a held-out part's rows of a category no training row has are scored as none of the
     * known categories: the warning that says so, as predict's does, or empty.
     */
    static Optional<String> unseenCategories(LinearModel model, Frame part, String partName) {
        UnseenCategories unseen = new UnseenCategories(model, "scored as none of the known ones");
        unseen.count(part);
        return unseen.warning().map(w -> partName + " rows: " + w);
    }

    /** Metrics of the model on a part, weighted by its row weights when it has them. */
    static RegressionMetrics metrics(LinearModel model, Frame part) {
        return RegressionMetrics.of(part.targetValues(), model.predict(part), part.weightFloats());
    }

    /**
     * At least two training rows: with one, every column is constant on the training rows and the fitter's
     * error would say so, not that the split left too few rows.
     */
    private static void requireTrainingRows(Frame frame, int readRows, int trainRows, Settings s) {
        if (trainRows >= 2) {
            return;
        }
        String rows = RowCount.kept(frame.rows(), readRows);
        if (trainRows == frame.rows()) {
            throw new DataException(frame.source() + ": " + rows + " of data; training needs at least 2");
        }
        throw new DataException(String.format(java.util.Locale.ROOT, "%s: %s leave%s %d for training after the "
                + "validation (--holdout %s) and test (--test %s) rows are set aside; training needs at least 2: give "
                + "more rows or hold out fewer", frame.source(), rows, frame.rows() == 1 ? "s" : "", Math.max(0, trainRows),
                plain(s.validation()), plain(s.test())));
    }

    /**
     * 0.2 rather than 0.20000000000000001 or 2.0E-1; a value whose plain form runs past 20 characters (1e-300, a
     * valid --dp-epochs) in scientific notation, 1E-300, rather than 300 digits. Infinities and NaN as Java
     * spells them.
     */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        java.math.BigDecimal exact = java.math.BigDecimal.valueOf(value).stripTrailingZeros();
        String plain = exact.toPlainString();
        return plain.length() <= 20 ? plain : exact.toString();
    }

    /**
     * Refuses a part whose row weights are all 0 (there is nothing to fit) or leave one row above 0: every column
     * is then constant on the rows that count, and the fitter's error had said only that.
     */
    static void requireWeight(Frame part, String name) {
        requireWeight(part, name, "nothing to fit");
        if (part.hasWeights() && OffSpanDrift.weighingRows(part.weightFloats(), part.rows()) == 1) {
            throw new DataException(part.source() + ": only 1 of the " + part.rows() + " " + name + " rows has a weight"
                    + " above 0 in '" + ColumnNameText.shown(part.weightName()) + "'; training needs at least 2");
        }
    }

    /** Refuses a part whose row weights are all 0, saying {@code why} that stops the run. */
    private static void requireWeight(Frame part, String name, String why) {
        if (!weighsNothing(part)) {
            return;
        }
        throw new DataException(part.source() + ": every one of the " + part.rows() + " " + name + " rows has weight 0"
                + " in '" + ColumnNameText.shown(part.weightName()) + "'; " + why);
    }

    /** Whether the part has row weights and every one is 0. */
    private static boolean weighsNothing(Frame part) {
        if (!part.hasWeights()) {
            return false;
        }
        for (int i = 0; i < part.rows(); i++) {
            if (part.weight(i) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The warning for a held-out part whose row weights are all 0 (a few weighted rows can all land in
     * training): its weighted metrics divide by a weight sum of 0 and are NaN. Else empty.
     */
    static Optional<String> unweighedPart(Frame part, String name) {
        return weighsNothing(part) ? Optional.of(String.format(java.util.Locale.ROOT, "every one of the %d %s rows"
                + " has weight 0 in '%s', so their weighted metrics are undefined (NaN)", part.rows(), name,
                ColumnNameText.shown(part.weightName()))) : Optional.empty();
    }

    /** The warning for rows that --missing drop removed (train and tune), else empty. */
    /**
     * The frame without the columns read only to group rows by ({@code leftOut}: --ignore'd, --group, --stratify
     * or --sensitive columns that are no features); when that leaves no feature, the error the reader gives for a
     * file of no features, counting the --ignore columns ({@code ignored} less the --group column {@code group},
     * or null) and naming the others kept out (a --group column had been counted as "1 left out (--ignore)" with
     * no --ignore given).
     */
    static Frame featureFrame(Frame frame, List<String> leftOut, List<String> ignoredAndGroup, String group) {
        Frame features = frame.withoutColumns(leftOut);
        if (features.columns() == 0) {
            List<String> ignored = ignoredAndGroup.stream().filter(c -> !c.equals(group)).toList();
            List<String> grouping = leftOut.stream().filter(c -> !ignored.contains(c)).toList();
            throw new DataException(frame.source() + ": there are no feature columns besides the target '"
                    + frame.targetName() + "'" + (frame.hasWeights() ? " and the row weights '" + frame.weightName()
                    + "'" : "") + (ignored.isEmpty() ? "" : " and the " + ignored.size() + " left out (--ignore)")
                    + (grouping.isEmpty() ? "" : " and the columns kept out of the features to group the rows ("
                            + grouping.stream().map(c -> "'" + DataException.shown(c) + "'")
                                    .collect(java.util.stream.Collectors.joining(", ")) + ")"));
        }
        return features;
    }

    static Optional<String> droppedRows(int read, int kept) {
        return read == kept ? Optional.empty()
                : Optional.of((read - kept) + " of " + read + " rows had missing values and were dropped");
    }

    /** A split and the warning for parts that came out far from their sizes (stratified or grouped), if any. */
    record ShapedSplit(ThreeWaySplit split, Optional<String> sizeWarning) {
    }

    /**
     * The rows of {@code frame} split into training, validation and test: at random, stratified by the column
     * {@code stratify}, or keeping each value of the column {@code group} in one part (at most one of the two).
     */
    static ShapedSplit split(Frame frame, String stratify, String group, double validation, double test, long seed) {
        if (group != null) {
            String[] units = groupLabels(frame, group, "--group");
            ThreeWaySplit split;
            try {
                split = ThreeWaySplit.grouped(units, validation, test, seed);
            } catch (DataException e) {
                throw new DataException(frame.source() + ": --group " + group + ": " + e.getMessage());
            }
            return new ShapedSplit(split, SplitSizes.grouped(group, units, split, validation, test));
        }
        if (stratify != null) {
            String[] strata = groupLabels(frame, stratify, "--stratify");
            ThreeWaySplit split;
            try {
                split = ThreeWaySplit.stratified(strata, validation, test, seed);
            } catch (DataException e) {
                // Each stratum is cut by the fractions, so a rare value needs rows for every part.
                throw new DataException(frame.source() + ": --stratify " + stratify + ": " + e.getMessage()
                        + "; each value of the column is split by --holdout and --test, so lower them, or stratify by a"
                        + " column without so rare a value");
            }
            return new ShapedSplit(split, SplitSizes.stratified(stratify, strata, split, validation, test));
        }
        return new ShapedSplit(ThreeWaySplit.of(frame.rows(), validation, test, seed), Optional.empty());
    }

    /**
     * {@link MissingValues#apply}, after checking that the --stratify and --group columns (each null when not
     * given) have a value in every row unless {@code policy} drops rows: imputation cannot fill them (it comes
     * after the split), and the policy's own error had offered mean or median imputation for them.
     */
    static Frame withoutMissing(Frame raw, MissingPolicy policy, String stratify, String group) {
        if (policy != MissingPolicy.DROP) {
            if (stratify != null && raw.indexOf(stratify) >= 0) {
                groupLabels(raw, stratify, "--stratify");
            }
            if (group != null && raw.indexOf(group) >= 0) {
                groupLabels(raw, group, "--group");
            }
        }
        return MissingValues.apply(raw, policy);
    }

    /** k folds of {@code rows}: at random, stratified by {@code stratify}, or grouped by {@code group}. */
    static KFold folds(Frame rows, String stratify, String group, int k, long seed) {
        if (group != null) {
            String[] units = groupLabels(rows, group, "--group");
            try {
                return KFold.grouped(units, k, seed);
            } catch (DataException e) {
                throw new DataException(rows.source() + ": --group " + group + ": " + e.getMessage());
            }
        }
        return stratify == null ? KFold.of(rows.rows(), k, seed)
                : KFold.stratified(groupLabels(rows, stratify, "--stratify"), k, seed);
    }

    /**
     * One label per row from column {@code name} (of {@code option}, --stratify or --group): categories as they
     * are, numbers as written by Java.
     */
    static String[] groupLabels(Frame frame, String name, String option) {
        int c = frame.indexOf(name);
        if (c < 0 && name.equals(frame.targetName())) {
            throw new DataException(frame.source() + ": " + option + " " + name + " names the target; " + (option.equals(
                    "--group") ? "group by a column that identifies the unit each row measures (a patient, a site)"
                    : "stratify by a feature or an --ignore'd column (to keep the target's spread in every part, bin it"
                    + " into a column of its own and stratify by that)"));
        }
        if (c < 0 && name.equals(frame.weightName())) {
            throw new DataException(frame.source() + ": " + option + " " + name + " is the row weights column (--weights),"
                    + " which weighs the rows and labels none; " + option.substring(2) + " by another column");
        }
        if (c < 0) {
            throw new DataException(frame.source() + ": no column named '" + ColumnNameText.shown(name) + "' to " + option.substring(2)
                    + " by" + ColumnNames.didYouMean(name, frame.names()) + "; the columns are "
                    + ColumnNames.listed(frame.names()));
        }
        String[] out = new String[frame.rows()];
        for (int i = 0; i < out.length; i++) {
            boolean numeric = frame.kind(c) == ColumnKind.NUMERIC;
            out[i] = numeric ? Double.toString(frame.number(c, i)) : frame.label(c, i);
            if (numeric ? Double.isNaN(frame.number(c, i)) : out[i] == null) {
                // Imputation comes after the split, so a missing value has no group to be split with.
                throw new DataException(frame.where(c, i) + ": " + option + " needs a value in every row, and this one"
                        + " is missing (values are imputed only after the split): fill it, or use --missing drop");
            }
        }
        return out;
    }
}
