// Runs ridge_clipped_sum and ridge_clipped_reduce (native/clipped_sum.cu) on the CPU stand-in
// (cuda_on_cpu.hpp) with the grid of CudaClippedSum, and compares the sums and clipped counts with a
// plain double-precision reference of ClippedGradientStep: tails, K = 1, 3, 9 (model groups), weights
// with zeros, no intercept, about half the rows clipped, and bitwise repeatability. Exit code 1 on a mismatch.
//   g++ -std=c++20 -O1 -pthread -Wno-unknown-pragmas -I native native/emulation/clip_check.cpp && ./a.out
#include <cstdio>
#include <random>

#include "cuda_on_cpu.hpp"
#include "../ridgeline_kernels.cu"

namespace {
constexpr double kTolerance = 1e-9;   // relative to C * batch rows: only the order of double sums differs
constexpr int kMultiprocessors = 2;   // a tiny "device": several tiles per block, several blocks

struct Case {
    long long m, n;
    int K;
    bool fitIntercept;
    long long count;  // batch rows, drawn without repetition
};

struct Data {
    std::vector<float> X, Y, Wt;  // (m, n), (K, m), (nw, m)
    std::vector<int> ycol, wcol, rows;
    std::vector<double> Pd;       // (K, n + 1)
};

Data make(const Case& c, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(-1, 1);
    Data d;
    for (long long e = 0; e < c.m * c.n; e++) d.X.push_back((float)u(rng));
    int nw = 0;
    for (int k = 0; k < c.K; k++) {
        for (long long i = 0; i < c.m; i++) d.Y.push_back((float)(3 * u(rng) + 2));
        d.ycol.push_back(k);
        bool weighted = k % 2 == 1;
        d.wcol.push_back(weighted ? nw++ : -1);
        for (long long i = 0; weighted && i < c.m; i++) d.Wt.push_back(i % 7 == 3 ? 0.0f : (float)(1 + u(rng)));
        for (long long j = 0; j <= c.n; j++) d.Pd.push_back(j < c.n || c.fitIntercept ? u(rng) : 0.0);
    }
    std::vector<int> order(c.m);
    for (int i = 0; i < c.m; i++) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    d.rows.assign(order.begin(), order.begin() + c.count);
    return d;
}

// Reference (ScalarBoundProblem.clippedGradientSum): per model, norm of each example gradient.
std::vector<double> exampleScales(const Case& c, const Data& d, int k, std::vector<double>& rowNorms) {
    std::vector<double> s;
    rowNorms.clear();
    for (int i : d.rows) {
        double dot = d.Pd[k * (c.n + 1) + c.n], sq = c.fitIntercept ? 1 : 0;
        for (long long j = 0; j < c.n; j++) {
            dot += (double)d.X[i * c.n + j] * d.Pd[k * (c.n + 1) + j];
            sq += (double)d.X[i * c.n + j] * d.X[i * c.n + j];
        }
        double w = d.wcol[k] < 0 ? 1.0 : d.Wt[(size_t)d.wcol[k] * c.m + i];
        s.push_back(w * (dot - d.Y[(size_t)d.ycol[k] * c.m + i]));
        rowNorms.push_back(std::sqrt(sq));
    }
    return s;
}

// The grid of CudaClippedSum: at most 2 blocks per multiprocessor, whole tiles per block where possible.
long long rowsPerBlock(long long count) {
    long long tiles = (count + RL_CLIP_TILE - 1) / RL_CLIP_TILE;
    long long blocks = std::max<long long>(1, std::min<long long>(tiles, 2 * kMultiprocessors));
    return std::max<long long>(1, (count + blocks - 1) / blocks);
}

bool check(const Case& c, unsigned seed) {
    Data d = make(c, seed);
    long long n = c.n;
    // C halfway between the two middle example-gradient norms: about half the rows clipped, none at C.
    std::vector<double> norms, rowNorms;
    for (int k = 0; k < c.K; k++) {
        std::vector<double> s = exampleScales(c, d, k, rowNorms);
        for (size_t r = 0; r < s.size(); r++) norms.push_back(std::fabs(s[r]) * rowNorms[r]);
    }
    std::sort(norms.begin(), norms.end());
    size_t mid = norms.size() / 2;
    double clip = norms.size() < 2 ? 0.5 * norms[0] : 0.5 * (norms[mid - 1] + norms[mid]);
    std::vector<double> want((size_t)c.K * (n + 1), 0.0);
    std::vector<int> wantClipped(c.K, 0);
    for (int k = 0; k < c.K; k++) {
        std::vector<double> s = exampleScales(c, d, k, rowNorms);
        for (size_t r = 0; r < s.size(); r++) {
            double norm = std::fabs(s[r]) * rowNorms[r], f = norm > clip ? clip / norm : 1.0;
            wantClipped[k] += norm > clip ? 1 : 0;
            for (long long j = 0; j <= n; j++) {
                double x = j < n ? d.X[d.rows[r] * n + j] : (c.fitIntercept ? 1.0 : 0.0);
                want[k * (n + 1) + j] += f * s[r] * x;
            }
        }
    }
    long long perBlock = rowsPerBlock(c.count);
    int blocks = (int)((c.count + perBlock - 1) / perBlock);
    auto run = [&](std::vector<double>& sums, std::vector<int>& clipped) {
        std::vector<double> partial((size_t)blocks * c.K * (n + 1), NAN);
        std::vector<int> counts((size_t)blocks * c.K, -1);
        sums.assign(want.size(), NAN);
        clipped.assign(c.K, -1);
        const float* W = d.Wt.empty() ? nullptr : d.Wt.data();
        for (int kBegin = 0; kBegin < c.K; kBegin += RL_KMAX) {
            int kCount = std::min(RL_KMAX, c.K - kBegin);
            launch(blocks, 1, RL_BLOCK, [&] {
                ridge_clipped_sum(d.X.data(), c.m, n, d.Pd.data(), d.Y.data(), W, d.ycol.data(), d.wcol.data(),
                                  d.rows.data(), c.count, c.K, kBegin, kCount, perBlock, clip, c.fitIntercept ? 1 : 0,
                                  partial.data(), counts.data());
            });
        }
        launch((unsigned)((c.K * (n + 1) + RL_BLOCK - 1) / RL_BLOCK), 1, RL_BLOCK, [&] {
            ridge_clipped_reduce(partial.data(), counts.data(), blocks, n, c.K, sums.data(), clipped.data());
        });
    };
    std::vector<double> sums, again;
    std::vector<int> clipped, clippedAgain;
    run(sums, clipped);
    run(again, clippedAgain);
    double worst = 0;
    for (size_t e = 0; e < want.size(); e++) worst = std::max(worst, std::fabs(sums[e] - want[e]));
    worst = std::isnan(worst) ? INFINITY : worst / (clip * c.count);
    int total = 0;
    for (int v : wantClipped) total += v;
    bool someClipped = c.count < 2 || (total > 0 && total < c.K * c.count);
    bool repeatable = std::memcmp(sums.data(), again.data(), sums.size() * sizeof(double)) == 0;
    bool ok = worst <= kTolerance && clipped == wantClipped && repeatable && someClipped;
    std::printf("%s m=%lld n=%lld K=%d intercept=%d rows=%lld blocks=%d: max error %.2e of C*rows, clipped %d%s%s\n",
                ok ? "PASS" : "FAIL", c.m, n, c.K, c.fitIntercept, c.count, blocks, worst, total,
                clipped == wantClipped ? "" : " (counts differ)", repeatable ? ", bitwise repeatable" : " (NOT repeatable)");
    return ok;
}
}  // namespace

int main() {
    const Case cases[] = {
        {1, 1, 1, true, 1},       {7, 3, 1, true, 6},      {100, 33, 3, false, 77},  {300, 8, 9, true, 250},
        {1000, 5, 2, true, 999},  {40, 300, 1, true, 33},  {64, 257, 4, false, 64},  {500, 31, 1, false, 129},
    };
    int failed = 0;
    unsigned seed = 11;
    for (const Case& c : cases) failed += check(c, seed++) ? 0 : 1;
    std::printf("%s: %d of %zu cases failed\n", failed ? "FAIL" : "PASS", failed, sizeof cases / sizeof cases[0]);
    return failed ? 1 : 0;
}
