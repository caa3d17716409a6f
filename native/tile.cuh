// Loading a tile of rows of X into shared memory, and the residuals of those rows.
#pragma once
#ifdef __CUDACC__
#include <cuda_pipeline.h>
#endif
#include "common.cuh"

// Copies batch positions [r0, r0 + rc) of X into s_x as (rc, n) row-major. Full batch: the rows are
// contiguous in X, copied as 16-byte asynchronous copies (r0 * n is a multiple of 4 because the host
// keeps tileRows a multiple of 4). Mini-batch: rows are gathered one float at a time.
// Waits for every asynchronous copy of the thread and ends with a barrier: s_x (and whatever
// rl_load_tile_targets copied) is ready for every thread.
__device__ __forceinline__ void rl_load_tile(const float* __restrict__ X, long long n,
                                             const int* __restrict__ rows, long long r0, int rc,
                                             float* s_x) {
    long long count = (long long)rc * n;
    if (rows == nullptr) {
        const float* src = X + r0 * n;
        long long vectors = count >> 2;
        for (long long v = threadIdx.x; v < vectors; v += RL_BLOCK) {
            __pipeline_memcpy_async(s_x + 4 * v, src + 4 * v, 16);
        }
        for (long long e = 4 * vectors + threadIdx.x; e < count; e += RL_BLOCK) {
            __pipeline_memcpy_async(s_x + e, src + e, 4);
        }
    } else {
        for (long long e = threadIdx.x; e < count; e += RL_BLOCK) {
            long long rr = e / n;
            long long j = e - rr * n;
            s_x[e] = X[(long long)rows[r0 + rr] * n + j];
        }
    }
    // In both branches: the wait also covers the copies rl_load_tile_targets issued before this call.
    __pipeline_commit();
    __pipeline_wait_prior(0);
    __syncthreads();
}

// Copies the targets and weights of batch positions [r0, r0 + rc) for models [0, kCount) into s_y and s_w,
// both (rc, KM): s_y[rr * KM + k] = Y[ycol_k, i], s_w[rr * KM + k] = Wt[wcol_k, i] (1 without weights).
// Asynchronous, without a wait: call it before rl_load_tile, whose wait covers these copies too, so that
// they travel with the tile of X (a warp would otherwise wait for global memory at every row).
template <int KM>
__device__ __forceinline__ void rl_load_tile_targets(const int* __restrict__ rows, long long r0, int rc,
                                                     const float* __restrict__ Y, const float* __restrict__ Wt,
                                                     long long m, const int* s_ycol, const int* s_wcol, int kCount,
                                                     float* s_y, float* s_w) {
    for (int e = threadIdx.x; e < rc * KM; e += RL_BLOCK) {
        int rr = e / KM;
        int k = e - rr * KM;
        if (k < kCount) {
            long long i = rl_row(rows, r0 + rr);
            __pipeline_memcpy_async(s_y + e, Y + (long long)s_ycol[k] * m + i, 4);
            if (s_wcol[k] < 0) {
                s_w[e] = 1.0f;
            } else {
                __pipeline_memcpy_async(s_w + e, Wt + (long long)s_wcol[k] * m + i, 4);
            }
        }
    }
}

// The model whose warp sums lane `lane` ends with in rl_warp_sum_models<KM>: lanes come in KM runs of
// 32 / KM, one run per model.
template <int KM>
__device__ __forceinline__ int rl_lane_model(int lane) {
    return lane / (32 / KM);
}

// Sums v[k] over the 32 lanes of a warp for every k < KM (a power of two up to 32) and returns the total
// of model rl_lane_model<KM>(lane), the same in each lane of that model's run. First log2(KM) halving
// stages (at offset 16, 8, ...: a lane keeps half of its models and sends its partner the other half),
// then a butterfly over the remaining offsets: KM - 1 + log2(32 / KM) shuffles instead of 5 KM. The order
// is fixed, so the result is reproducible; for KM = 1 it is rl_warp_sum's.
template <int KM>
__device__ __forceinline__ float rl_warp_sum_models(float v[KM]) {
    static_assert(KM >= 1 && KM <= 32 && (KM & (KM - 1)) == 0, "KM must be a power of two up to 32");
    int lane = threadIdx.x & 31;
#pragma unroll
    for (int half = KM / 2, offset = 16; half >= 1; half /= 2, offset /= 2) {
        bool upper = (lane & offset) != 0;
#pragma unroll
        for (int i = 0; i < half; i++) {
            float send = upper ? v[i] : v[i + half];
            float keep = upper ? v[i + half] : v[i];
            v[i] = keep + __shfl_xor_sync(RL_FULL_MASK, send, offset);
        }
    }
    float total = v[0];
#pragma unroll
    for (int offset = 16 / KM; offset > 0; offset >>= 1) {
        total += __shfl_xor_sync(RL_FULL_MASK, total, offset);
    }
    return total;
}

// Residuals of the tile rows for models [kBegin, kBegin + kCount), kCount <= KM: one warp per row, the
// lanes stride over the columns, then rl_warp_sum_models; lane l finishes model k = rl_lane_model<KM>(l).
// Writes s_wr[rr * KM + k] = w_ik * r_ik (the first lane of k's run) and adds w_ik * r_ik^2 to lossMine
// (every lane of k's run holds the same; 0 stays in lanes of k >= kCount). Ends with a barrier.
// s_x is (rc, n), s_theta is (kCount, n), s_bias is (kCount), s_y and s_w (rc, KM) from rl_load_tile_targets.
template <int KM>
__device__ __forceinline__ void rl_tile_residuals(const float* s_x, const float* s_theta, const float* s_bias,
                                                  long long n, int rc,
                                                  const float* s_y, const float* s_w, int kCount, float* s_wr,
                                                  float& lossMine) {
    int warp = threadIdx.x >> 5;
    int lane = threadIdx.x & 31;
    int model = rl_lane_model<KM>(lane);
    for (int rr = warp; rr < rc; rr += RL_WARPS) {
        const float* xr = s_x + (long long)rr * n;
        float dot[KM];
#pragma unroll
        for (int k = 0; k < KM; k++) {
            dot[k] = 0.0f;
        }
        for (long long j = lane; j < n; j += 32) {
            float xv = xr[j];
#pragma unroll
            for (int k = 0; k < KM; k++) {
                if (k < kCount) {
                    dot[k] = fmaf(xv, s_theta[k * n + j], dot[k]);
                }
            }
        }
        if constexpr (KM == 1) {
            // The same sums as below, written as the single-model kernels were when last timed on a GPU:
            // the general form compiles differently and ran 3% slower on 64-feature rows.
            if (kCount > 0) {
                float residual = rl_warp_sum(dot[0]) + s_bias[0] - s_y[rr];
                float wr = s_w[rr] * residual;
                lossMine = fmaf(wr, residual, lossMine);
                if (lane == 0) {
                    s_wr[rr] = wr;
                }
            }
        } else {
            float total = rl_warp_sum_models<KM>(dot);
            if (model < kCount) {
                float residual = total + s_bias[model] - s_y[rr * KM + model];
                float wr = s_w[rr * KM + model] * residual;
                lossMine = fmaf(wr, residual, lossMine);
                if (lane % (32 / KM) == 0) {
                    s_wr[rr * KM + model] = wr;
                }
            }
        }
    }
    __syncthreads();
}

// Copies the float parameters of models [kBegin, kBegin + kCount) and their column indices to shared
// memory. P is (K, n + 1). Ends with a barrier.
__device__ __forceinline__ void rl_load_models(const float* __restrict__ P, long long n,
                                               const int* __restrict__ ycol, const int* __restrict__ wcol,
                                               int kBegin, int kCount, float* s_theta, float* s_bias,
                                               int* s_ycol, int* s_wcol) {
    for (long long e = threadIdx.x; e < (long long)kCount * n; e += RL_BLOCK) {
        long long k = e / n;
        s_theta[e] = P[(kBegin + k) * (n + 1) + (e - k * n)];
    }
    if (threadIdx.x < kCount) {
        int k = kBegin + threadIdx.x;
        s_bias[threadIdx.x] = P[(long long)k * (n + 1) + n];
        s_ycol[threadIdx.x] = ycol[k];
        s_wcol[threadIdx.x] = wcol[k];
    }
    __syncthreads();
}

// Sums the per-warp loss accumulators of a block (lossMine of rl_tile_residuals) in warp order and writes
// them to lossPartial[blockIdx.x * K + kBegin + k]. s_loss holds RL_WARPS * KM floats.
template <int KM>
__device__ __forceinline__ void rl_write_loss_partials(float lossMine, float* s_loss, int K,
                                                       int kBegin, int kCount, float* __restrict__ lossPartial) {
    int warp = threadIdx.x >> 5;
    int lane = threadIdx.x & 31;
    if (lane % (32 / KM) == 0) {
        s_loss[warp * KM + rl_lane_model<KM>(lane)] = lossMine;
    }
    __syncthreads();
    if (threadIdx.x < kCount) {
        float total = 0.0f;
        for (int w = 0; w < RL_WARPS; w++) {
            total += s_loss[w * KM + threadIdx.x];
        }
        lossPartial[(long long)blockIdx.x * K + kBegin + threadIdx.x] = total;
    }
}

// Dynamic shared memory of the fused and loss passes for KM models per pass, carved in this order
// (the host mirror is KernelGeometry.fusedSharedBytes): X tile (tileRows, n), theta (KM, n),
// w r (tileRows, KM), per-warp loss (RL_WARPS, KM), bias (KM), the int column indices (2 KM), then the
// targets and weights of the tile rows (tileRows, KM) each.
template <int KM>
struct RlPassShared {
    float* x;
    float* theta;
    float* wr;
    float* loss;
    float* bias;
    int* ycol;
    int* wcol;
    float* y;
    float* w;

    __device__ __forceinline__ RlPassShared(float* smem, long long n, int tileRows) {
        x = smem;
        theta = x + (long long)tileRows * n;
        wr = theta + (long long)KM * n;
        loss = wr + tileRows * KM;
        bias = loss + RL_WARPS * KM;
        ycol = (int*)(bias + KM);
        wcol = ycol + KM;
        y = (float*)(wcol + KM);
        w = y + tileRows * KM;
    }
};
