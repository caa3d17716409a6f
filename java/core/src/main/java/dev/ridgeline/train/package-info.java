/** Training: gradient descent, SGD, momentum, step-size estimation, stopping rules, and the exact solver. */
package dev.ridgeline.train;
