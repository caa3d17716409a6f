/**
 * Preprocessing fitted on training rows only: imputation of missing values, one-hot encoding of categorical
 * columns (and the unseen-category policy), and scaling.
 */
package dev.ridgeline.preprocess;
