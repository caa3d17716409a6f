// Shared constants and small device helpers for the Ridgeline kernels.
//
// Layout conventions used by every kernel (K models over one X):
//   X      (m, n)      float32, row-major, resident for the whole bind
//   Y      (ny, m)     float32 target columns; model k reads column ycol[k]
//   Wt     (nw, m)     float32 weight columns; model k reads column wcol[k], or unit weights when -1
//   P      (K, n + 1)  float32 mirror of the parameters (theta_k then b_k) that the passes read
//   rows   (count)     batch row indices into X, or null for the rows 0 .. count-1
// The constants below are mirrored on the host in dev.ridgeline.engine.cuda.KernelGeometry.
#pragma once

#define RL_BLOCK 256                               // threads per block for every kernel
#define RL_WARPS (RL_BLOCK / 32)
#define RL_KMAX 8                                  // models per fused pass (K > 8 runs in groups)
#define RL_NARROW_MAX 1024                         // widest row the fused pass holds for RL_KMAX models
#define RL_COLS_PER_THREAD (RL_NARROW_MAX / RL_BLOCK)
#define RL_NARROW_MAX_SINGLE 4096                  // widest row the single-model fused pass holds
#define RL_COLS_PER_THREAD_SINGLE (RL_NARROW_MAX_SINGLE / RL_BLOCK)

#define RL_FULL_MASK 0xffffffffu

// The block's dynamic shared memory as float* NAME (16-byte aligned). Off the GPU (native/emulation)
// the CPU stand-in provides the buffer.
#ifdef __CUDACC__
#define RL_DYNAMIC_SHARED(name) extern __shared__ __align__(16) float name[]
#else
#define RL_DYNAMIC_SHARED(name) float* name = rl_emulated_dynamic_shared()
#endif

// Butterfly sum over a warp. Every lane ends with the same value (a + b == b + a at each stage),
// and the order is fixed, so the result is bitwise reproducible.
__device__ __forceinline__ float rl_warp_sum(float v) {
#pragma unroll
    for (int offset = 16; offset > 0; offset >>= 1) {
        v += __shfl_xor_sync(RL_FULL_MASK, v, offset);
    }
    return v;
}

__device__ __forceinline__ double rl_warp_sum(double v) {
#pragma unroll
    for (int offset = 16; offset > 0; offset >>= 1) {
        v += __shfl_xor_sync(RL_FULL_MASK, v, offset);
    }
    return v;
}

// Fixed-order tree sum over the RL_BLOCK threads of a block; scratch holds RL_BLOCK doubles.
// Every thread gets the total (each reads scratch[0] after the last barrier). Ends with a barrier.
__device__ __forceinline__ double rl_block_sum(double v, double* scratch) {
    scratch[threadIdx.x] = v;
    __syncthreads();
#pragma unroll
    for (int stride = RL_BLOCK / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) {
            scratch[threadIdx.x] += scratch[threadIdx.x + stride];
        }
        __syncthreads();
    }
    double total = scratch[0];
    __syncthreads();
    return total;
}

// Row index of batch position r: rows[r] for a mini-batch, r itself for the full batch.
__device__ __forceinline__ long long rl_row(const int* __restrict__ rows, long long r) {
    return rows == nullptr ? r : (long long)rows[r];
}

// Weight of row i for a model whose weight column is wcol (-1: every row weighs 1).
__device__ __forceinline__ float rl_weight(const float* __restrict__ Wt, int wcol, long long m, long long i) {
    return wcol < 0 ? 1.0f : Wt[(long long)wcol * m + i];
}
