#!/usr/bin/env bash
# The CUDA backend's GPU tests on a machine without a GPU, against a stand-in for the driver library
# (native/emulation/driver_standin.cpp) that runs the real kernels on the CPU: JCuda's calls, argument sizes,
# launch shapes, shared memory, CUDA graphs and lifetimes, end to end through the real JCuda natives. It says
# nothing about GPU timing or behaviour (native/gpu-check.sh on a GPU host does). Shapes above
# STANDIN_MAX_CELLS rows x features x models (default 2,000,000) and the tests tagged "large" are left out:
# the CPU emulation runs 256 threads per block and takes minutes on the largest.
# Each stream capture is held open STANDIN_CAPTURE_PAUSE_MS (50) so that CudaThreadsGpuTest's other thread
# calls during one. A second run injects a kernel fault (STANDIN_FAULT_AT_LAUNCH) and checks that the next
# bind recovers (CudaFaultRecoveryTest, which skips elsewhere); a third refuses launches of two kernels
# (STANDIN_FAIL_LAUNCH_OF) and checks that the failed calls free their buffers only after the queued work
# (CudaLaunchFailureTest, which skips elsewhere). Needs g++ (C++20) and java/core built with its tests (mvn
# verify or install). Exit code: the tests',
# or 1 when the stand-in refused a call ("STANDIN ERROR" in the log, even if JCuda's caller carried on).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
core="$root/java/core"
work="$core/target/standin"
mkdir -p "$work/tmp"
g++ -std=c++20 -O1 -shared -fPIC -pthread -Wno-unknown-pragmas -o "$work/libcuda.so.1" \
  "$root/native/emulation/driver_standin.cpp"
deps="$(cd "$core" && mvn -q -B ${MVN_ARGS:-} dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" >/dev/null && cat "$work/classpath.txt")"
set +e
cd "$core"  # as under Maven (GpuTestMain gives jqwik a temporary database)
LD_LIBRARY_PATH="$work${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" RIDGELINE_REQUIRE_GPU=1 STANDIN_LOG="$work/driver.log" \
  STANDIN_CAPTURE_PAUSE_MS=50 timeout 1800 java --add-modules jdk.incubator.vector -Dridgeline.test.maxCells="${STANDIN_MAX_CELLS:-2000000}" \
  -Djava.io.tmpdir="$work/tmp" -cp "$core/target/classes:$core/target/test-classes:$deps" \
  dev.ridgeline.testing.GpuTestMain > "$work/tests.log" 2>&1
status=$?
# Then recovery from a kernel's fault, which only the stand-in can inject: the third kernel run of each of
# the first two contexts faults.
LD_LIBRARY_PATH="$work${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" RIDGELINE_REQUIRE_GPU=1 STANDIN_LOG="$work/driver.log" \
  STANDIN_FAULT_AT_LAUNCH=3:2 timeout 600 java --add-modules jdk.incubator.vector -Djava.io.tmpdir="$work/tmp" \
  -cp "$core/target/classes:$core/target/test-classes:$deps" dev.ridgeline.testing.GpuTestMain \
  dev.ridgeline.engine.cuda.CudaFaultRecoveryTest >> "$work/tests.log" 2>&1
fault_status=$?
# Then calls that fail between their launches: every launch of two kernels refused, the context left usable;
# the stand-in refuses a free of memory that the work queued before the failure uses.
LD_LIBRARY_PATH="$work${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" RIDGELINE_REQUIRE_GPU=1 STANDIN_LOG="$work/driver.log" \
  STANDIN_FAIL_LAUNCH_OF=ridge_clipped_reduce,ridge_predict timeout 600 java --add-modules jdk.incubator.vector \
  -Djava.io.tmpdir="$work/tmp" -cp "$core/target/classes:$core/target/test-classes:$deps" \
  dev.ridgeline.testing.GpuTestMain dev.ridgeline.engine.cuda.CudaLaunchFailureTest >> "$work/tests.log" 2>&1
failure_status=$?
[ "$status" -ne 0 ] || status=$fault_status
[ "$status" -ne 0 ] || status=$failure_status
set -e
grep -E "^(SUCCESSFUL|FAILED|ABORTED|SKIPPED)|tests (successful|failed|aborted)|STANDIN|REQUIRE_GPU|did not run" \
  "$work/tests.log" | grep -v "^SUCCESSFUL" || true
if grep -q "STANDIN ERROR" "$work/tests.log"; then
  echo "standin-check: the driver stand-in refused a call (above; full log $work/tests.log)"
  exit 1
fi
echo "standin-check: GPU tests against the driver stand-in exited $status (log $work/tests.log)"
exit "$status"
