package dev.ridgeline.privacy;

import java.util.Arrays;
import java.util.Objects;

/**
 * Tracks the privacy loss of DP-SGD: RDP of the Poisson-subsampled Gaussian mechanism over a list of
 * orders, composed over steps, converted to (epsilon, delta).
 *
 * <p>The default orders are TF Privacy's {@code compute_dp_sgd_privacy} list:
 * 1.25 .. 4.5 (ten fractional and small orders), 5 .. 63, 128, 256, 512.
 */
public final class RdpAccountant {
    private static final double[] DEFAULT_ORDERS = defaultOrders();

    private final double[] orders;
    private final double[] rdp;
    private final RdpConversion conversion;

    public RdpAccountant() {
        this(DEFAULT_ORDERS, RdpConversion.IMPROVED);
    }

    /**
     * An accountant over the Renyi {@code orders} (copied; each above 1 for {@link #step}), converting with
     * {@code conversion}.
     *
     * @throws NullPointerException when orders or conversion is null
     * @throws IllegalArgumentException when there is no order
     */
    public RdpAccountant(double[] orders, RdpConversion conversion) {
        if (orders.length == 0) {
            throw new IllegalArgumentException("the accountant needs at least one Renyi order");
        }
        this.orders = orders.clone();
        this.rdp = new double[orders.length];
        this.conversion = Objects.requireNonNull(conversion, "conversion");
    }

    /** Shape: returns (72) orders: ten from 1.25 to 4.5, the 59 integers 5 .. 63, then 128, 256 and 512. */
    public static double[] defaultOrders() {
        double[] head = {1.25, 1.5, 1.75, 2., 2.25, 2.5, 3., 3.5, 4., 4.5};
        double[] out = Arrays.copyOf(head, head.length + 59 + 3);
        for (int a = 5; a < 64; a++) {
            out[head.length + a - 5] = a;
        }
        out[out.length - 3] = 128;
        out[out.length - 2] = 256;
        out[out.length - 1] = 512;
        return out;
    }

    /**
     * Records {@code steps} steps with sampling rate q and noise multiplier sigma. Shapes: orders (O), rdp (O).
     *
     * @throws IllegalArgumentException when q is not in [0, 1], sigma is not a finite number > 0, steps is
     *     negative, or an order is not above 1; nothing is then recorded
     */
    public RdpAccountant step(double q, double sigma, long steps) {
        double[] add = SubsampledGaussianRdp.of(q, sigma, steps, orders);
        for (int o = 0; o < orders.length; o++) {
            // RDP is never negative; with a huge noise multiplier the log-space sum rounds to -4e-16.
            rdp[o] += Math.max(0, add[o]);
        }
        return this;
    }

    /**
     * The (epsilon, delta) of the steps recorded so far, at {@code delta}.
     *
     * @throws IllegalArgumentException when delta is not in (0, 1), or an order is below 1 (or NaN)
     */
    public PrivacySpent spent(double delta) {
        return conversion.epsilon(orders, rdp, delta);
    }

    public double[] orders() {
        return orders.clone();
    }

    public double[] rdp() {
        return rdp.clone();
    }

    /**
     * The privacy of DP-SGD over a dataset of {@code n} rows, expected batch {@code batch}, for
     * {@code epochs} epochs: q = batch / n and steps = ceil(epochs n / batch), as TF Privacy counts them.
     *
     * @throws IllegalArgumentException when n &lt; 1, batch is not in [1, n], epochs is not a finite number > 0, the
     *     steps are more than 2^53, sigma is not a finite number > 0, or delta is not in (0, 1)
     * @throws NullPointerException when conversion is null
     */
    public static PrivacySpent dpSgd(long n, long batch, double sigma, double epochs, double delta,
            RdpConversion conversion) {
        checkSizes(n, batch, epochs);
        double q = (double) batch / n;
        long steps = stepsFor(n, batch, epochs);
        return new RdpAccountant(DEFAULT_ORDERS, conversion).step(q, sigma, steps).spent(delta);
    }

    /**
     * ceil(epochs n / batch), as TF Privacy counts steps, less rounding noise (see {@link #wholeSteps}); refused
     * beyond 2^53, where a double no longer holds every step count (and a long would saturate at 9.2e18,
     * understating the cost of the run).
     *
     * @throws IllegalArgumentException when n &lt; 1, batch is not in [1, n], epochs is not a finite number > 0, or the
     *     steps are more than 2^53
     */
    public static long stepsFor(long n, long batch, double epochs) {
        checkSizes(n, batch, epochs);
        // At least one step: epochs > 0, and a subnormal epoch count had come to 0 steps and epsilon 0.
        double steps = Math.max(1, wholeSteps(epochs * n / batch));
        if (!(steps <= MAX_STEPS)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s epochs of %d rows in batches "
                    + "of %d are %.3g steps, more than the accountant counts (2^53)", epochs, n, batch, steps));
        }
        return (long) steps;
    }

    /**
     * The step count of a run of {@code exact} steps in expectation: its ceiling, but a value within 8 ulps of
     * a whole number is that number (the error of the two roundings that computed it, with room). Float
     * arithmetic makes 1.1 epochs of 50 rows in batches of 1 55.00000000000001; counted 56, the accountant
     * charged a step that training, dividing in another order, did not take. A tolerance in ulps, not a
     * relative one, never drops a real fraction of a step at large counts. One rule for both (here and
     * {@link DpSgdConfig#steps}) keeps them the same.
     */
    static double wholeSteps(double exact) {
        double nearest = Math.rint(exact);
        return Math.abs(exact - nearest) <= 8 * Math.ulp(nearest) ? nearest : Math.ceil(exact);
    }

    /** The largest step count {@link #stepsFor} accepts: 2^53. */
    public static final double MAX_STEPS = 9007199254740992.0;

    private static void checkSizes(long n, long batch, double epochs) {
        if (n < 1) {
            throw new IllegalArgumentException("the dataset size must be at least 1, got " + n);
        }
        if (batch < 1 || batch > n) {
            throw new IllegalArgumentException("the batch size must be in [1, " + n + "], got " + batch);
        }
        if (!(epochs > 0) || Double.isInfinite(epochs)) {
            throw new IllegalArgumentException("epochs must be a finite number > 0, got " + epochs);
        }
    }
}
