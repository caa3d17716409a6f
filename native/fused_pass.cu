// The fused pass: one read of X computes, for up to RL_KMAX models at once, the residuals, the loss
// partials and the gradient partials of every block. Narrow rows only (n <= RL_NARROW_MAX); wider rows
// take wide_pass.cu.
#include "tile.cuh"

// X is (m, n) row-major; P is (K, n + 1) float (theta_k then b_k); Y is (ny, m); Wt is (nw, m);
// ycol, wcol are (K); rows is (count) or null; tileRows is a multiple of 4.
// Writes gradPartial (gridDim.x, K, n + 1) = sum over the block's rows of w_ik r_ik (x_i, 1) and
// lossPartial (gridDim.x, K) = sum of w_ik r_ik^2, for models [kBegin, kBegin + kCount).
// Block b takes tiles b, b + gridDim.x, ... (a fixed assignment, so the sums are reproducible).
// Dynamic shared memory: rl_fused_smem_floats(n, tileRows) floats (see the host's KernelGeometry).
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_fused_pass(const float* __restrict__ X, long long m, long long n, const float* __restrict__ P,
                 const float* __restrict__ Y, const float* __restrict__ Wt, const int* __restrict__ ycol,
                 const int* __restrict__ wcol, const int* __restrict__ rows, long long count, int K,
                 int kBegin, int kCount, int tileRows, float* __restrict__ gradPartial,
                 float* __restrict__ lossPartial) {
    extern __shared__ __align__(16) float smem[];
    float* s_x = smem;                                        // (tileRows, n)
    float* s_theta = s_x + (long long)tileRows * n;          // (RL_KMAX, n), first kCount used
    float* s_wr = s_theta + (long long)RL_KMAX * n;          // (tileRows, RL_KMAX)
    float* s_loss = s_wr + tileRows * RL_KMAX;               // (RL_WARPS, RL_KMAX)
    float* s_bias = s_loss + RL_WARPS * RL_KMAX;             // (RL_KMAX)
    int* s_ycol = (int*)(s_bias + RL_KMAX);                  // (RL_KMAX)
    int* s_wcol = s_ycol + RL_KMAX;                          // (RL_KMAX)

    rl_load_models(P, n, ycol, wcol, kBegin, kCount, s_theta, s_bias, s_ycol, s_wcol);

    // Thread t owns the columns t, t + RL_BLOCK, ... of every model: no two threads share a sum.
    float acc[RL_KMAX][RL_COLS_PER_THREAD];
    float lossAcc[RL_KMAX];
    float biasAcc = 0.0f;  // thread k < kCount: sum of w_ik r_ik for model k
#pragma unroll
    for (int k = 0; k < RL_KMAX; k++) {
        lossAcc[k] = 0.0f;
#pragma unroll
        for (int c = 0; c < RL_COLS_PER_THREAD; c++) {
            acc[k][c] = 0.0f;
        }
    }

    for (long long r0 = (long long)blockIdx.x * tileRows; r0 < count; r0 += (long long)gridDim.x * tileRows) {
        int rc = (int)min((long long)tileRows, count - r0);
        rl_load_tile(X, n, rows, r0, rc, s_x);
        rl_tile_residuals(s_x, s_theta, s_bias, n, rows, r0, rc, Y, Wt, m, s_ycol, s_wcol, kCount, s_wr, lossAcc);
        for (int rr = 0; rr < rc; rr++) {
            const float* xr = s_x + (long long)rr * n;
#pragma unroll
            for (int c = 0; c < RL_COLS_PER_THREAD; c++) {
                int j = threadIdx.x + c * RL_BLOCK;
                float xv = j < n ? xr[j] : 0.0f;
#pragma unroll
                for (int k = 0; k < RL_KMAX; k++) {
                    if (k < kCount) {
                        acc[k][c] = fmaf(s_wr[rr * RL_KMAX + k], xv, acc[k][c]);
                    }
                }
            }
            if (threadIdx.x < kCount) {
                biasAcc += s_wr[rr * RL_KMAX + threadIdx.x];
            }
        }
        __syncthreads();  // s_x and s_wr are overwritten by the next tile
    }

    long long stride = n + 1;
    float* out = gradPartial + (long long)blockIdx.x * K * stride;
#pragma unroll
    for (int k = 0; k < RL_KMAX; k++) {
        if (k < kCount) {
#pragma unroll
            for (int c = 0; c < RL_COLS_PER_THREAD; c++) {
                int j = threadIdx.x + c * RL_BLOCK;
                if (j < n) {
                    out[(kBegin + k) * stride + j] = acc[k][c];
                }
            }
        }
    }
    if (threadIdx.x < kCount) {
        out[(kBegin + threadIdx.x) * stride + n] = biasAcc;
    }
    rl_write_loss_partials(lossAcc, s_loss, K, kBegin, kCount, lossPartial);
}
