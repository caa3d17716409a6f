package dev.ridgeline.bench.report;

/** Where and how the run happened, for the head of the summary. */
record RunConditions(String date, String command, String machine, String jvm, String loadBefore, String loadAfter) {
}
