// A CPU stand-in for the few CUDA features the kernels use, so that their code runs unchanged under a
// plain C++ compiler: each block runs on RL_BLOCK std::threads (blocks one after another), barriers are
// std::barrier, warp shuffles exchange through a per-warp buffer. It checks the kernels' indexing, data
// layouts and reduction orders; it says nothing about speed, cp.async alignment or the GPU memory model.
#pragma once
#include <algorithm>
#include <atomic>
#include <barrier>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#define __global__
#define __device__
#define __forceinline__ inline
#define __restrict__
#define __launch_bounds__(...)
#define __shared__ static
#define __align__(x) alignas(x)

struct Dim3 {
    unsigned int x = 1, y = 1, z = 1;
};
inline thread_local Dim3 threadIdx, blockIdx;
inline Dim3 gridDim, blockDim;

// Dynamic shared memory of the block being run (RL_DYNAMIC_SHARED in common.cuh).
alignas(16) inline float emulated_shared[1 << 18];
inline float* rl_emulated_dynamic_shared() {
    return emulated_shared;
}

namespace emu {
struct Block {
    std::unique_ptr<std::barrier<>> all;
    std::vector<std::unique_ptr<std::barrier<>>> warps;
    double exchange[64][32];
};
inline Block* block = nullptr;
}  // namespace emu

inline void __syncthreads() {
    emu::block->all->arrive_and_wait();
}

inline void __threadfence() {
    std::atomic_thread_fence(std::memory_order_seq_cst);
}

template <typename T>
inline T __shfl_xor_sync(unsigned int, T v, int offset) {
    unsigned int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    emu::block->exchange[warp][lane] = (double)v;
    emu::block->warps[warp]->arrive_and_wait();
    T other = (T)emu::block->exchange[warp][lane ^ offset];
    emu::block->warps[warp]->arrive_and_wait();
    return other;
}

inline unsigned int atomicAdd(unsigned int* p, unsigned int v) {
    return std::atomic_ref<unsigned int>(*p).fetch_add(v);
}

// Asynchronous copies land only at __pipeline_wait_prior(0) (the only wait the kernels use), so that a read
// of shared memory before the wait sees the garbage a GPU may show; a block that ends with copies still
// pending is reported and the run fails.
namespace emu {
struct PendingCopy {
    void* dst;
    const void* src;
    size_t bytes;
};
inline thread_local std::vector<PendingCopy> pendingCopies;
}  // namespace emu

inline void __pipeline_memcpy_async(void* dst, const void* src, size_t bytes) {
    emu::pendingCopies.push_back({dst, src, bytes});
}
inline void __pipeline_commit() {}
inline void __pipeline_wait_prior(int) {
    for (const auto& c : emu::pendingCopies) {
        std::memcpy(c.dst, c.src, c.bytes);
    }
    emu::pendingCopies.clear();
}

using std::min;
using std::sqrt;

// Runs body() as a grid of gx x gy blocks of `threads` threads, one block at a time: the same threads
// run every block in turn, with a barrier between blocks (shared memory is reused, as on one SM).
inline void launch(unsigned int gx, unsigned int gy, unsigned int threads, const std::function<void()>& body) {
    gridDim = {gx, gy, 1};
    blockDim = {threads, 1, 1};
    emu::Block b;
    b.all = std::make_unique<std::barrier<>>(threads);
    for (unsigned int w = 0; w < threads / 32; w++) {
        b.warps.push_back(std::make_unique<std::barrier<>>(32));
    }
    emu::block = &b;
    std::vector<std::thread> pool;
    for (unsigned int t = 0; t < threads; t++) {
        pool.emplace_back([&, t] {
            threadIdx = {t, 0, 0};
            for (unsigned int by = 0; by < gy; by++) {
                for (unsigned int bx = 0; bx < gx; bx++) {
                    if (t == 0) {
                        std::memset(emulated_shared, 0xff, sizeof emulated_shared);  // garbage, as on a GPU
                    }
                    b.all->arrive_and_wait();
                    blockIdx = {bx, by, 0};
                    body();
                    if (!emu::pendingCopies.empty()) {
                        std::fprintf(stderr, "block (%u, %u) thread %u ended with %zu asynchronous copies never waited for\n",
                                     bx, by, t, emu::pendingCopies.size());
                        std::exit(1);
                    }
                    b.all->arrive_and_wait();
                }
            }
        });
    }
    for (auto& th : pool) {
        th.join();
    }
}
