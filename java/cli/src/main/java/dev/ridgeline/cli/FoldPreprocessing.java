package dev.ridgeline.cli;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.KFold;
import dev.ridgeline.preprocess.NoFeaturesException;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.UnseenCategory;
import dev.ridgeline.tune.Tuner;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tune}'s preprocessing refitted inside each fold: fold f's models see the tuning rows encoded by a
 * preprocessing fitted on f's training rows alone (scaling, imputed values, categories), as a pipeline
 * refitted per fold, so that no statistic of a held-out fold reaches its training. A held-out row whose category
 * its fold's training rows never held is encoded as none of the known ones (whatever --unseen says, which is
 * for the refit and new data): such rows are counted for one warning.
 */
final class FoldPreprocessing {
    private final Frame features;
    private final Frame rows;
    private final KFold folds;
    private final PreprocessingSpec spec;
    private long unseenRows;
    private String first;
    /** The refit's features (its preprocessing fitted on every tuning row), against which a fold's are compared. */
    private final List<String> refitFeatures;
    /** Each refit feature that some fold's preprocessing left out, with those folds (numbered from 1). */
    private final java.util.Map<String, java.util.SortedSet<Integer>> leftOut = new java.util.LinkedHashMap<>();
    /** Folds whose held-out rows were counted for unseen categories. */
    private final Set<Integer> counted = new HashSet<>();
    /** Folds (numbered from 1) whose training rows left no feature. */
    private final java.util.SortedSet<Integer> featureless = new java.util.TreeSet<>();

    /**
     * @param features the tuning rows' feature columns (what the preprocessing is fitted on)
     * @param rows the tuning rows (what is encoded; the folds index them)
     */
    FoldPreprocessing(Frame features, Frame rows, KFold folds, PreprocessingSpec spec, List<String> refitFeatures) {
        this.features = features;
        this.rows = rows;
        this.folds = folds;
        this.spec = new PreprocessingSpec(spec.missing(), spec.scale(), UnseenCategory.ZEROS);
        this.refitFeatures = List.copyOf(refitFeatures);
    }

    /**
     * Fold f's input: every tuning row (m, n_f) encoded by the fit on f's training rows; no columns when every
     * feature is constant on them (the fold's fits then predict its training mean, as a pipeline's would).
     */
    Tuner.FoldInput input(int f) {
        Preprocessing fitted;
        try {
            fitted = PreprocessingFitter.fit(features, folds.training(f), spec);
        } catch (NoFeaturesException e) {
            featureless.add(f + 1);
            return new Tuner.FoldInput(DenseMatrix.zeros(rows.rows(), 0), List.of());
        }
        if (counted.add(f)) {
            countUnseen(fitted, folds.heldOut(f));  // once a fold, though the singular-system search asks again
        }
        Set<String> kept = new HashSet<>(fitted.featureNames());
        for (String feature : refitFeatures) {
            if (!kept.contains(feature)) {
                leftOut.computeIfAbsent(feature, name -> new java.util.TreeSet<>()).add(f + 1);
            }
        }
        return new Tuner.FoldInput(WeightlessRows.cleared(fitted.transform(rows), rows.weightFloats()),
                fitted.featureNames());
    }

    /**
     * The warning for features of the refit that some folds' fits went without (constant or without a value on
     * those folds' training rows, or a category they never held), once every fold's input was made: a CV error
     * then comes from a model with fewer features than the one refitted.
     */
    Optional<String> leftOutWarning() {
        if (leftOut.isEmpty()) {
            return Optional.empty();
        }
        List<String> named = leftOut.entrySet().stream().limit(10).map(e -> String.format(Locale.ROOT, "'%s' in fold%s %s",
                ColumnNameText.shown(e.getKey()), e.getValue().size() == 1 ? "" : "s", e.getValue().stream()
                        .map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", ")))).toList();
        return Optional.of(String.format(Locale.ROOT, "%d of the refit's %d features %s left out of some folds' fits "
                + "(constant or without a value on those folds' training rows, or a category they never held): %s%s",
                leftOut.size(), refitFeatures.size(), leftOut.size() == 1 ? "was" : "were", String.join("; ", named),
                leftOut.size() > 10 ? "; and " + (leftOut.size() - 10) + " more" : ""));
    }

    /** The warning for folds whose training rows left no feature, once every fold's input was made. */
    Optional<String> featurelessWarning() {
        if (featureless.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "every feature is constant on the training rows of fold%s %s of"
                + " %d: %s fits predict the mean of those rows at every setting", featureless.size() == 1 ? "" : "s",
                featureless.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")),
                folds.k(), featureless.size() == 1 ? "its" : "their"));
    }

    /** Held-out rows of a category unknown to their fold's fit (a row counts once, whatever its columns). */
    private void countUnseen(Preprocessing fitted, int[] heldOut) {
        UnseenCategories unseen = new UnseenCategories(fitted, "");
        unseen.count(rows.viewRows(heldOut));
        unseenRows += unseen.unseenRows();
        first = first == null ? unseen.first() : first;
    }

    /** The warning, once every fold's input was made, when a held-out row held a category new to its fold. */
    Optional<String> unseenWarning() {
        if (unseenRows == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%d of the %d tuning rows held, in their held-out fold, a category"
                + " that fold's training rows lacked (first: %s): the fold's fits scored them as none of the known"
                + " ones", unseenRows, rows.rows(), first));
    }
}
