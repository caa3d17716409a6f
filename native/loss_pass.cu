// Loss only: one read of X, residuals and loss partials without the gradient, then the fixed-order
// final sum with the L2 term. Used by BoundProblem.loss(); training steps use the fused pass.
#include "tile.cuh"

// Loss partials for models [kBegin, kBegin + kCount), kCount <= KM; the shapes and shared-memory
// layout of rl_fused_pass. Writes lossPartial (gridDim.x, K) = sum of w_ik r_ik^2.
template <int KM>
__device__ __forceinline__ void rl_loss_pass(const float* __restrict__ X, long long m, long long n,
                                             const float* __restrict__ P, const float* __restrict__ Y,
                                             const float* __restrict__ Wt, const int* __restrict__ ycol,
                                             const int* __restrict__ wcol, const int* __restrict__ rows,
                                             long long count, int K, int kBegin, int kCount, int tileRows,
                                             float* __restrict__ lossPartial) {
    RL_DYNAMIC_SHARED(smem);
    RlPassShared<KM> s(smem, n, tileRows);
    rl_load_models(P, n, ycol, wcol, kBegin, kCount, s.theta, s.bias, s.ycol, s.wcol);
    float lossMine = 0.0f;  // rl_tile_residuals: the loss of this lane's model
    for (long long r0 = (long long)blockIdx.x * tileRows; r0 < count; r0 += (long long)gridDim.x * tileRows) {
        int rc = (int)min((long long)tileRows, count - r0);
        rl_load_tile_targets<KM>(rows, r0, rc, Y, Wt, m, s.ycol, s.wcol, kCount, s.y, s.w);
        rl_load_tile(X, n, rows, r0, rc, s.x);
        rl_tile_residuals<KM>(s.x, s.theta, s.bias, n, rc, s.y, s.w, kCount, s.wr, lossMine);
    }
    rl_write_loss_partials<KM>(lossMine, s.loss, K, kBegin, kCount, lossPartial);
}

// X is (m, n) row-major, P (K, n + 1), Y (ny, m), Wt (nw, m), rows (count) or null; up to RL_KMAX
// models per pass. Writes lossPartial (gridDim.x, K).
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_loss_pass(const float* __restrict__ X, long long m, long long n, const float* __restrict__ P,
                const float* __restrict__ Y, const float* __restrict__ Wt, const int* __restrict__ ycol,
                const int* __restrict__ wcol, const int* __restrict__ rows, long long count, int K,
                int kBegin, int kCount, int tileRows, float* __restrict__ lossPartial) {
    rl_loss_pass<RL_KMAX>(X, m, n, P, Y, Wt, ycol, wcol, rows, count, K, kBegin, kCount, tileRows, lossPartial);
}

// X is (m, n) row-major, P (K, n + 1), Y (ny, m), Wt (nw, m): one model per pass (kCount = 1).
// At least 4 resident blocks per SM: without the bound the compiler keeps 40 registers on sm_80 and spills.
extern "C" __global__ void __launch_bounds__(RL_BLOCK, 4)
ridge_loss_pass_single(const float* __restrict__ X, long long m, long long n, const float* __restrict__ P,
                       const float* __restrict__ Y, const float* __restrict__ Wt, const int* __restrict__ ycol,
                       const int* __restrict__ wcol, const int* __restrict__ rows, long long count, int K,
                       int kBegin, int kCount, int tileRows, float* __restrict__ lossPartial) {
    rl_loss_pass<1>(X, m, n, P, Y, Wt, ycol, wcol, rows, count, K, kBegin, kCount, tileRows, lossPartial);
}

// lossPartial is (blocks, K) float; Pd is (K, n + 1) double parameters; dataScale, l2Scale are (K)
// double (1 / W and lambda / W). One block per model: out[k] = 0.5 dataScale_k sum_b lossPartial[b, k]
// + 0.5 l2Scale_k |theta_k|^2, every sum in a fixed order.
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_loss_finalize(const float* __restrict__ lossPartial, int blocks, const double* __restrict__ Pd,
                    long long n, int K, const double* __restrict__ dataScale,
                    const double* __restrict__ l2Scale, double* __restrict__ out) {
    __shared__ double scratch[RL_BLOCK];
    int k = blockIdx.x;
    double thetaSq = 0.0;
    for (long long j = threadIdx.x; j < n; j += RL_BLOCK) {
        double t = Pd[k * (n + 1) + j];
        thetaSq += t * t;
    }
    double data = 0.0;
    for (int b = threadIdx.x; b < blocks; b += RL_BLOCK) {
        data += (double)lossPartial[(long long)b * K + k];
    }
    thetaSq = rl_block_sum(thetaSq, scratch);
    data = rl_block_sum(data, scratch);
    if (threadIdx.x == 0) {
        out[k] = 0.5 * dataScale[k] * data + 0.5 * l2Scale[k] * thetaSq;
    }
}
