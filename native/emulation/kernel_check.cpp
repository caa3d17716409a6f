// Runs the kernels of native/ on the CPU stand-in (cuda_on_cpu.hpp) with the launch sequence of the
// Java backend (EpochLauncher), and compares every result with a plain double-precision reference of
// section 1 of the design: loss, gradient, momentum/Nesterov update, frozen models, no-intercept,
// weights, K > 8 in groups, mini-batches, the wide path, loss-only and predict. Exit code 1 on a mismatch.
//   g++ -std=c++20 -O1 -pthread -Wno-unknown-pragmas -I native native/emulation/kernel_check.cpp && ./a.out
#include <cstdio>
#include <random>

#include "cuda_on_cpu.hpp"
#include "../ridgeline_kernels.cu"

namespace {
constexpr double kTolerance = 1e-4;
constexpr int kMultiprocessors = 2;  // a tiny "device": several tiles per block, several blocks
constexpr int kBlocksPerMultiprocessor = 2;

struct Case {
    long long m;
    long long n;
    int K;
    bool fitIntercept;
    bool batch;   // a shuffled mini-batch of half the rows instead of all rows
    double mu;
    bool nesterov;
};

struct Data {
    Case c;
    std::vector<float> X, Y, Wt;       // (m, n), (K, m), (nw, m)
    std::vector<int> ycol, wcol;       // (K)
    std::vector<double> lambda, Wfull; // (K)
    std::vector<int> rows;             // batch rows (count), empty for all
};

Data make(const Case& c, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(-1, 1);
    Data d{c};
    d.X.resize(c.m * c.n);
    for (auto& v : d.X) v = (float)u(rng);
    int nw = 0;
    for (int k = 0; k < c.K; k++) {
        for (long long i = 0; i < c.m; i++) d.Y.push_back((float)(3 * u(rng) + 2));
        d.ycol.push_back(k);
        bool weighted = k % 2 == 1;
        d.wcol.push_back(weighted ? nw++ : -1);
        double total = 0;
        for (long long i = 0; i < c.m; i++) {
            float w = weighted ? (i % 7 == 3 ? 0.0f : (float)(1 + u(rng))) : 1.0f;
            if (weighted) d.Wt.push_back(w);
            total += w;
        }
        d.lambda.push_back(0.1 + 0.7 * k);
        d.Wfull.push_back(total);
    }
    if (c.batch) {
        std::vector<int> order(c.m);
        for (int i = 0; i < c.m; i++) order[i] = i;
        std::shuffle(order.begin(), order.end(), rng);
        d.rows.assign(order.begin(), order.begin() + std::max<long long>(1, c.m / 2));
    }
    return d;
}

double weight(const Data& d, int k, long long i) {
    return d.wcol[k] < 0 ? 1.0 : d.Wt[(size_t)d.wcol[k] * d.c.m + i];
}

// Reference: loss and gradient (n + 1) of model k over the batch, scalar-backend semantics.
double reference(const Data& d, const std::vector<double>& P, int k, std::vector<double>& g, double& dataScale) {
    long long m = d.c.m, n = d.c.n;
    long long count = d.rows.empty() ? m : (long long)d.rows.size();
    g.assign(n + 1, 0.0);
    double sumSq = 0, wb = 0;
    const double* t = &P[k * (n + 1)];
    for (long long r = 0; r < count; r++) {
        long long i = d.rows.empty() ? r : d.rows[r];
        double dot = t[n];
        for (long long j = 0; j < n; j++) dot += (double)d.X[i * n + j] * t[j];
        double res = dot - d.Y[(size_t)d.ycol[k] * m + i], w = weight(d, k, i);
        sumSq += w * res * res;
        wb += w;
        for (long long j = 0; j < n; j++) g[j] += w * res * d.X[i * n + j];
        g[n] += w * res;
    }
    // As RowBatch.dataScale: a mini-batch of b rows estimates the full data term with m / (b W), unbiased
    // whatever the weights; the full pass divides by the weight it summed. The host computes this scale and
    // passes it to the kernels, and so does this check (dev.dataScale below): it covers the kernels' use of
    // the scale, not its formula, which the GPU tests check against the scalar backend.
    dataScale = d.rows.empty() ? (wb > 0 ? 1 / wb : 0) : (double)m / ((double)count * d.Wfull[k]);
    double l2 = d.lambda[k] / d.Wfull[k], thetaSq = 0;
    for (long long j = 0; j < n; j++) {
        g[j] = g[j] * dataScale + l2 * t[j];
        thetaSq += t[j] * t[j];
    }
    g[n] = d.c.fitIntercept ? g[n] * dataScale : 0;
    return 0.5 * dataScale * sumSq + 0.5 * l2 * thetaSq;
}

double relError(const std::vector<double>& got, const std::vector<double>& want) {
    double diff = 0, scale = 1e-6;
    for (size_t i = 0; i < want.size(); i++) {
        diff = std::max(diff, std::fabs(got[i] - want[i]));
        scale = std::max(scale, std::fabs(want[i]));
    }
    return std::isnan(diff) ? INFINITY : diff / scale;
}

struct Device {  // the buffers of ResidentBuffers, host vectors standing in for device memory
    std::vector<double> Pd, V, dataScale, l2Scale, alpha, gradOut, statPartial, stats, lossOut;
    std::vector<float> Pf, gradPartial, lossPartial, wideResiduals;
    unsigned int counter = 0;
};

int tileRows(long long n) {
    int rows = (int)std::max<long long>(4, std::min<long long>(256, 8192 / std::max<long long>(1, n)));
    return rows - rows % 4;
}

// The launch sequence of EpochLauncher.enqueueEpoch / enqueueLoss on the CPU stand-in.
struct Runner {
    const Data& d;
    Device& dev;
    long long count() const { return d.rows.empty() ? d.c.m : (long long)d.rows.size(); }
    const int* rows() const { return d.rows.empty() ? nullptr : d.rows.data(); }
    bool narrow() const { return d.c.K == 1 ? d.c.n <= RL_NARROW_MAX_SINGLE : d.c.n <= RL_NARROW_MAX; }
    int groups() const { return (d.c.K + RL_KMAX - 1) / RL_KMAX; }
    int passBlocks(long long cnt) const {
        long long tiles = (cnt + tileRows(d.c.n) - 1) / tileRows(d.c.n);
        return (int)std::max<long long>(1, std::min<long long>(tiles, kMultiprocessors * kBlocksPerMultiprocessor));
    }
    int wideResidualBlocks(long long cnt) const { return (int)std::max<long long>(1, std::min<long long>(cnt, 8 * kMultiprocessors)); }
    long long slabRows(long long cnt) const {
        long long colBlocks = (d.c.n + RL_BLOCK - 1) / RL_BLOCK;
        long long wanted = std::max<long long>(1, 8 * kMultiprocessors / colBlocks);
        long long slabs = std::max<long long>(1, std::min(cnt, wanted));
        return std::max<long long>(1, (cnt + slabs - 1) / slabs);
    }
    int slabs(long long cnt) const { return (int)std::max<long long>(1, (cnt + slabRows(cnt) - 1) / slabRows(cnt)); }

    void pass(long long cnt, bool lossOnly) {
        long long m = d.c.m, n = d.c.n;
        int K = d.c.K, tile = tileRows(n);
        dev.gradPartial.assign((size_t)64 * K * (n + 1), NAN);  // NaN: a partial never written shows up
        dev.lossPartial.assign((size_t)64 * K, NAN);
        dev.wideResiduals.assign((size_t)K * m, NAN);
        for (int g = 0; g < groups(); g++) {
            int kBegin = g * RL_KMAX, kCount = std::min(RL_KMAX, K - kBegin);
            const float* W = d.Wt.empty() ? nullptr : d.Wt.data();
            if (narrow()) {
                launch(passBlocks(cnt), 1, RL_BLOCK, [&] {
                    if (lossOnly && K == 1) ridge_loss_pass_single(d.X.data(), m, n, dev.Pf.data(), d.Y.data(), W, d.ycol.data(), d.wcol.data(), rows(), cnt, K, kBegin, kCount, tile, dev.lossPartial.data());
                    else if (lossOnly) ridge_loss_pass(d.X.data(), m, n, dev.Pf.data(), d.Y.data(), W, d.ycol.data(), d.wcol.data(), rows(), cnt, K, kBegin, kCount, tile, dev.lossPartial.data());
                    else if (K == 1) ridge_fused_pass_single(d.X.data(), m, n, dev.Pf.data(), d.Y.data(), W, d.ycol.data(), d.wcol.data(), rows(), cnt, K, kBegin, kCount, tile, dev.gradPartial.data(), dev.lossPartial.data());
                    else ridge_fused_pass(d.X.data(), m, n, dev.Pf.data(), d.Y.data(), W, d.ycol.data(), d.wcol.data(), rows(), cnt, K, kBegin, kCount, tile, dev.gradPartial.data(), dev.lossPartial.data());
                });
            } else {
                launch(wideResidualBlocks(cnt), 1, RL_BLOCK, [&] {
                    ridge_wide_residuals(d.X.data(), m, n, dev.Pf.data(), d.Y.data(), W, d.ycol.data(), d.wcol.data(), rows(), cnt, K, kBegin, kCount, dev.wideResiduals.data(), dev.lossPartial.data());
                });
                if (!lossOnly) {
                    launch((unsigned)((n + RL_BLOCK - 1) / RL_BLOCK), slabs(cnt), RL_BLOCK, [&] {
                        ridge_wide_gradient(d.X.data(), n, rows(), cnt, dev.wideResiduals.data(), K, kBegin, kCount, slabRows(cnt), dev.gradPartial.data());
                    });
                }
            }
        }
    }

    void reduce(long long cnt, bool apply, double mu, bool nesterov) {
        long long n = d.c.n;
        int K = d.c.K;
        int gx = (int)((n + 1 + RL_BLOCK - 1) / RL_BLOCK);
        dev.statPartial.assign((size_t)K * gx * 2, NAN);
        int gradBlocks = narrow() ? passBlocks(cnt) : slabs(cnt);
        int lossBlocks = narrow() ? passBlocks(cnt) : wideResidualBlocks(cnt);
        launch(gx, K, RL_BLOCK, [&] {
            ridge_reduce_update(dev.gradPartial.data(), gradBlocks, dev.lossPartial.data(), lossBlocks, n, K, dev.Pd.data(), dev.Pf.data(), dev.V.data(), dev.dataScale.data(), dev.l2Scale.data(), dev.alpha.data(), mu, nesterov ? 1 : 0, d.c.fitIntercept ? 1 : 0, apply ? 1 : 0, apply ? nullptr : dev.gradOut.data(), dev.statPartial.data(), &dev.counter, dev.stats.data());
        });
    }

    void lossOnly(const std::vector<double>& fullScale) {
        pass(d.c.m, true);
        int lossBlocks = narrow() ? passBlocks(d.c.m) : wideResidualBlocks(d.c.m);
        launch(d.c.K, 1, RL_BLOCK, [&] {
            ridge_loss_finalize(dev.lossPartial.data(), lossBlocks, dev.Pd.data(), d.c.n, d.c.K, fullScale.data(), dev.l2Scale.data(), dev.lossOut.data());
        });
    }
};

struct Expected {  // the reference results for one case
    std::vector<double> loss, norm, grad, P, V, scale;
};

Device initialState(const Data& d, unsigned seed) {
    long long n = d.c.n;
    int K = d.c.K;
    std::mt19937_64 rng(seed + 1);
    std::uniform_real_distribution<double> u(-0.5, 0.5);
    Device dev;
    dev.Pd.resize(K * (n + 1));
    for (int k = 0; k < K; k++) {
        for (long long j = 0; j <= n; j++) dev.Pd[k * (n + 1) + j] = (j < n || d.c.fitIntercept) ? u(rng) : 0.0;
    }
    dev.Pf.assign(dev.Pd.begin(), dev.Pd.end());
    dev.V.resize(K * (n + 1));
    for (auto& v : dev.V) v = u(rng);  // a running velocity, as after earlier steps
    for (int k = 0; k < K; k++) {
        dev.l2Scale.push_back(d.lambda[k] / d.Wfull[k]);
        dev.alpha.push_back(k == K - 1 && K > 1 ? 0.0 : 0.05);  // the last of several models frozen
    }
    dev.gradOut.assign(K * (n + 1), NAN);
    dev.stats.assign(2 * K, NAN);
    dev.lossOut.assign(K, NAN);
    return dev;
}

Expected expect(const Data& d, const Device& dev) {
    const Case& c = d.c;
    Expected e{std::vector<double>(c.K), std::vector<double>(c.K), {}, dev.Pd, dev.V, std::vector<double>(c.K)};
    for (int k = 0; k < c.K; k++) {
        std::vector<double> g;
        e.loss[k] = reference(d, dev.Pd, k, g, e.scale[k]);
        double s = 0;
        for (long long j = 0; j <= c.n; j++) {
            s += g[j] * g[j];
            size_t i = k * (c.n + 1) + j;
            e.grad.push_back(g[j]);
            if (dev.alpha[k] == 0.0) {
                continue;  // a frozen model (rate 0): parameters and velocity stay as they are
            }
            e.V[i] = c.mu * e.V[i] + g[j];
            double dir = c.nesterov ? g[j] + c.mu * e.V[i] : e.V[i];
            if (j < c.n || c.fitIntercept) e.P[i] -= dev.alpha[k] * dir;
        }
        e.norm[k] = std::sqrt(s);
    }
    return e;
}

// One step (pass + reduce with the update) from the device state; returns the error against e.
double stepError(Runner& run, Device& dev, const Expected& e) {
    const Case& c = run.d.c;
    run.pass(run.count(), false);
    run.reduce(run.count(), true, c.mu, c.nesterov);
    std::vector<double> loss(c.K), norm(c.K), mirror(dev.Pf.begin(), dev.Pf.end());
    for (int k = 0; k < c.K; k++) {
        loss[k] = dev.stats[2 * k];
        norm[k] = dev.stats[2 * k + 1];
    }
    return std::max({relError(loss, e.loss), relError(norm, e.norm), relError(dev.Pd, e.P), relError(dev.V, e.V),
                     relError(mirror, e.P)});
}

// loss() over all rows and predict() on the training rows, at the device's current parameters.
double lossAndPredictError(const Data& d, Device& dev) {
    long long n = d.c.n;
    int K = d.c.K;
    Data all = d;
    all.rows.clear();
    std::vector<double> fullScale(K), want(K), out((size_t)K * d.c.m, NAN), wantOut;
    for (int k = 0; k < K; k++) fullScale[k] = 1 / d.Wfull[k];
    Runner{all, dev}.lossOnly(fullScale);
    for (int k = 0; k < K; k++) {
        std::vector<double> g;
        double s;
        want[k] = reference(all, dev.Pd, k, g, s);
    }
    launch((unsigned)std::max<long long>(1, std::min<long long>((d.c.m + RL_WARPS - 1) / RL_WARPS, 8 * kMultiprocessors)), 1, RL_BLOCK, [&] {
        ridge_predict(d.X.data(), d.c.m, n, dev.Pd.data(), K, out.data());
    });
    for (int k = 0; k < K; k++) {
        for (long long i = 0; i < d.c.m; i++) {
            double s = dev.Pd[k * (n + 1) + n];
            for (long long j = 0; j < n; j++) s += (double)d.X[i * n + j] * dev.Pd[k * (n + 1) + j];
            wantOut.push_back(s);
        }
    }
    return std::max(relError(dev.lossOut, want), relError(out, wantOut));
}

bool check(const Case& c, unsigned seed) {
    Data d = make(c, seed);
    Device dev = initialState(d, seed);
    const Device start = dev;
    Expected e = expect(d, dev);
    dev.dataScale = e.scale;
    Runner run{d, dev};
    // lossAndGradient: the gradient out, parameters, velocity and statistics of the last step untouched.
    run.pass(run.count(), false);
    run.reduce(run.count(), false, c.mu, c.nesterov);
    double worst = std::max(relError(dev.gradOut, e.grad), relError({dev.stats[0]}, {e.loss[0]}));
    bool untouched = dev.Pd == start.Pd && dev.V == start.V && dev.counter == 0;
    // step, twice from the same state: the same bits both times (threads really run concurrently here).
    worst = std::max(worst, stepError(run, dev, e));
    Device first = dev;
    dev.Pd = start.Pd;
    dev.Pf = start.Pf;
    dev.V = start.V;
    worst = std::max(worst, stepError(run, dev, e));
    bool deterministic = dev.Pd == first.Pd && dev.V == first.V && dev.Pf == first.Pf
            && std::memcmp(dev.stats.data(), first.stats.data(), dev.stats.size() * sizeof(double)) == 0;
    bool frozen = true;
    for (long long j = 0; c.K > 1 && j <= c.n; j++) {
        frozen &= dev.Pd[(c.K - 1) * (c.n + 1) + j] == start.Pd[(c.K - 1) * (c.n + 1) + j];
    }
    worst = std::max(worst, lossAndPredictError(d, dev));
    bool ok = worst <= kTolerance && untouched && frozen && deterministic && dev.counter == 0;
    std::printf("%s m=%lld n=%lld K=%d intercept=%d batch=%d mu=%.1f nesterov=%d path=%s: max rel error %.2e%s%s%s\n",
                ok ? "PASS" : "FAIL", c.m, c.n, c.K, c.fitIntercept, c.batch, c.mu, c.nesterov,
                run.narrow() ? "fused" : "wide", worst, untouched ? "" : " (lossAndGradient changed state)",
                frozen ? "" : " (frozen model moved)", deterministic ? ", bitwise repeatable" : " (NOT repeatable)");
    return ok;
}
}  // namespace

int main() {
    const Case cases[] = {
        {1, 1, 1, true, false, 0.0, false},      {7, 3, 1, true, false, 0.9, true},
        {17, 15, 8, true, false, 0.9, false},    {33, 17, 9, false, false, 0.5, true},
        {300, 8, 9, true, true, 0.9, true},      {1023, 5, 2, true, true, 0.0, false},
        {4099, 3, 1, true, false, 0.9, true},    {40, 1025, 1, true, false, 0.9, true},
        {20, 1025, 3, true, true, 0.9, false},   {10, 4097, 1, false, false, 0.0, false},
        {9, 4096, 1, true, true, 0.5, true},     {65, 300, 8, true, true, 0.9, true},
        {150, 127, 3, true, true, 0.9, false},   {70, 128, 1, true, false, 0.0, true},
    };
    int failed = 0;
    unsigned seed = 1;
    for (const Case& c : cases) failed += check(c, seed++) ? 0 : 1;
    std::printf("%s: %d of %zu cases failed\n", failed ? "FAIL" : "PASS", failed, sizeof cases / sizeof cases[0]);
    return failed ? 1 : 0;
}
