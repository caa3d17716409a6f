// A stand-in for the NVIDIA driver library (libcuda.so.1) on a machine without a GPU, for
// native/standin-check.sh: it implements the driver entry points that JCuda 12.6's native library calls on
// Ridgeline's CUDA path, runs the real kernels on the CPU emulation (cuda_on_cpu.hpp: each block on 256
// threads with real barriers and warp shuffles), and refuses what a real driver refuses: calls without a
// live current context, a block size other than the kernels' 256, dynamic shared memory above the
// function's limit, pointer arguments outside device memory, copies outside an allocation, unsafe calls
// during stream capture, the legacy stream while a blocking stream captures, a fatbin without sm_90 code,
// and freeing memory that work queued on a stream since its last wait uses (work runs at once here, but a
// GPU may still be running it: the driver does not promise that cuMemFree waits). Device memory is host
// pages, filled with garbage and followed by a guard page. It checks the host code (JCuda calls, sizes, launch shapes, graphs, lifetimes),
// not GPU timing or behaviour. Every refusal prints "STANDIN ERROR" on stderr and returns an error code.
//
// Shapes: the kernel signatures below (P pointer, L long long, I int, D double) mirror native/*.cu;
// KernelSignatureTest pins those of the host side.
#include "cuda_on_cpu.hpp"
#include "../ridgeline_kernels.cu"

#include <sys/mman.h>
#include <unistd.h>
#include <chrono>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;

namespace standin {
struct Ctx { int refs = 0; bool alive = true; bool faulted = false; int ordinal = 0; int launches = 0; };
struct Func { std::string name, sig; int maxDyn = 48 * 1024; int staticSmem = 0; struct Mod* mod; };
struct Mod { Ctx* ctx; bool loaded = true; std::map<std::string, Func*> f; };
struct Launch { Func* f; unsigned gx, gy; unsigned shared; std::vector<uint64_t> vals; };
struct Graph { std::vector<Launch> l; bool alive = true; };
// queued counts the stream's calls, drained how many of them a wait (synchronize, event, read-back) covered.
// A read-back counts as a wait because it goes into pageable memory (a Java array), where the driver returns
// once the copy, and so the stream's earlier work, is done; into pinned memory it would not. The legacy and
// per-thread streams, cuCtxSynchronize and a legacy-stream wait are not tracked (Ridgeline uses none of them).
struct Strm { Ctx* ctx; bool alive = true; bool blocking = true; bool capturing = false; bool invalid = false; Graph* g = nullptr; std::thread::id capThread; unsigned long long queued = 0, drained = 0; };
struct Ev { double t = 0; Strm* s = nullptr; unsigned long long at = 0; };
// uses: for each stream, the number of its last queued call that reads or writes this allocation.
struct Alloc { size_t size; void* map; size_t mapLen; Ctx* ctx; std::map<Strm*, unsigned long long> uses; };

// The shared state lives on the heap and is never freed, so that reportLiveAtExit (a destructor of the
// library, run after the globals' own destructors) still finds it whole.
std::recursive_mutex& mu = *new std::recursive_mutex();
bool inited = false;
Ctx* primary = nullptr;
thread_local Ctx* current = nullptr;
std::map<uintptr_t, Alloc>& allocs = *new std::map<uintptr_t, Alloc>();
size_t allocated = 0;
int errors = 0;
FILE* logf = nullptr;
std::set<Strm*>& streams = *new std::set<Strm*>();

void log(const char* fmt, ...) {
    if (!logf) {
        const char* p = getenv("STANDIN_LOG");
        logf = p ? fopen(p, "a") : stderr;
    }
    va_list a; va_start(a, fmt); vfprintf(logf, fmt, a); va_end(a); fputc('\n', logf); fflush(logf);
}
CUresult bad(CUresult r, const char* fmt, ...) {
    errors++;
    char b[1000]; va_list a; va_start(a, fmt); vsnprintf(b, sizeof b, fmt, a); va_end(a);
    log("STANDIN ERROR %d: %s", r, b);
    fprintf(stderr, "STANDIN ERROR %d: %s\n", r, b);
    return r;
}
bool capturingHere() {
    for (Strm* s : streams) if (s->alive && s->capturing && s->capThread == std::this_thread::get_id()) return true;
    return false;
}
void invalidateCaptures() {
    for (Strm* s : streams) if (s->capturing && s->capThread == std::this_thread::get_id()) s->invalid = true;
}
#define NEED_CTX(call) \
    if (!inited) return bad(3, "%s before cuInit", call); \
    if (!current || !current->alive) return bad(201, "%s without a live current context (current=%p)", call, (void*)current); \
    if (current->faulted) { log("%s: CUDA_ERROR_ILLEGAL_ADDRESS (the context is faulted)", call); return 700; }
#define UNSAFE_IN_CAPTURE(call) \
    if (capturingHere()) { invalidateCaptures(); return bad(900, "%s during stream capture on this thread", call); }
// The legacy stream (NULL or CU_STREAM_LEGACY, and every synchronous copy) waits for all blocking streams of
// its context, so while one of them is capturing, on any thread, a use of it is refused
// (CUDA_ERROR_STREAM_CAPTURE_IMPLICIT) and the capture is invalidated.
CUresult legacyUse(const char* call) {
    for (Strm* s : streams) {
        if (s->alive && s->ctx == current && s->blocking && s->capturing) {
            s->invalid = true;
            return bad(906, "%s uses the legacy stream while a blocking stream is capturing", call);
        }
    }
    return 0;
}
bool legacy(void* s) { return s == nullptr || s == (void*)1; }
#define LEGACY_STREAM(call, s) \
    if (legacy(s)) if (CUresult r_ = legacyUse(call)) return r_;

const Alloc* find(uintptr_t p, size_t bytes, uintptr_t* base) {
    auto it = allocs.upper_bound(p);
    if (it == allocs.begin()) return nullptr;
    --it;
    if (p >= it->first && p + bytes <= it->first + it->second.size) { if (base) *base = it->first; return &it->second; }
    return nullptr;
}
// A call queued on stream s (not the legacy stream) that uses the allocations holding the given addresses.
Strm* realStream(void* s) { return s == nullptr || s == (void*)1 || s == (void*)2 ? nullptr : (Strm*)s; }
void usedBy(Strm* st, uintptr_t p) {
    auto it = allocs.upper_bound(p);
    if (p == 0 || it == allocs.begin()) return;
    --it;
    if (p < it->first + it->second.size) it->second.uses[st] = st->queued;
}
void queuedOn(void* s, std::initializer_list<uintptr_t> addresses) {
    Strm* st = realStream(s);
    if (!st) return;
    st->queued++;
    for (uintptr_t p : addresses) usedBy(st, p);
}
void queuedLaunch(void* s, const Launch& l) {
    Strm* st = realStream(s);
    if (!st) return;
    st->queued++;
    for (size_t i = 0; i < l.f->sig.size(); i++) if (l.f->sig[i] == 'P') usedBy(st, l.vals[i]);
}
void waited(void* s) { if (Strm* st = realStream(s)) st->drained = st->queued; }

// C signatures: P pointer, L long long, I int, D double (from native/*.cu).
std::map<std::string, std::string> kSig = {
    {"ridge_fused_pass", "PLLPPPPPPLIIIIPP"}, {"ridge_fused_pass_single", "PLLPPPPPPLIIIIPP"},
    {"ridge_loss_pass", "PLLPPPPPPLIIIIP"}, {"ridge_loss_pass_single", "PLLPPPPPPLIIIIP"},
    {"ridge_loss_finalize", "PIPLIPPP"}, {"ridge_reduce_update", "PIPILIPPPPPPDIIIPPPP"},
    {"ridge_wide_residuals", "PLLPPPPPPLIIIPP"}, {"ridge_wide_gradient", "PLPLPIIILP"},
    {"ridge_predict", "PLLPIP"}, {"ridge_clipped_sum", "PLLPPPPPPLIIILDIPP"}, {"ridge_clipped_reduce", "PPILIPP"}};

struct A {
    const std::vector<uint64_t>& v;
    template <class T> T p(int i) const { return (T)(uintptr_t)v[i]; }
    long long L(int i) const { return (long long)v[i]; }
    int I(int i) const { return (int)(uint32_t)v[i]; }
    double D(int i) const { double d; memcpy(&d, &v[i], 8); return d; }
};

// STANDIN_FAULT_AT_LAUNCH=N:C: in each of the first C contexts created (default 1), the Nth kernel run faults
// as a bad address would, leaving the context faulted (every later call on it fails with 700, as on a GPU)
// until it is destroyed.
int contextsCreated = 0;

CUresult run(const Launch& l) {
    const std::string& k = l.f->name;
    const char* faultAt = getenv("STANDIN_FAULT_AT_LAUNCH");
    const char* colon = faultAt ? strchr(faultAt, ':') : nullptr;
    int faultContexts = colon ? atoi(colon + 1) : 1;
    if (faultAt && current->ordinal <= faultContexts && ++current->launches == atoi(faultAt)) {
        current->faulted = true;
        log("injected fault in %s (launch %d of context %d)", k.c_str(), current->launches, current->ordinal);
        return 700;
    }
    // every pointer argument must be null or inside a live allocation
    for (size_t i = 0; i < l.f->sig.size(); i++) {
        if (l.f->sig[i] == 'P' && l.vals[i] != 0 && !find(l.vals[i], 1, nullptr)) {
            return bad(700, "%s: pointer argument %zu = %#llx is not device memory", k.c_str(), i,
                       (unsigned long long)l.vals[i]);
        }
    }
    A a{l.vals};
    log("launch %s grid %ux%u shared %u", k.c_str(), l.gx, l.gy, l.shared);
    auto go = [&](auto body) { launch(l.gx, l.gy, RL_BLOCK, body); };
    if (k == "ridge_fused_pass" || k == "ridge_fused_pass_single") {
        bool single = k == "ridge_fused_pass_single";
        go([&] {
            auto f = single ? ridge_fused_pass_single : ridge_fused_pass;
            f(a.p<const float*>(0), a.L(1), a.L(2), a.p<const float*>(3), a.p<const float*>(4), a.p<const float*>(5),
              a.p<const int*>(6), a.p<const int*>(7), a.p<const int*>(8), a.L(9), a.I(10), a.I(11), a.I(12), a.I(13),
              a.p<float*>(14), a.p<float*>(15));
        });
    } else if (k == "ridge_loss_pass" || k == "ridge_loss_pass_single") {
        bool single = k == "ridge_loss_pass_single";
        go([&] {
            auto f = single ? ridge_loss_pass_single : ridge_loss_pass;
            f(a.p<const float*>(0), a.L(1), a.L(2), a.p<const float*>(3), a.p<const float*>(4), a.p<const float*>(5),
              a.p<const int*>(6), a.p<const int*>(7), a.p<const int*>(8), a.L(9), a.I(10), a.I(11), a.I(12), a.I(13),
              a.p<float*>(14));
        });
    } else if (k == "ridge_loss_finalize") {
        go([&] {
            ridge_loss_finalize(a.p<const float*>(0), a.I(1), a.p<const double*>(2), a.L(3), a.I(4),
                                a.p<const double*>(5), a.p<const double*>(6), a.p<double*>(7));
        });
    } else if (k == "ridge_reduce_update") {
        go([&] {
            ridge_reduce_update(a.p<const float*>(0), a.I(1), a.p<const float*>(2), a.I(3), a.L(4), a.I(5),
                                a.p<double*>(6), a.p<float*>(7), a.p<double*>(8), a.p<const double*>(9),
                                a.p<const double*>(10), a.p<const double*>(11), a.D(12), a.I(13), a.I(14), a.I(15),
                                a.p<double*>(16), a.p<double*>(17), a.p<unsigned int*>(18), a.p<double*>(19));
        });
    } else if (k == "ridge_wide_residuals") {
        go([&] {
            ridge_wide_residuals(a.p<const float*>(0), a.L(1), a.L(2), a.p<const float*>(3), a.p<const float*>(4),
                                 a.p<const float*>(5), a.p<const int*>(6), a.p<const int*>(7), a.p<const int*>(8),
                                 a.L(9), a.I(10), a.I(11), a.I(12), a.p<float*>(13), a.p<float*>(14));
        });
    } else if (k == "ridge_wide_gradient") {
        go([&] {
            ridge_wide_gradient(a.p<const float*>(0), a.L(1), a.p<const int*>(2), a.L(3), a.p<const float*>(4), a.I(5),
                                a.I(6), a.I(7), a.L(8), a.p<float*>(9));
        });
    } else if (k == "ridge_predict") {
        go([&] { ridge_predict(a.p<const float*>(0), a.L(1), a.L(2), a.p<const double*>(3), a.I(4), a.p<double*>(5)); });
    } else if (k == "ridge_clipped_sum") {
        go([&] {
            ridge_clipped_sum(a.p<const float*>(0), a.L(1), a.L(2), a.p<const double*>(3), a.p<const float*>(4),
                              a.p<const float*>(5), a.p<const int*>(6), a.p<const int*>(7), a.p<const int*>(8), a.L(9),
                              a.I(10), a.I(11), a.I(12), a.L(13), a.D(14), a.I(15), a.p<double*>(16), a.p<int*>(17));
        });
    } else if (k == "ridge_clipped_reduce") {
        go([&] {
            ridge_clipped_reduce(a.p<const double*>(0), a.p<const int*>(1), a.I(2), a.L(3), a.I(4), a.p<double*>(5),
                                 a.p<int*>(6));
        });
    } else {
        return bad(500, "no emulation for %s", k.c_str());
    }
    return 0;
}
double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
int sms() { const char* s = getenv("STANDIN_SMS"); return s ? atoi(s) : 2; }
}  // namespace standin

using namespace standin;
#define LOCK std::lock_guard<std::recursive_mutex> g_(mu)

extern "C" {
CUresult cuInit(unsigned int flags) { LOCK; log("cuInit(%u)", flags); inited = true; return 0; }
CUresult cuDriverGetVersion(int* v) { *v = 13000; return 0; }
CUresult cuDeviceGetCount(int* c) { LOCK; if (!inited) return bad(3, "cuDeviceGetCount before cuInit"); *c = 1; return 0; }
CUresult cuDeviceGet(CUdevice* d, int ordinal) { LOCK; if (!inited) return bad(3, "cuDeviceGet before cuInit"); if (ordinal != 0) return bad(101, "device %d", ordinal); *d = 0; return 0; }
CUresult cuDeviceGetName(char* name, int len, CUdevice) { snprintf(name, len, "stand-in driver (CPU emulation)"); return 0; }
CUresult cuDeviceGetAttribute(int* v, int attr, CUdevice) {
    LOCK;
    switch (attr) {
        case 16: *v = sms(); break;            // MULTIPROCESSOR_COUNT
        case 97: *v = 232448; break;           // MAX_SHARED_MEMORY_PER_BLOCK_OPTIN
        case 8: *v = 49152; break;             // MAX_SHARED_MEMORY_PER_BLOCK
        case 75: *v = 9; break;                // CC major
        case 76: *v = 0; break;                // CC minor
        case 20: *v = 0; break;                // COMPUTE_MODE: default, any process may use it
        default: log("cuDeviceGetAttribute(%d) unknown -> 0", attr); *v = 0;
    }
    return 0;
}
CUresult cuDevicePrimaryCtxRetain(void** ctx, CUdevice) {
    LOCK; if (!inited) return bad(3, "retain before cuInit");
    if (!primary || !primary->alive) {
        primary = new Ctx(); primary->ordinal = ++contextsCreated;
        log("primary context %d created %p", primary->ordinal, (void*)primary);
    }
    primary->refs++; *ctx = primary; log("cuDevicePrimaryCtxRetain -> refs %d", primary->refs); return 0;
}
CUresult cuDevicePrimaryCtxRelease_v2(CUdevice) {
    LOCK;
    if (!primary || !primary->alive || primary->refs <= 0) return bad(201, "cuDevicePrimaryCtxRelease without a retained context");
    primary->refs--;
    log("cuDevicePrimaryCtxRelease -> refs %d", primary->refs);
    if (primary->refs == 0) {
        primary->alive = false;
        size_t leaked = 0; int n = 0;
        for (auto it = allocs.begin(); it != allocs.end();) {
            if (it->second.ctx == primary) { leaked += it->second.size; n++; munmap(it->second.map, it->second.mapLen); allocated -= it->second.size; it = allocs.erase(it); }
            else ++it;
        }
        int liveStreams = 0;
        for (Strm* s : streams) if (s->ctx == primary && s->alive) { liveStreams++; s->alive = false; }
        log("primary context destroyed: %d allocations (%zu bytes) and %d streams still live were released with it", n, leaked, liveStreams);
        if (n || liveStreams) fprintf(stderr, "STANDIN NOTE: context destroyed with %d live allocations, %d live streams\n", n, liveStreams);
    }
    return 0;
}
CUresult cuDevicePrimaryCtxGetState(CUdevice, unsigned int* flags, int* active) {
    LOCK; if (!inited) return bad(3, "cuDevicePrimaryCtxGetState before cuInit");
    *flags = 0; *active = primary && primary->alive && primary->refs > 0; return 0;
}
// The primary context may stay retained until the process ends (Ridgeline keeps it for the JVM's life), so
// memory and streams a test forgot are reported here, at exit, as refusals are.
__attribute__((destructor)) void reportLiveAtExit() {
    LOCK;
    size_t bytes = 0; int n = 0, liveStreams = 0;
    for (auto& a : allocs) { bytes += a.second.size; n++; }
    for (Strm* s : streams) if (s->alive) liveStreams++;
    log("at exit: %d allocations (%zu bytes) and %d streams live", n, bytes, liveStreams);
    if (n || liveStreams) bad(0, "at exit %d allocations (%zu bytes) and %d streams were never freed", n, bytes, liveStreams);
}
// As the driver: before cuInit no context can be current, and the call says the driver is not initialised.
CUresult cuCtxGetCurrent(void** ctx) {
    LOCK; if (!inited) return 3;
    *ctx = current; return 0;
}
CUresult cuCtxSetCurrent(void* ctx) {
    LOCK;
    Ctx* c = (Ctx*)ctx;
    if (c && !c->alive) return bad(201, "cuCtxSetCurrent(%p) of a destroyed context", ctx);
    current = c; return 0;
}
CUresult cuStreamCreate(void** s, unsigned int flags) {
    LOCK; NEED_CTX("cuStreamCreate"); UNSAFE_IN_CAPTURE("cuStreamCreate");
    Strm* st = new Strm(); st->ctx = current; st->blocking = (flags & 1) == 0; streams.insert(st); *s = st;
    log("cuStreamCreate(flags %u) %p", flags, (void*)st); return 0;
}
CUresult cuStreamDestroy_v2(void* s) {
    LOCK; NEED_CTX("cuStreamDestroy");
    Strm* st = (Strm*)s;
    if (!streams.count(st) || !st->alive) return bad(400, "cuStreamDestroy of an invalid stream");
    if (st->capturing) return bad(900, "cuStreamDestroy while capturing");
    st->alive = false; return 0;
}
static CUresult checkStream(void* s, const char* call) {
    if (s == nullptr || s == (void*)1 || s == (void*)2) return 0;
    Strm* st = (Strm*)s;
    if (!streams.count(st) || !st->alive) return bad(400, "%s on an invalid stream %p", call, s);
    if (st->ctx != current) return bad(400, "%s on a stream of another context", call);
    return 0;
}
CUresult cuStreamSynchronize(void* s) {
    LOCK; NEED_CTX("cuStreamSynchronize");
    if (CUresult r = checkStream(s, "cuStreamSynchronize")) return r;
    if (s && ((Strm*)s)->capturing) { ((Strm*)s)->invalid = true; return bad(900, "cuStreamSynchronize of a capturing stream"); }
    waited(s);
    return 0;
}
CUresult cuMemGetInfo_v2(size_t* fr, size_t* total) {
    LOCK; NEED_CTX("cuMemGetInfo");
    size_t t = 150011330560ull; *total = t; *fr = t - (600ull << 20) - allocated; return 0;
}
CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t bytes) {
    LOCK; NEED_CTX("cuMemAlloc"); UNSAFE_IN_CAPTURE("cuMemAlloc");
    if (bytes == 0) return bad(1, "cuMemAlloc of 0 bytes");
    size_t page = sysconf(_SC_PAGESIZE);
    size_t body = (bytes + page - 1) / page * page;
    size_t len = body + page;
    void* m = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) return bad(2, "cuMemAlloc(%zu): out of memory", bytes);
    mprotect((char*)m + body, page, PROT_NONE);
    size_t rounded = (bytes + 3) & ~(size_t)3;
    uintptr_t start = (uintptr_t)m + body - rounded;   // the guard page follows the last byte
    memset((void*)start, 0xA5, rounded);                // garbage, as on a device
    allocs[start] = Alloc{bytes, m, len, current};
    allocated += bytes;
    *p = start; return 0;
}
CUresult cuMemFree_v2(CUdeviceptr p) {
    LOCK; NEED_CTX("cuMemFree"); UNSAFE_IN_CAPTURE("cuMemFree");
    auto it = allocs.find(p);
    if (it == allocs.end()) return bad(1, "cuMemFree(%#llx): not an allocation base", p);
    for (auto& [st, last] : it->second.uses) {
        if (st->drained < last) {
            return bad(1, "cuMemFree(%#llx): stream %p may still be running work queued on it that uses this memory"
                       " (call %llu, the last wait covered %llu)", p, (void*)st, last, st->drained);
        }
    }
    munmap(it->second.map, it->second.mapLen); allocated -= it->second.size; allocs.erase(it); return 0;
}
CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void* src, size_t bytes, void* s) {
    LOCK; NEED_CTX("cuMemcpyHtoDAsync");
    if (CUresult r = checkStream(s, "cuMemcpyHtoDAsync")) return r;
    LEGACY_STREAM("cuMemcpyHtoDAsync", s);
    if (s && ((Strm*)s)->capturing) { ((Strm*)s)->invalid = true; return bad(900, "pageable cuMemcpyHtoDAsync into a capturing stream"); }
    if (bytes == 0) return 0;
    if (!find(dst, bytes, nullptr)) return bad(1, "cuMemcpyHtoDAsync(%#llx, %zu bytes) outside any allocation", dst, bytes);
    memcpy((void*)dst, src, bytes); queuedOn(s, {dst}); return 0;
}
CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t bytes) {
    LOCK; NEED_CTX("cuMemcpyDtoH"); UNSAFE_IN_CAPTURE("cuMemcpyDtoH");
    if (CUresult r = legacyUse("cuMemcpyDtoH")) return r;
    if (bytes == 0) return 0;
    if (!find(src, bytes, nullptr)) return bad(1, "cuMemcpyDtoH(%#llx, %zu bytes) outside any allocation", src, bytes);
    memcpy(dst, (void*)src, bytes); return 0;
}
// Into pageable memory (a Java array): it returns once the copy is done, after the stream's earlier work.
CUresult cuMemcpyDtoHAsync_v2(void* dst, CUdeviceptr src, size_t bytes, void* s) {
    LOCK; NEED_CTX("cuMemcpyDtoHAsync");
    if (CUresult r = checkStream(s, "cuMemcpyDtoHAsync")) return r;
    LEGACY_STREAM("cuMemcpyDtoHAsync", s);
    if (s && ((Strm*)s)->capturing) { ((Strm*)s)->invalid = true; return bad(900, "pageable cuMemcpyDtoHAsync from a capturing stream"); }
    if (bytes == 0) return 0;
    if (!find(src, bytes, nullptr)) return bad(1, "cuMemcpyDtoHAsync(%#llx, %zu bytes) outside any allocation", src, bytes);
    memcpy(dst, (void*)src, bytes); waited(s); return 0;
}
CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes, void* s) {
    LOCK; NEED_CTX("cuMemcpyDtoDAsync");
    if (CUresult r = checkStream(s, "cuMemcpyDtoDAsync")) return r;
    LEGACY_STREAM("cuMemcpyDtoDAsync", s);
    if (!find(src, bytes, nullptr) || !find(dst, bytes, nullptr)) return bad(1, "cuMemcpyDtoDAsync outside allocations");
    memcpy((void*)dst, (void*)src, bytes); queuedOn(s, {dst, src}); return 0;
}
CUresult cuMemsetD32Async(CUdeviceptr dst, unsigned int v, size_t n, void* s) {
    LOCK; NEED_CTX("cuMemsetD32Async");
    if (CUresult r = checkStream(s, "cuMemsetD32Async")) return r;
    LEGACY_STREAM("cuMemsetD32Async", s);
    if (s && ((Strm*)s)->capturing) { ((Strm*)s)->invalid = true; return bad(900, "memset in capture (not emulated)"); }
    if (dst % 4) return bad(1, "cuMemsetD32Async: misaligned");
    if (n && !find(dst, n * 4, nullptr)) return bad(1, "cuMemsetD32Async(%#llx, %zu words) outside any allocation", dst, n);
    for (size_t i = 0; i < n; i++) ((uint32_t*)dst)[i] = v;
    queuedOn(s, {dst});
    return 0;
}
CUresult cuModuleLoadData(void** mod, const void* image) {
    LOCK; NEED_CTX("cuModuleLoadData"); UNSAFE_IN_CAPTURE("cuModuleLoadData");
    const unsigned char* d = (const unsigned char*)image;
    uint32_t magic; memcpy(&magic, d, 4);
    if (magic != 0xBA55ED50u) return bad(200, "cuModuleLoadData: not a fatbin (magic %#x)", magic);
    uint16_t hs; uint64_t fs; memcpy(&hs, d + 6, 2); memcpy(&fs, d + 8, 8);
    bool sm90 = false;
    for (size_t p = hs; p < hs + fs;) {
        uint16_t kind; uint32_t ehs, sm; uint64_t ps;
        memcpy(&kind, d + p, 2); memcpy(&ehs, d + p + 4, 4); memcpy(&ps, d + p + 8, 8); memcpy(&sm, d + p + 28, 4);
        log("fatbin entry kind %u sm %u size %llu", kind, sm, (unsigned long long)ps);
        if (kind == 2 && sm == 90) sm90 = true;
        p += ehs + ps;
    }
    if (!sm90) return bad(209, "cuModuleLoadData: no sm_90 SASS (CUDA_ERROR_NO_BINARY_FOR_GPU)");
    Mod* m = new Mod(); m->ctx = current;
    for (auto& [name, sig] : kSig) {
        Func* f = new Func(); f->name = name; f->sig = sig; f->mod = m;
        f->staticSmem = name == "ridge_loss_finalize" ? 2048 : name == "ridge_reduce_update" ? 2064 :
                        name == "ridge_clipped_sum" ? 3072 : name == "ridge_wide_residuals" ? 256 : 0;
        m->f[name] = f;
    }
    *mod = m; return 0;
}
CUresult cuModuleGetFunction(void** f, void* mod, const char* name) {
    LOCK; NEED_CTX("cuModuleGetFunction");
    Mod* m = (Mod*)mod;
    if (!m->loaded) return bad(400, "cuModuleGetFunction on an unloaded module");
    auto it = m->f.find(name);
    if (it == m->f.end()) return bad(500, "cuModuleGetFunction(%s): not found", name);
    *f = it->second; return 0;
}
CUresult cuModuleUnload(void* mod) {
    LOCK; NEED_CTX("cuModuleUnload"); UNSAFE_IN_CAPTURE("cuModuleUnload");
    Mod* m = (Mod*)mod;
    if (!m->loaded) return bad(400, "cuModuleUnload twice");
    m->loaded = false; return 0;
}
CUresult cuFuncSetAttribute(void* fn, int attr, int value) {
    LOCK; NEED_CTX("cuFuncSetAttribute");
    Func* f = (Func*)fn;
    if (attr == 8) {  // CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES
        if (value < 0 || value + f->staticSmem > 232448) return bad(1, "cuFuncSetAttribute(%s, max dynamic shared %d) too large", f->name.c_str(), value);
        f->maxDyn = value; log("cuFuncSetAttribute(%s, max dynamic shared = %d)", f->name.c_str(), value); return 0;
    }
    return bad(1, "cuFuncSetAttribute(%d) not emulated", attr);
}
CUresult cuOccupancyMaxActiveBlocksPerMultiprocessor(int* n, void* fn, int blockSize, size_t dyn) {
    LOCK; NEED_CTX("cuOccupancy");
    Func* f = (Func*)fn;
    if (blockSize != 256) return bad(1, "occupancy for block %d", blockSize);
    long per = (long)dyn + f->staticSmem + 1024;
    int bySmem = (int)(233472 / per);
    // By registers, as ptxas reports them for sm_90: the 8-model fused pass 80 (3 blocks of 256 threads in
    // 64K registers), every other kernel 64 or fewer (4 blocks).
    int byRegs = f->name == "ridge_fused_pass" ? 3 : 4;
    *n = dyn > (size_t)f->maxDyn ? 0 : std::min(bySmem, byRegs);
    log("occupancy %s dyn %zu -> %d", f->name.c_str(), dyn, *n); return 0;
}
// STANDIN_FAIL_LAUNCH_OF=name[,name...]: every direct launch of those kernels (not one inside a graph) is
// refused with CUDA_ERROR_INVALID_VALUE before it runs, leaving the context usable: a call that fails between
// launches.
bool injectedFailure(const std::string& kernel) {
    const char* names = getenv("STANDIN_FAIL_LAUNCH_OF");
    if (!names) return false;
    std::string list = std::string(",") + names + ",";
    if (list.find("," + kernel + ",") == std::string::npos) return false;
    log("injected launch failure of %s", kernel.c_str());
    return true;
}
CUresult cuLaunchKernel(void* fn, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, void* s, void** params, void** extra) {
    LOCK; NEED_CTX("cuLaunchKernel");
    Func* f = (Func*)fn;
    if (!f || !f->mod->loaded) return bad(400, "cuLaunchKernel of an unloaded function");
    if (f->mod->ctx != current) return bad(400, "cuLaunchKernel(%s) of a module from another context", f->name.c_str());
    if (CUresult r = checkStream(s, "cuLaunchKernel")) return r;
    LEGACY_STREAM("cuLaunchKernel", s);
    if (bx != 256 || by != 1 || bz != 1) return bad(1, "%s: block %ux%ux%u, kernels are written for 256", f->name.c_str(), bx, by, bz);
    if (gx < 1 || gy < 1 || gz != 1 || gy > 65535) return bad(1, "%s: grid %ux%ux%u", f->name.c_str(), gx, gy, gz);
    if (shared > (unsigned)f->maxDyn) return bad(1, "%s: %u B dynamic shared > allowed %d", f->name.c_str(), shared, f->maxDyn);
    if (shared > sizeof(emulated_shared)) return bad(1, "emulated shared too small");
    if (extra) return bad(1, "extra != null");
    if (!params) return bad(1, "kernelParams null");
    Launch l{f, gx, gy, shared, {}};
    for (size_t i = 0; i < f->sig.size(); i++) {
        uint64_t v = 0;
        char t = f->sig[i];
        if (t == 'I') { int32_t x; memcpy(&x, params[i], 4); v = (uint32_t)x; }
        else memcpy(&v, params[i], 8);
        l.vals.push_back(v);
    }
    if (s && ((Strm*)s)->capturing) {
        Strm* st = (Strm*)s;
        if (!st->invalid) st->g->l.push_back(l);
        log("captured %s", f->name.c_str());
        return 0;
    }
    if (injectedFailure(f->name)) return 1;
    queuedLaunch(s, l);
    return run(l);
}
// STANDIN_CAPTURE_PAUSE_MS=N: a capture, once begun, waits N ms (other threads may call meanwhile), so that
// a test of calls from another thread during a capture meets one every time.
CUresult cuStreamBeginCapture_v2(void* s, int mode) {
    std::unique_lock<std::recursive_mutex> lock(mu);
    NEED_CTX("cuStreamBeginCapture");
    if (!s || s == (void*)1 || s == (void*)2) return bad(1, "capture of the NULL stream");
    if (CUresult r = checkStream(s, "cuStreamBeginCapture")) return r;
    Strm* st = (Strm*)s;
    if (st->capturing) return bad(900, "capture already active");
    log("cuStreamBeginCapture(mode %d)", mode);
    st->capturing = true; st->invalid = false; st->g = new Graph(); st->capThread = std::this_thread::get_id();
    const char* pause = getenv("STANDIN_CAPTURE_PAUSE_MS");
    if (pause) {
        lock.unlock();
        std::this_thread::sleep_for(std::chrono::milliseconds(atoi(pause)));
    }
    return 0;
}
CUresult cuStreamEndCapture(void* s, void** graph) {
    LOCK; NEED_CTX("cuStreamEndCapture");
    Strm* st = (Strm*)s;
    if (!st->capturing) return bad(1, "cuStreamEndCapture without capture");
    st->capturing = false;
    if (st->invalid) { *graph = nullptr; delete st->g; st->g = nullptr; return bad(901, "capture invalidated"); }
    *graph = st->g; st->g = nullptr; log("cuStreamEndCapture: %zu kernels", ((Graph*)*graph)->l.size()); return 0;
}
CUresult cuGraphInstantiateWithFlags(void** exec, void* graph, unsigned long long flags) {
    LOCK; NEED_CTX("cuGraphInstantiate");
    if (!graph || !((Graph*)graph)->alive) return bad(400, "instantiate of an invalid graph");
    Graph* e = new Graph(*(Graph*)graph); *exec = e; return 0;
}
CUresult cuGraphLaunch(void* exec, void* s) {
    LOCK; NEED_CTX("cuGraphLaunch");
    if (CUresult r = checkStream(s, "cuGraphLaunch")) return r;
    LEGACY_STREAM("cuGraphLaunch", s);
    Graph* e = (Graph*)exec;
    if (!e || !e->alive) return bad(400, "launch of a destroyed graph exec");
    for (auto& l : e->l) {
        if (!l.f->mod->loaded) return bad(400, "graph launch after its module was unloaded");
        queuedLaunch(s, l);
        if (CUresult r = run(l)) return r;
    }
    return 0;
}
CUresult cuGraphExecDestroy(void* e) { LOCK; if (!e || !((Graph*)e)->alive) return bad(400, "graph exec destroyed twice"); ((Graph*)e)->alive = false; return 0; }
CUresult cuGraphDestroy(void* g) { LOCK; if (!g || !((Graph*)g)->alive) return bad(400, "graph destroyed twice / null"); ((Graph*)g)->alive = false; return 0; }
CUresult cuEventCreate(void** e, unsigned int) { LOCK; NEED_CTX("cuEventCreate"); *e = new Ev(); return 0; }
CUresult cuEventRecord(void* e, void* s) { LOCK; NEED_CTX("cuEventRecord"); if (CUresult r = checkStream(s, "cuEventRecord")) return r; Ev* ev = (Ev*)e; ev->t = now(); ev->s = realStream(s); ev->at = ev->s ? ev->s->queued : 0; return 0; }
CUresult cuEventSynchronize(void* e) {
    LOCK; NEED_CTX("cuEventSynchronize"); UNSAFE_IN_CAPTURE("cuEventSynchronize");
    Ev* ev = (Ev*)e;
    if (ev->s && ev->s->drained < ev->at) ev->s->drained = ev->at;
    return 0;
}
CUresult cuEventElapsedTime(float* ms, void* a, void* b) { LOCK; *ms = (float)((((Ev*)b)->t - ((Ev*)a)->t) * 1e3); if (*ms <= 0) *ms = 1e-3f; return 0; }
CUresult cuEventDestroy_v2(void* e) { LOCK; delete (Ev*)e; return 0; }
CUresult cuGetErrorName(int, const char** s) { *s = "STANDIN_ERROR"; return 0; }
CUresult cuGetErrorString(int, const char** s) { *s = "stand-in driver error (see STANDIN ERROR on stderr)"; return 0; }
}
