// DP-SGD's per-example clipped gradient sum over the rows of a batch (ClippedGradientStep).
#include "common.cuh"

#define RL_CLIP_TILE (RL_WARPS * 4)  // batch rows whose clipped scales a block holds at once

// X (m, n) float row-major; Pd (K, n + 1) double (theta_k then b_k, b_k = 0 without an intercept);
// Y (ny, m), Wt (nw, m) float, model k reads columns ycol[k], wcol[k]; rows (count) batch row indices.
// Block b owns batch positions [b rowsPerBlock, (b + 1) rowsPerBlock) and models kBegin .. kBegin + kCount
// (kCount <= RL_KMAX) and writes only its own partials: clipPartial (gridDim.x, K, n + 1) double and
// clipCount (gridDim.x, K) int. Per tile of RL_CLIP_TILE rows: a warp per row computes, in double,
// r = x . theta_k + b_k - y, s = w r, the example-gradient norm |s| sqrt(|x|^2 + [intercept]) and the
// clipped scale s min(1, C / norm); then thread j adds the tile's scale_q x_qj to column j, rows in
// order. Every sum has a fixed order and no atomics are used, so the result is bitwise reproducible.
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_clipped_sum(const float* __restrict__ X, long long m, long long n, const double* __restrict__ Pd,
                  const float* __restrict__ Y, const float* __restrict__ Wt, const int* __restrict__ ycol,
                  const int* __restrict__ wcol, const int* __restrict__ rows, long long count, int K, int kBegin,
                  int kCount, long long rowsPerBlock, double clip, int fitIntercept,
                  double* __restrict__ clipPartial, int* __restrict__ clipCount) {
    __shared__ double scale[RL_CLIP_TILE][RL_KMAX];
    __shared__ int clippedFlag[RL_CLIP_TILE][RL_KMAX];
    int lane = threadIdx.x & 31;
    int warp = threadIdx.x >> 5;
    long long begin = (long long)blockIdx.x * rowsPerBlock;
    long long end = min(count, begin + rowsPerBlock);
    double* out = clipPartial + (long long)blockIdx.x * K * (n + 1);
    double interceptTerm = fitIntercept ? 1.0 : 0.0;
    for (int k = 0; k < kCount; k++) {
        for (long long j = threadIdx.x; j <= n; j += RL_BLOCK) {
            out[(long long)(kBegin + k) * (n + 1) + j] = 0.0;
        }
    }
    int clippedRows = 0;  // thread t < kCount counts model kBegin + t
    for (long long tile = begin; tile < end; tile += RL_CLIP_TILE) {
        int tileRows = (int)min((long long)RL_CLIP_TILE, end - tile);
        for (int q = warp; q < tileRows; q += RL_WARPS) {
            long long i = rl_row(rows, tile + q);
            const float* xr = X + i * n;
            double sq = 0.0;
            for (long long j = lane; j < n; j += 32) {
                sq += (double)xr[j] * xr[j];
            }
            double rowNorm = sqrt(rl_warp_sum(sq) + interceptTerm);
            for (int k = 0; k < kCount; k++) {
                int model = kBegin + k;
                const double* theta = Pd + (long long)model * (n + 1);
                double dot = 0.0;
                for (long long j = lane; j < n; j += 32) {
                    dot += (double)xr[j] * theta[j];
                }
                dot = rl_warp_sum(dot);
                double s = (double)rl_weight(Wt, wcol[model], m, i) * (dot + theta[n] - (double)Y[(long long)ycol[model] * m + i]);
                double norm = fabs(s) * rowNorm;
                if (lane == 0) {
                    scale[q][k] = norm > clip ? s * (clip / norm) : s;
                    clippedFlag[q][k] = norm > clip ? 1 : 0;
                }
            }
        }
        __syncthreads();
        for (long long j = threadIdx.x; j <= n; j += RL_BLOCK) {
            for (int k = 0; k < kCount; k++) {
                double acc = out[(long long)(kBegin + k) * (n + 1) + j];
                for (int q = 0; q < tileRows; q++) {
                    double xv = j < n ? (double)X[rl_row(rows, tile + q) * n + j] : interceptTerm;
                    acc += scale[q][k] * xv;
                }
                out[(long long)(kBegin + k) * (n + 1) + j] = acc;
            }
        }
        if (threadIdx.x < kCount) {
            for (int q = 0; q < tileRows; q++) {
                clippedRows += clippedFlag[q][threadIdx.x];
            }
        }
        __syncthreads();
    }
    if (threadIdx.x < kCount) {
        clipCount[(long long)blockIdx.x * K + kBegin + threadIdx.x] = clippedRows;
    }
}

// clipPartial (blocks, K, n + 1) double and clipCount (blocks, K) int -> sums (K, n + 1) and clipped (K):
// one thread per entry adds the blocks' partials in block order (fixed order: bitwise reproducible).
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_clipped_reduce(const double* __restrict__ clipPartial, const int* __restrict__ clipCount, int blocks,
                     long long n, int K, double* __restrict__ sums, int* __restrict__ clipped) {
    long long e = (long long)blockIdx.x * RL_BLOCK + threadIdx.x;
    long long total = (long long)K * (n + 1);
    if (e < total) {
        double s = 0.0;
        for (int b = 0; b < blocks; b++) {
            s += clipPartial[(long long)b * total + e];
        }
        sums[e] = s;
    }
    if (e < K) {
        int c = 0;
        for (int b = 0; b < blocks; b++) {
            c += clipCount[(long long)b * K + e];
        }
        clipped[e] = c;
    }
}
