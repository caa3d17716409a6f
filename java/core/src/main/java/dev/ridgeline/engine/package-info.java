/** The objective of section 1 for a batch of K models, the backend SPI, and backend selection with reasons. */
package dev.ridgeline.engine;
