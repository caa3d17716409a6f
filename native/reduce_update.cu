// The deterministic final reduction fused with the update: sums the block partials of the fused (or
// wide) pass in block order, forms the gradient of section 1 of the design, applies the momentum /
// Nesterov step to theta and bias, and (in the last block to finish) writes the loss and gradient norm
// of the parameters it read. Integer atomics only choose that last block; no float result uses atomics.
#include "common.cuh"

// gradPartial is (gradBlocks, K, n + 1) float; lossPartial is (lossBlocks, K) float;
// Pd, V are (K, n + 1) double parameters and velocity; Pf is their float mirror for the passes;
// dataScale (K) = 1 / W_k for a full pass, m / (b W_k) for a batch of b rows (0 for an empty one), l2Scale (K) = lambda_k / W_k, alpha (K);
// gradOut (K, n + 1) double or null; statPartial (K, gridDim.x, 2) double scratch; counter (1) zeroed
// unsigned scratch; stats (K, 2) double = (J_k, |g_k|) of the parameters before the update.
// Grid: (ceil((n + 1) / RL_BLOCK), K); thread (k, j) owns element j of model k.
extern "C" __global__ void __launch_bounds__(RL_BLOCK)
ridge_reduce_update(const float* __restrict__ gradPartial, int gradBlocks, const float* __restrict__ lossPartial,
                    int lossBlocks, long long n, int K, double* __restrict__ Pd, float* __restrict__ Pf,
                    double* __restrict__ V, const double* __restrict__ dataScale,
                    const double* __restrict__ l2Scale, const double* __restrict__ alpha, double mu,
                    int nesterov, int fitIntercept, int applyUpdate, double* __restrict__ gradOut,
                    double* __restrict__ statPartial, unsigned int* __restrict__ counter,
                    double* __restrict__ stats) {
    __shared__ double scratch[RL_BLOCK];
    __shared__ bool lastBlock;
    int k = blockIdx.y;
    long long stride = n + 1;
    long long j = (long long)blockIdx.x * RL_BLOCK + threadIdx.x;
    double gradSq = 0.0;
    double thetaSq = 0.0;
    if (j <= n) {
        double data = 0.0;
        for (int b = 0; b < gradBlocks; b++) {
            data += (double)gradPartial[((long long)b * K + k) * stride + j];
        }
        long long e = (long long)k * stride + j;
        double p = Pd[e];
        bool isBias = j == n;
        double g = isBias ? (fitIntercept ? data * dataScale[k] : 0.0) : data * dataScale[k] + l2Scale[k] * p;
        gradSq = g * g;
        thetaSq = isBias ? 0.0 : p * p;
        if (gradOut != nullptr) {
            gradOut[e] = g;
        }
        // A model whose rate is 0 has stopped: it stays as it is (0 x an overflowed gradient would be NaN), as on
        // the Java backends.
        if (applyUpdate && alpha[k] != 0.0) {
            double v = mu * V[e] + g;
            double direction = nesterov ? g + mu * v : v;
            V[e] = v;
            if (!isBias || fitIntercept) {
                p -= alpha[k] * direction;
            }
            Pd[e] = p;
            Pf[e] = (float)p;
        }
    }
    gradSq = rl_block_sum(gradSq, scratch);
    thetaSq = rl_block_sum(thetaSq, scratch);
    if (threadIdx.x == 0) {
        long long slot = ((long long)k * gridDim.x + blockIdx.x) * 2;
        statPartial[slot] = gradSq;
        statPartial[slot + 1] = thetaSq;
        __threadfence();
        unsigned int done = atomicAdd(counter, 1u);
        lastBlock = done == gridDim.x * gridDim.y - 1;
    }
    __syncthreads();
    if (!lastBlock) {
        return;
    }
    __threadfence();
    for (int model = threadIdx.x; model < K; model += RL_BLOCK) {
        double gs = 0.0;
        double ts = 0.0;
        for (unsigned int b = 0; b < gridDim.x; b++) {
            long long slot = ((long long)model * gridDim.x + b) * 2;
            gs += ((volatile double*)statPartial)[slot];
            ts += ((volatile double*)statPartial)[slot + 1];
        }
        double data = 0.0;
        for (int b = 0; b < lossBlocks; b++) {
            data += (double)lossPartial[(long long)b * K + model];
        }
        stats[model * 2] = 0.5 * dataScale[model] * data + 0.5 * l2Scale[model] * ts;
        stats[model * 2 + 1] = sqrt(gs);
    }
    if (threadIdx.x == 0) {
        *counter = 0u;  // ready for the next launch (kernels on one stream run in order)
    }
}
