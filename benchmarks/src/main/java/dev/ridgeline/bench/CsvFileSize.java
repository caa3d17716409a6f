package dev.ridgeline.bench;

/**
 * The bytes of the CSV file a {@link CsvReadBenchmark} run read, for the {@code csv} parameter that made
 * it: JMH records only the time per read, and the report needs the size for MB/s. One tab-separated line
 * per setup in {@value #FILE}, beside the notes file, which the report reads.
 */
public record CsvFileSize(String csv, long bytes) {
    public static final String FILE = "csv-files.tsv";

    public String toLine() {
        return csv + "\t" + bytes;
    }

    public static CsvFileSize parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 2) {
            throw new IllegalArgumentException("not a CSV file size line: '" + line + "'");
        }
        return new CsvFileSize(f[0], Long.parseLong(f[1]));
    }
}
