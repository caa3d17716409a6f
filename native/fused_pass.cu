// The fused pass: one read of X computes, for up to RL_KMAX models at once, the residuals, the loss
// partials and the gradient partials of every block. Two instantiations: 8 models per pass for rows of
// n <= RL_NARROW_MAX, and a lean one for a single model (fewer registers, less shared memory) for rows of
// n <= RL_NARROW_MAX_SINGLE. Wider rows take wide_pass.cu.
#include "tile.cuh"

// Whether rows of n features take the narrow gradient layout: at least two groups of n + 1 threads.
__device__ __forceinline__ bool rl_narrow_rows(long long n) {
    return n + 1 <= RL_BLOCK / 2;
}

// Gradient sums of one tile for narrow rows (rl_narrow_rows): the block is cut into groups = RL_BLOCK /
// (n + 1) groups of n + 1 threads; thread j of group g adds w_ik r_ik x_ij (x_in = 1: the bias) over the
// tile rows g, g + groups, ... to acc[k]. Threads past the last group idle. Without this, rows of 64
// features would keep three quarters of the block idle while the other quarter walks every row.
// s_x is (rc, n), s_wr is (rc, KM).
template <int KM>
__device__ __forceinline__ void rl_narrow_gradient_tile(const float* s_x, const float* s_wr, long long n, int rc,
                                                        int group, int groups, int j, int kCount, float acc[KM]) {
    if (group >= groups) {
        return;
    }
    for (int rr = group; rr < rc; rr += groups) {
        float xv = j < n ? s_x[(long long)rr * n + j] : 1.0f;
#pragma unroll
        for (int k = 0; k < KM; k++) {
            if (k < kCount) {
                acc[k] = fmaf(s_wr[rr * KM + k], xv, acc[k]);
            }
        }
    }
}

// Adds the groups' sums of rl_narrow_gradient_tile in group order (fixed, so reproducible): afterwards
// thread j < n + 1 holds in acc[k] the block's sum for column j of model k. scratch holds RL_BLOCK floats
// nobody else reads or writes until this returns. Ends with a barrier.
template <int KM>
__device__ __forceinline__ void rl_narrow_combine(float acc[KM], long long n, int group, int groups, int kCount,
                                                  float* scratch) {
    int width = (int)n + 1;
#pragma unroll
    for (int k = 0; k < KM; k++) {
        if (k < kCount) {  // uniform across the block
            scratch[threadIdx.x] = group < groups ? acc[k] : 0.0f;
            __syncthreads();
            if (threadIdx.x < width) {
                float total = scratch[threadIdx.x];
                for (int g = 1; g < groups; g++) {
                    total += scratch[g * width + threadIdx.x];
                }
                acc[k] = total;
            }
            __syncthreads();
        }
    }
}

// X is (m, n) row-major; P is (K, n + 1) float (theta_k then b_k); Y is (ny, m); Wt is (nw, m);
// ycol, wcol are (K); rows is (count) or null; tileRows is a multiple of 4; kCount <= KM; n <= CPT * RL_BLOCK;
// for narrow rows (rl_narrow_rows) tileRows * n >= RL_BLOCK, as the host's tile sizes give.
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

    // Wide rows: thread t owns the columns t, t + RL_BLOCK, ... of every model (no two threads share a
    // sum), and thread k < kCount sums the bias of model k. Narrow rows: acc[k][0] of thread j of its
    // group (rl_narrow_gradient_tile), column n being the bias.
    bool narrow = rl_narrow_rows(n);
    float acc[KM][CPT];
    float lossMine = 0.0f;  // rl_tile_residuals: the loss of this lane's model
    float biasAcc = 0.0f;
#pragma unroll
    for (int k = 0; k < KM; k++) {
#pragma unroll
        for (int c = 0; c < CPT; c++) {
            acc[k][c] = 0.0f;
        }
    }

    for (long long r0 = (long long)blockIdx.x * tileRows; r0 < count; r0 += (long long)gridDim.x * tileRows) {
        int rc = (int)min((long long)tileRows, count - r0);
        rl_load_tile_targets<KM>(rows, r0, rc, Y, Wt, m, s.ycol, s.wcol, kCount, s.y, s.w);
        rl_load_tile(X, n, rows, r0, rc, s.x);
        rl_tile_residuals<KM>(s.x, s.theta, s.bias, n, rc, s.y, s.w, kCount, s.wr, lossMine);
        if (narrow) {  // uniform across the block
            float column[KM];
#pragma unroll
            for (int k = 0; k < KM; k++) {
                column[k] = acc[k][0];
            }
            int group = (int)threadIdx.x / ((int)n + 1);  // recomputed per tile: fewer live registers
            rl_narrow_gradient_tile<KM>(s.x, s.wr, n, rc, group, RL_BLOCK / ((int)n + 1),
                                        (int)threadIdx.x - group * ((int)n + 1), kCount, column);
#pragma unroll
            for (int k = 0; k < KM; k++) {
                acc[k][0] = column[k];
            }
        } else {
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
        }
        __syncthreads();  // s.x and s.wr are overwritten by the next tile
    }

    long long stride = n + 1;
    float* out = gradPartial + (long long)blockIdx.x * K * stride;
    if (narrow) {
        float column[KM];
#pragma unroll
        for (int k = 0; k < KM; k++) {
            column[k] = acc[k][0];
        }
        rl_narrow_combine<KM>(column, n, (int)threadIdx.x / ((int)n + 1), RL_BLOCK / ((int)n + 1), kCount,
                              s.x);  // s.x is free after the last tile
#pragma unroll
        for (int k = 0; k < KM; k++) {
            if (k < kCount && threadIdx.x < stride) {
                out[(kBegin + k) * stride + threadIdx.x] = column[k];  // columns 0 .. n - 1, then the bias
            }
        }
    } else {
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
    }
    rl_write_loss_partials<KM>(lossMine, s.loss, K, kBegin, kCount, lossPartial);
}

// X is (m, n) row-major, P (K, n + 1), Y (ny, m), Wt (nw, m): up to RL_KMAX models per pass.
// Dynamic shared memory: KernelGeometry.fusedSharedBytes(n, tileRows, RL_KMAX).
// At least 3 resident blocks per SM: without the bound the compiler takes 128 registers and only 2 fit.
extern "C" __global__ void __launch_bounds__(RL_BLOCK, 3)
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
