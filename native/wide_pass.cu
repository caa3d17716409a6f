// The wide path, for rows wider than the fused pass takes (RL_NARROW_MAX, RL_NARROW_MAX_SINGLE for one
// model, or a fused tile that would need more shared memory than the device gives a block: see
// KernelGeometry.narrow): the pass is split in two kernels and READS X TWICE per epoch (once for the
// residuals, once for X^T r).
// Its partials have the same layout as the fused pass, so ridge_reduce_update finishes both.
#include "common.cuh"

// X is (m, n) row-major; P is (K, n + 1) float; Y (ny, m); Wt (nw, m); ycol, wcol (K); rows (count)
// or null. One block per batch position at a time (grid-stride): the block's threads stride over the
// columns, a fixed-order block sum gives r_ik. Writes wr (K, count) = w_ik r_ik and
// lossPartial (gridDim.x, K) = sum of w_ik r_ik^2 over the block's rows, for models [kBegin, kBegin + kCount).
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_wide_residuals(const float* __restrict__ X, long long m, long long n, const float* __restrict__ P,
                     const float* __restrict__ Y, const float* __restrict__ Wt, const int* __restrict__ ycol,
                     const int* __restrict__ wcol, const int* __restrict__ rows, long long count, int K,
                     int kBegin, int kCount, float* __restrict__ wr, float* __restrict__ lossPartial) {
    __shared__ float s_dot[RL_WARPS][RL_KMAX];
    float lossAcc = 0.0f;  // thread k < kCount: model k
    int warp = threadIdx.x >> 5;
    int lane = threadIdx.x & 31;
    for (long long r = blockIdx.x; r < count; r += gridDim.x) {
        long long i = rl_row(rows, r);
        const float* xr = X + i * n;
        float dot[RL_KMAX];
#pragma unroll
        for (int k = 0; k < RL_KMAX; k++) {
            dot[k] = 0.0f;
        }
        for (long long j = threadIdx.x; j < n; j += RL_BLOCK) {
            float xv = xr[j];
#pragma unroll
            for (int k = 0; k < RL_KMAX; k++) {
                if (k < kCount) {
                    dot[k] = fmaf(xv, P[(kBegin + k) * (n + 1) + j], dot[k]);
                }
            }
        }
#pragma unroll
        for (int k = 0; k < RL_KMAX; k++) {
            float s = rl_warp_sum(dot[k]);
            if (lane == 0) {
                s_dot[warp][k] = s;
            }
        }
        __syncthreads();
        if (threadIdx.x < kCount) {
            int k = kBegin + threadIdx.x;
            float total = 0.0f;
            for (int w = 0; w < RL_WARPS; w++) {
                total += s_dot[w][threadIdx.x];
            }
            float residual = total + P[(long long)k * (n + 1) + n] - Y[(long long)ycol[k] * m + i];
            float v = rl_weight(Wt, wcol[k], m, i) * residual;
            wr[(long long)k * count + r] = v;
            lossAcc = fmaf(v, residual, lossAcc);
        }
        __syncthreads();
    }
    if (threadIdx.x < kCount) {
        lossPartial[(long long)blockIdx.x * K + kBegin + threadIdx.x] = lossAcc;
    }
}

// X is (m, n) row-major; wr is (K, count) from ridge_wide_residuals. Grid (ceil(n / RL_BLOCK), slabs):
// block (c, s) sums, over the batch positions [s * slabRows, (s + 1) * slabRows), w_ik r_ik x_ij for its
// RL_BLOCK columns j (coalesced along the row) and, in column block 0, w_ik r_ik for the bias.
// Writes gradPartial (slabs, K, n + 1) for models [kBegin, kBegin + kCount).
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_wide_gradient(const float* __restrict__ X, long long n, const int* __restrict__ rows, long long count,
                    const float* __restrict__ wr, int K, int kBegin, int kCount, long long slabRows,
                    float* __restrict__ gradPartial) {
    long long j = (long long)blockIdx.x * RL_BLOCK + threadIdx.x;
    long long first = (long long)blockIdx.y * slabRows;
    long long last = min(count, first + slabRows);
    float acc[RL_KMAX];
    float biasAcc = 0.0f;
#pragma unroll
    for (int k = 0; k < RL_KMAX; k++) {
        acc[k] = 0.0f;
    }
    for (long long r = first; r < last; r++) {
        float xv = j < n ? X[rl_row(rows, r) * n + j] : 0.0f;
#pragma unroll
        for (int k = 0; k < RL_KMAX; k++) {
            if (k < kCount) {
                acc[k] = fmaf(wr[(long long)(kBegin + k) * count + r], xv, acc[k]);
            }
        }
        if (blockIdx.x == 0 && threadIdx.x < kCount) {
            biasAcc += wr[(long long)(kBegin + threadIdx.x) * count + r];
        }
    }
    float* out = gradPartial + (long long)blockIdx.y * K * (n + 1);
#pragma unroll
    for (int k = 0; k < RL_KMAX; k++) {
        if (k < kCount && j < n) {
            out[(kBegin + k) * (n + 1) + j] = acc[k];
        }
    }
    if (blockIdx.x == 0 && threadIdx.x < kCount) {
        out[(kBegin + threadIdx.x) * (n + 1) + n] = biasAcc;
    }
}
