package dev.ridgeline.train;

/** Why training of a model stopped. */
public enum StopReason {
    /** The gradient norm fell below tolerance times its starting value. */
    CONVERGED,
    /** The epoch limit was reached first. */
    MAX_EPOCHS,
    /** The loss became non-finite or exploded; the model was frozen. */
    DIVERGED,
    /**
     * The validation loss stopped improving for {@code patience} reads; the best parameters were kept (as they are
     * whenever early stopping is on and the model did not diverge: {@link History#keptEpoch}).
     */
    EARLY_STOPPED,
    /**
     * SGD: the training loss made no new best for {@link TrainerConfig#plateauReads} reads with the step
     * already halved four times; at that step the noise of the mini-batches no longer moves the loss.
     */
    PLATEAU,
    /** Solved directly by the normal equations. */
    EXACT,
    /**
     * The normal equations were singular (lambda = 0 with a constant or collinear column); only in a batch
     * trained with {@link TrainerConfig#continueOnDivergence}, where the model is left at 0 and the others
     * go on (otherwise the solver throws {@link SingularSystemException}).
     */
    SINGULAR,
    /**
     * The configured time limit passed ({@link TrainerConfig.Builder#timeLimit}); the parameters so far were kept
     * (with early stopping, its best validation read so far: {@link History#keptEpoch}).
     */
    TIME_LIMIT,
    /**
     * The training thread was interrupted; the parameters so far were kept (with early stopping, its best
     * validation read so far) and the thread's interrupt status is left set for the caller.
     */
    INTERRUPTED
}
