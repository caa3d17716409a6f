// Loss only: one read of X, residuals and loss partials without the gradient, then the fixed-order
// final sum with the L2 term. Used by BoundProblem.loss(); training steps use the fused pass.
#include "tile.cuh"

// X is (m, n) row-major, P is (K, n + 1) float, Y (ny, m), Wt (nw, m), rows (count) or null: the shapes
// and shared-memory layout of ridge_fused_pass. Writes only lossPartial (gridDim.x, K) = sum of w_ik r_ik^2.
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_loss_pass(const float* __restrict__ X, long long m, long long n, const float* __restrict__ P,
                const float* __restrict__ Y, const float* __restrict__ Wt, const int* __restrict__ ycol,
                const int* __restrict__ wcol, const int* __restrict__ rows, long long count, int K,
                int kBegin, int kCount, int tileRows, float* __restrict__ lossPartial) {
    extern __shared__ __align__(16) float smem[];
    float* s_x = smem;
    float* s_theta = s_x + (long long)tileRows * n;
    float* s_wr = s_theta + (long long)RL_KMAX * n;
    float* s_loss = s_wr + tileRows * RL_KMAX;
    float* s_bias = s_loss + RL_WARPS * RL_KMAX;
    int* s_ycol = (int*)(s_bias + RL_KMAX);
    int* s_wcol = s_ycol + RL_KMAX;

    rl_load_models(P, n, ycol, wcol, kBegin, kCount, s_theta, s_bias, s_ycol, s_wcol);
    float lossAcc[RL_KMAX];
#pragma unroll
    for (int k = 0; k < RL_KMAX; k++) {
        lossAcc[k] = 0.0f;
    }
    for (long long r0 = (long long)blockIdx.x * tileRows; r0 < count; r0 += (long long)gridDim.x * tileRows) {
        int rc = (int)min((long long)tileRows, count - r0);
        rl_load_tile(X, n, rows, r0, rc, s_x);
        rl_tile_residuals(s_x, s_theta, s_bias, n, rows, r0, rc, Y, Wt, m, s_ycol, s_wcol, kCount, s_wr, lossAcc);
    }
    rl_write_loss_partials(lossAcc, s_loss, K, kBegin, kCount, lossPartial);
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
