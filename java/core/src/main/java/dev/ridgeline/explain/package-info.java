/**
 * Explanations of linear models: exact interventional SHAP values in the model's input space, checked for
 * additivity; global importance (mean |phi|); coefficient tables in standardised and original units.
 */
package dev.ridgeline.explain;
