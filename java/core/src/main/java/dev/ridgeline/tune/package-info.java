/** Hyper-parameter tuning: a lambda (and learning-rate) grid times k folds trained as one batch of models. */
package dev.ridgeline.tune;
