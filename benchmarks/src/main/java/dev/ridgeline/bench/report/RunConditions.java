package dev.ridgeline.bench.report;

/**
 * Where and how the run happened, for the head of the summary. commit, jarBuilt and cudaCheck may be null
 * (not given); smoke marks a quick run whose targets measure nothing.
 */
record RunConditions(String date, String command, String machine, String jvm, String loadBefore, String loadAfter,
        String commit, String jarBuilt, String cudaCheck, boolean smoke) {
    RunConditions(String date, String command, String machine, String jvm, String loadBefore, String loadAfter) {
        this(date, command, machine, jvm, loadBefore, loadAfter, null, null, null, false);
    }
}
