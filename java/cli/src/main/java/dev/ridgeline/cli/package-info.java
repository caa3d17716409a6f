/** The ridgeline command line: picocli subcommands, reports, exit codes. */
package dev.ridgeline.cli;
