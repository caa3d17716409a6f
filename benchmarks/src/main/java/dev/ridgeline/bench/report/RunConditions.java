package dev.ridgeline.bench.report;

/**
 * Where and how the run happened, for the head of the summary. commit, jarBuilt and cudaCheck may be null
 * (not given); smoke marks a quick run whose targets measure nothing; threads is the thread count the run
 * set for Ridgeline (THREADS, as -Dridgeline.threads), null when it ran on all processors.
 */
record RunConditions(String date, String command, String machine, String jvm, String loadBefore, String loadAfter,
        String commit, String jarBuilt, String cudaCheck, boolean smoke, Integer threads) {
    RunConditions(String date, String command, String machine, String jvm, String loadBefore, String loadAfter) {
        this(date, command, machine, jvm, loadBefore, loadAfter, null, null, null, false, null);
    }

    /** How many threads Ridgeline's epochs ran on, in words: "all threads" or "N threads". */
    String ridgelineThreads() {
        return threads == null ? "all threads" : threads + (threads == 1 ? " thread" : " threads");
    }
}
