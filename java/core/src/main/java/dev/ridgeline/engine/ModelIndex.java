package dev.ridgeline.engine;

/**
 * The range check of a per-model accessor (k of K models), shared so that every holder of per-model values
 * names a wrong k the same way: "model 5 of a problem of 1 model", where the JDK's "Index 5 out of bounds for
 * length 1" had named neither the model nor the holder. Once per call of an accessor, never per element.
 */
public final class ModelIndex {
    private ModelIndex() {
    }

    /**
     * k itself when {@code 0 <= k < models}.
     *
     * @param holder how the message names the holder, with its preposition: "of a problem of", "of parameters for"
     * @throws IndexOutOfBoundsException otherwise, naming k, the holder and how many models it has
     */
    public static int checked(int k, int models, String holder) {
        if (k < 0 || k >= models) {
            throw new IndexOutOfBoundsException("model " + k + " " + holder + " " + models
                    + (models == 1 ? " model" : " models"));
        }
        return k;
    }
}
