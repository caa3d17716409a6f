package dev.ridgeline.bench;

/**
 * The work of one {@link ArithmeticPeakBenchmark} operation: the threads it ran on, the float lanes of a
 * vector and the float multiply-adds in all. One tab-separated line per setup in {@value #FILE}, beside the
 * notes file, which the report reads.
 */
public record PeakWork(int threads, int lanes, long multiplyAdds) {
    public static final String FILE = "arithmetic-peak.tsv";

    public String toLine() {
        return threads + "\t" + lanes + "\t" + multiplyAdds;
    }

    public static PeakWork parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 3) {
            throw new IllegalArgumentException("not an arithmetic peak line: '" + line + "'");
        }
        return new PeakWork(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]));
    }
}
