// The fused pass: one read of X computes, for up to RL_KMAX models at once, the residuals, the loss
// partials and the gradient partials of every block. Two instantiations: 8 models per pass for rows of
// n <= RL_NARROW_MAX, and a lean one for a single model (fewer registers, less shared memory) for rows of
// n <= RL_NARROW_MAX_SINGLE. Wider rows take wide_pass.cu.
#include "tile.cuh"

// X is (m, n) row-major; P is (K, n + 1) float (theta_k then b_k); Y is (ny, m); Wt is (nw, m);
// ycol, wcol are (K); rows is (count) or null; tileRows is a multiple of 4; kCount <= KM; n <= CPT * RL_BLOCK.
// Writes gradPartial (gridDim.x, K, n + 1) = sum over the block's rows of w_ik r_ik (x_i, 1) and
// lossPartial (gridDim.x, K) = sum of w_ik r_ik^2, for models [kBegin, kBegin + kCount).
// Block b takes tiles b, b + gridDim.x, ... (a fixed assignment, so the sums are reproducible).
template <int KM, int CPT>
__device__ __forceinline__ void rl_fused_pass(const float* __restrict__ X, long long m, long long n,
                                              const float* __restrict__ P, const float* __restrict__ Y,
                                              const float* __restrict__ Wt, const int* __restrict__ ycol,
                                              const int* __restrict__ wcol, const int* __restrict__ rows,
                                              long long count, int K, int kBegin, int kCount, int tileRows,
                                              float* __restrict__ gradPartial, float* __restrict__ lossPartial) {
    RL_DYNAMIC_SHARED(smem);
    RlPassShared<KM> s(smem, n, tileRows);
    rl_load_models(P, n, ycol, wcol, kBegin, kCount, s.theta, s.bias, s.ycol, s.wcol);

    // Thread t owns the columns t, t + RL_BLOCK, ... of every model: no two threads share a sum.
    float acc[KM][CPT];
    float lossAcc[KM];
    float biasAcc = 0.0f;  // thread k < kCount: sum of w_ik r_ik for model k
#pragma unroll
    for (int k = 0; k < KM; k++) {
        lossAcc[k] = 0.0f;
#pragma unroll
        for (int c = 0; c < CPT; c++) {
            acc[k][c] = 0.0f;
        }
    }

    for (long long r0 = (long long)blockIdx.x * tileRows; r0 < count; r0 += (long long)gridDim.x * tileRows) {
        int rc = (int)min((long long)tileRows, count - r0);
        rl_load_tile(X, n, rows, r0, rc, s.x);
        rl_tile_residuals<KM>(s.x, s.theta, s.bias, n, rows, r0, rc, Y, Wt, m, s.ycol, s.wcol, kCount, s.wr, lossAcc);
#pragma unroll
        for (int c = 0; c < CPT; c++) {
            int j = threadIdx.x + c * RL_BLOCK;
            if (c * RL_BLOCK < n) {  // uniform across the block: skips column groups past the row
                for (int rr = 0; rr < rc; rr++) {
                    float xv = j < n ? s.x[(long long)rr * n + j] : 0.0f;
#pragma unroll
                    for (int k = 0; k < KM; k++) {
                        if (k < kCount) {
                            acc[k][c] = fmaf(s.wr[rr * KM + k], xv, acc[k][c]);
                        }
                    }
                }
            }
        }
        if (threadIdx.x < kCount) {
            for (int rr = 0; rr < rc; rr++) {
                biasAcc += s.wr[rr * KM + threadIdx.x];
            }
        }
        __syncthreads();  // s.x and s.wr are overwritten by the next tile
    }

    long long stride = n + 1;
    float* out = gradPartial + (long long)blockIdx.x * K * stride;
#pragma unroll
    for (int k = 0; k < KM; k++) {
        if (k < kCount) {
#pragma unroll
            for (int c = 0; c < CPT; c++) {
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
    rl_write_loss_partials<KM>(lossAcc, s.loss, K, kBegin, kCount, lossPartial);
}

// X is (m, n) row-major, P (K, n + 1), Y (ny, m), Wt (nw, m): up to RL_KMAX models per pass.
// Dynamic shared memory: KernelGeometry.fusedSharedBytes(n, tileRows, RL_KMAX).
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_fused_pass(const float* __restrict__ X, long long m, long long n, const float* __restrict__ P,
                 const float* __restrict__ Y, const float* __restrict__ Wt, const int* __restrict__ ycol,
                 const int* __restrict__ wcol, const int* __restrict__ rows, long long count, int K,
                 int kBegin, int kCount, int tileRows, float* __restrict__ gradPartial,
                 float* __restrict__ lossPartial) {
    rl_fused_pass<RL_KMAX, RL_COLS_PER_THREAD>(X, m, n, P, Y, Wt, ycol, wcol, rows, count, K, kBegin, kCount, tileRows,
                           gradPartial, lossPartial);
}

// X is (m, n) row-major with n <= RL_NARROW_MAX_SINGLE, P (K, n + 1), Y (ny, m), Wt (nw, m): one model
// per pass (kCount = 1). Dynamic shared memory: KernelGeometry.fusedSharedBytes(n, tileRows, 1).
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_fused_pass_single(const float* __restrict__ X, long long m, long long n, const float* __restrict__ P,
                        const float* __restrict__ Y, const float* __restrict__ Wt, const int* __restrict__ ycol,
                        const int* __restrict__ wcol, const int* __restrict__ rows, long long count, int K,
                        int kBegin, int kCount, int tileRows, float* __restrict__ gradPartial,
                        float* __restrict__ lossPartial) {
    rl_fused_pass<1, RL_COLS_PER_THREAD_SINGLE>(X, m, n, P, Y, Wt, ycol, wcol, rows, count, K, kBegin, kCount, tileRows,
                     gradPartial, lossPartial);
}
