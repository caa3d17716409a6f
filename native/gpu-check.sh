#!/usr/bin/env bash
# The CUDA checks for a GPU host, in one prepared call. Two steps:
#
#   native/gpu-check.sh prepare      here (Maven, JDK): builds the jars with the kernels, the GPU tests and
#                                    a trimmed Java runtime into .gpu-bundle (../shared/gpu/bundle.sh)
#   native/gpu-check.sh run          on the GPU host (no Java or Maven needed): writes every log under
#                                    $OUT (default ./gpu-check-out)
#
# run does, each step under a time limit so one hang cannot eat the session:
#   1. nvidia-smi and `ridgeline info`
#   2. `ridgeline doctor` (every backend vs the scalar reference, determinism, bandwidth of a 1 GiB epoch
#      and the amortised epoch of a 4 MiB problem next to a device-to-device copy), text and JSON
#   3. the GPU tests (CudaBackendGpuTest, CudaAvailabilityTest, FatbinTest; JUnit without Maven)
#   4. per-epoch benchmark at X = 1 GiB and at a few MB, with and without CUDA graphs
#   5. shared/gpu/torch_peer.py (copied into the bundle) on the same shapes, if PyTorch is installed
# With the device tool:  run(command="native/gpu-check.sh run", carry=[".gpu-bundle"], timeout_s=540)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bundle=$root/.gpu-bundle
# The shared GPU helpers (bundle.sh, torch_peer.py): $RIDGELINE_SHARED, else shared/ or ../shared.
shared=${RIDGELINE_SHARED:-}
for c in "$root/shared" "$root/../shared" "$root/../../shared"; do
  [ -z "$shared" ] && [ -f "$c/gpu/bundle.sh" ] && shared=$(cd "$c" && pwd)
done
BIG=${GPU_CHECK_BIG:-4194304x64,1048576x256,262144x1024,65536x4096}
SMALL=${GPU_CHECK_SMALL:-16384x64,8192x128}

prepare() {
  set -e
  cd "$root"
  local stage=target/gpu-check
  rm -rf "$stage" && mkdir -p "$stage/deps"
  # One reactor call: the jars (kernels included), the test classes, and every dependency jar.
  mvn -q -B -pl java/cli -am test-compile package dependency:copy-dependencies -DskipTests \
    -DincludeScope=test -DexcludeArtifactIds=onnxruntime -DoutputDirectory="$root/$stage/deps"
  "${JAVA_HOME:+$JAVA_HOME/bin/}jar" cf "$stage/ridgeline-core-tests.jar" -C java/core/target/test-classes .
  rm -f "$stage"/deps/ridgeline-core-*.jar
  mkdir -p "$(git rev-parse --git-dir)/info"  # bundle.sh records .gpu-bundle there (absent in worktrees)
  [ -n "$shared" ] || { echo "gpu-check: shared/gpu/bundle.sh not found (set RIDGELINE_SHARED)" >&2; exit 1; }
  "$shared/gpu/bundle.sh" -o .gpu-bundle java/core/target/ridgeline-core-*-SNAPSHOT.jar \
    java/cli/target/ridgeline-cli-*-SNAPSHOT.jar "$stage/ridgeline-core-tests.jar" "$stage/deps"
  cp "$shared/gpu/torch_peer.py" .gpu-bundle/
  du -sh .gpu-bundle
}

step() {  # step NAME SECONDS COMMAND...: runs COMMAND, log in $OUT/NAME.log, status line in summary
  local name=$1 limit=$2; shift 2
  local start=$SECONDS
  timeout "$limit" "$@" > "$OUT/$name.log" 2>&1
  local rc=$?
  printf '%-14s rc=%-3s %4ss\n' "$name" "$rc" "$((SECONDS - start))" | tee -a "$OUT/summary.txt"
}

run() {
  OUT=${OUT:-$root/gpu-check-out}
  mkdir -p "$OUT"
  : > "$OUT/summary.txt"
  local java=("$bundle/java" -Xmx24g -cp "$bundle/lib/*")
  step nvidia-smi 30 nvidia-smi
  step info 60 "${java[@]}" dev.ridgeline.cli.Main info
  step doctor 240 "${java[@]}" dev.ridgeline.cli.Main doctor --bench-shape 1048576x256 --small-shape 8192x128
  step doctor-json 240 "${java[@]}" dev.ridgeline.cli.Main doctor --json --no-bench
  step gpu-tests 240 "${java[@]}" dev.ridgeline.testing.GpuTestMain
  step bench-big 300 "${java[@]}" dev.ridgeline.engine.cuda.CudaBenchmark "$BIG" 100
  step bench-small 120 "${java[@]}" dev.ridgeline.engine.cuda.CudaBenchmark "$SMALL" 5000
  step bench-small-nographs 120 "${java[@]}" dev.ridgeline.engine.cuda.CudaBenchmark "$SMALL" 5000 nographs
  if python3 -c 'import torch' 2>/dev/null; then
    step torch-peer 300 python3 "$bundle/torch_peer.py" --shapes "$BIG,$SMALL" --epochs 50
  else
    echo "torch-peer     skipped: python3 cannot import torch" | tee -a "$OUT/summary.txt"
  fi
  grep -h -E '^(ridgeline|peer|copy|shape)' "$OUT"/bench-*.log "$OUT"/torch-peer.log 2>/dev/null > "$OUT/figures.txt"
  cat "$OUT/figures.txt"
}

case "${1:-}" in
  prepare) prepare ;;
  run) run ;;
  *) echo "usage: $0 prepare|run" >&2; exit 2 ;;
esac
