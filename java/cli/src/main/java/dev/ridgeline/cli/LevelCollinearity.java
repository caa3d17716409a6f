package dev.ridgeline.cli;

import dev.ridgeline.preprocess.EncodedFeature;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.train.NearCollinearity;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact solver's warning of a nearly collinear column ({@link NearCollinearity}) where the column and its
 * partner are one-hot levels of one categorical column. A categorical column's levels sum to 1 in every row, as
 * the intercept's column does, so under a small lambda the solve names one of them (100,000 rows of three colours,
 * lambda 1e-6: the three level coefficients moved together by 0.013-0.017 against lambda 0.01, the intercept the
 * other way, under every --scale), and its remedy "dropping one of the columns" is one the user cannot take: the
 * encoding makes the levels. Such a warning keeps its figures and gets a remedy that names the categorical column.
 */
final class LevelCollinearity {
    private LevelCollinearity() {
    }

    /** {@code warnings} with each such warning reworded; the others unchanged, in order. */
    static List<String> reworded(List<String> warnings, Preprocessing pre) {
        List<String> out = new ArrayList<>(warnings.size());
        for (String w : warnings) {
            out.add(reworded(w, pre));
        }
        return out;
    }

    private static String reworded(String warning, Preprocessing pre) {
        if (!warning.endsWith(NearCollinearity.REMEDY)) {
            return warning;
        }
        List<EncodedFeature> features = pre.features();
        for (EncodedFeature column : features) {
            if (!column.oneHot() || !warning.contains("column '" + column.name() + "' is almost a linear combination")) {
                continue;
            }
            for (EncodedFeature partner : features) {
                if (partner != column && partner.oneHot() && partner.input() == column.input()
                        && warning.contains(" with '" + partner.name() + "'):")) {
                    String input = pre.inputs().get(column.input()).name();
                    return warning.substring(0, warning.length() - NearCollinearity.REMEDY.length())
                            + "a larger lambda makes them well determined (both are one-hot levels of the categorical"
                            + " column '" + input + "', whose levels sum to 1 in every row as the intercept's column"
                            + " does, so lambda alone sets the coefficients along their sum; no level can be dropped)";
                }
            }
        }
        return warning;
    }
}
