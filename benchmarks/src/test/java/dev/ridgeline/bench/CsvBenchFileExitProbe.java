package dev.ridgeline.bench;

/**
 * {@code CsvBenchFileExitProbe}: sets up {@link CsvReadBenchmark} as a JMH fork does (its file in
 * java.io.tmpdir), prints "ready", then waits to be stopped as an interrupted run stops a fork.
 */
public final class CsvBenchFileExitProbe {
    private CsvBenchFileExitProbe() {
    }

    public static void main(String[] args) throws Exception {
        CsvReadBenchmark benchmark = new CsvReadBenchmark();
        benchmark.csv = "1000x4";
        benchmark.setUp();
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
