package dev.ridgeline.testing;

import java.util.Random;

/**
 * CSV text of mixed rows for encoder tests: two numeric columns (some missing, as empty or NA), a categorical one
 * (some missing; every seventh label with spaces around it, which readers trim), a constant column and the target
 * y = the row's index. Shape: header a,b,colour,const,y and {@code rows} data rows.
 */
public final class MixedRowsCsv {
    /** The categories; tests leave grey out of training to make it unseen. */
    public static final String[] COLOURS = {"red", "blue", "green", "grey"};

    private MixedRowsCsv() {
    }

    public static String text(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("a,b,colour,const,y\n");
        for (int i = 0; i < rows; i++) {
            String a = random.nextInt(10) == 0 ? "" : Double.toString(random.nextGaussian() * 100);
            String b = random.nextInt(20) == 0 ? "NA" : Integer.toString(random.nextInt(7));
            String colour = random.nextInt(15) == 0 ? "" : COLOURS[random.nextInt(COLOURS.length)];
            csv.append(a).append(',').append(b).append(',').append(i % 7 == 0 ? " " + colour + " " : colour)
                    .append(",5,").append(i).append('\n');
        }
        return csv.toString();
    }
}
