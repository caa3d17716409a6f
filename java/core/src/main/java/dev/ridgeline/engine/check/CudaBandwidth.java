package dev.ridgeline.engine.check;

import dev.ridgeline.engine.cuda.CudaBenchmark;

/** The CUDA timing of the self-check, kept apart so that JCuda classes load only when CUDA runs. */
final class CudaBandwidth {
    private CudaBandwidth() {
    }

    static SelfCheckReport.Bandwidth measure(int rows, int features, int epochs) {
        CudaBenchmark.Result r = CudaBenchmark.measure(CheckProblems.random(rows, features, 1, 11), epochs, true);
        return new SelfCheckReport.Bandwidth(SelfCheck.shape(rows, features) + " K=1", r.path(), epochs,
                r.epochSeconds() * 1e6, r.wallSeconds() * 1e6, r.effectiveGBps(), r.copyGBps());
    }
}
