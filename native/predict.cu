// Predictions of every model on rows that need not be the bound training rows.
#include "common.cuh"

// X is (rows, n) row-major float; Pd is (K, n + 1) double (theta_k then b_k); out is (K, rows) double.
// One warp per row (grid-stride over rows), lanes stride over the columns, products accumulated in
// double like the scalar reference, a butterfly sum per model.
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_predict(const float* __restrict__ X, long long rowCount, long long n, const double* __restrict__ Pd,
              int K, double* __restrict__ out) {
    int lane = threadIdx.x & 31;
    long long warpsTotal = (long long)gridDim.x * RL_WARPS;
    for (long long i = (long long)blockIdx.x * RL_WARPS + (threadIdx.x >> 5); i < rowCount; i += warpsTotal) {
        const float* xr = X + i * n;
        for (int k = 0; k < K; k++) {
            const double* theta = Pd + (long long)k * (n + 1);
            double s = 0.0;
            for (long long j = lane; j < n; j += 32) {
                s += (double)xr[j] * theta[j];
            }
            s = rl_warp_sum(s);
            if (lane == 0) {
                out[(long long)k * rowCount + i] = s + theta[n];
            }
        }
    }
}
