#!/usr/bin/env bash
# The CUDA checks for a GPU host, in one prepared call. Two steps:
#
#   native/gpu-check.sh prepare      here (Maven, a JDK with jlink): builds the jars with the kernels, the GPU
#                                    tests and a trimmed Java runtime into .gpu-bundle (run it, copied to the
#                                    GPU host, as .gpu-bundle/java -cp '.gpu-bundle/lib/*' MAIN)
#   native/gpu-check.sh run          on the GPU host (no Java or Maven needed): writes under $OUT (default
#                                    ./gpu-check-out) three files: summary.txt, figures.txt, logs.tgz
#
# run does, each step under its own time limit so that one hang cannot take the whole check (345 s in all,
# 365 when a kernel faulted, 65 s more with a baseline jar, 240 s more with GPU_CHECK_SANITIZE=1 and 150 s
# more with GPU_CHECK_LARGE=1; a limit on the whole call above that sum lets it end by itself. On an H200
# every step together took 117 s):
#   1. nvidia-smi, the driver's facts (its version file, libcuda in the loader's cache, the environment) and
#      `ridgeline info` (10 s, 10 s, 25 s); whether info reports cuda available is the first line of
#      summary.txt: "cuda: available: ..." or "cuda: UNAVAILABLE: reason"
#   2. `ridgeline doctor` (every backend vs the scalar reference, determinism, bandwidth of a 1 GiB epoch
#      and the amortised epoch of a 4 MiB problem next to a device-to-device copy; 65 s), then
#      `ridgeline train --backend cuda --no-output` on the embedded data (30 s)
#   3. the GPU tests (CudaBackendGpuTest, CudaThreadsGpuTest, CudaAvailabilityTest, FatbinTest; JUnit
#      without Maven; 65 s) with RIDGELINE_REQUIRE_GPU=1, so that a test skipped for want of a GPU fails the
#      step; when a kernel faulted, again with -Dridgeline.cuda.checkLaunches=true (65 s), which names it,
#      instead of step 5
#   4. per-epoch benchmark at X = 1 GiB (45 s) and at a few MB, with and without CUDA graphs (15 s each)
#      and 8 models at once on two of the large shapes (20 s); when prepare was given a baseline core jar
#      (RIDGELINE_BASELINE_JAR=FILE, say the jar of the last commit whose kernels ran on a GPU), the
#      large-shape benchmarks again with that jar's kernels and host code (45 s and 20 s), so that a kernel
#      change is measured against its predecessor in the same run
#   5. a PyTorch peer on the same shapes (45 s), when prepare was given one (RIDGELINE_TORCH_PEER=FILE, a
#      script taking --shapes and --epochs) and the host's python3 imports torch
#   6. with GPU_CHECK_SANITIZE=1 only: CudaBackendGpuTest's shapes up to 200,000 cells under
#      compute-sanitizer's memcheck (bad device memory accesses) and racecheck (shared-memory races), 120 s
#      each; a report fails the step
#   7. with GPU_CHECK_LARGE=1 only: CudaLargeSumCheck (150 s; 30 GB of host and 18 GB of device memory):
#      training to the default tolerance on 10,000,000 x 256 and 262,144 x 16,384, the gradient at the
#      result recomputed in double on the host; a CONVERGED model whose exact norm misses the tolerance
#      fails the step
# summary.txt (the cuda line, then one line per step: rc and seconds) and logs.tgz (every step's log) are
# rewritten after every step, and figures.txt (the benchmark lines) grows after each benchmark step, so a
# call stopped at its limit still leaves what ran; three files, few to copy back. At the end run prints both
# text files, for the tail of the output, and exits 1 unless cuda was available and every step passed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bundle=$root/.gpu-bundle
BIG=${GPU_CHECK_BIG:-4194304x64,1048576x256,262144x1024,65536x4096}
SMALL=${GPU_CHECK_SMALL:-16384x64,8192x128}
BIG8=${GPU_CHECK_BIG8:-4194304x64,262144x1024}

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
  bundle_runtime .gpu-bundle java/core/target/ridgeline-core-*-SNAPSHOT.jar \
    java/cli/target/ridgeline-cli-*-SNAPSHOT.jar "$stage/ridgeline-core-tests.jar" "$stage"/deps/*.jar
  if [ -n "${RIDGELINE_TORCH_PEER:-}" ]; then
    cp "$RIDGELINE_TORCH_PEER" .gpu-bundle/torch_peer.py
  fi
  if [ -n "${RIDGELINE_BASELINE_JAR:-}" ]; then
    mkdir -p .gpu-bundle/baseline && cp "$RIDGELINE_BASELINE_JAR" .gpu-bundle/baseline/ridgeline-core-baseline.jar
  fi
  du -sh .gpu-bundle
}

# bundle_runtime OUTDIR JAR...: the jars under OUTDIR/lib, a trimmed Java runtime (jlink) under OUTDIR/jre,
# and OUTDIR/java, which starts it with the flags the engine needs. The runtime links the C libraries its JDK
# was built against, so the JDK is chosen for the hosts it runs on: RIDGELINE_BUNDLE_JDK when set, else the
# newest Temurin JDK 17+ under /usr/lib/jvm (it carries its own zlib and C++ runtime, and needs an older C
# library than a current distribution's JDK), else JAVA_HOME, else the javac on the PATH. JCuda's natives jar
# keeps only its driver library (the rest is about 9 MB the checks never load).
bundle_runtime() {
  local out jdk="" c
  out=$(mkdir -p "$1" && cd "$1" && pwd); shift
  if [ -n "${RIDGELINE_BUNDLE_JDK:-}" ]; then
    [ -x "$RIDGELINE_BUNDLE_JDK/bin/jlink" ] \
      || { echo "gpu-check: RIDGELINE_BUNDLE_JDK=$RIDGELINE_BUNDLE_JDK has no bin/jlink" >&2; exit 1; }
    jdk=$RIDGELINE_BUNDLE_JDK
  else
    for c in $(ls -d /usr/lib/jvm/temurin-*-jdk-* 2>/dev/null | sort -V -r) "${JAVA_HOME:-}" \
        "$(dirname "$(dirname "$(readlink -f "$(command -v javac || echo /nonexistent/bin/javac)")")")"; do
      if [ -n "$c" ] && [ -x "$c/bin/jlink" ] && [ "$(jdk_major "$c")" -ge 17 ]; then jdk=$c; break; fi
    done
  fi
  [ -n "$jdk" ] || { echo "gpu-check: no JDK 17+ with jlink found (set RIDGELINE_BUNDLE_JDK or JAVA_HOME)" >&2; exit 1; }
  rm -rf "$out" && mkdir -p "$out/lib"
  cp "$@" "$out/lib/"
  local natives slim
  for natives in "$out"/lib/jcuda-natives-*-linux-x86_64.jar; do
    [ -e "$natives" ] || continue
    if ! command -v unzip >/dev/null; then
      echo "gpu-check: warning: no unzip, so JCuda's natives jar is bundled whole (about 9 MB more)" >&2
      continue
    fi
    slim=$(mktemp -d)
    (cd "$slim" && unzip -q "$natives" 'lib/libJCudaDriver-*' && "$jdk/bin/jar" cf slim.jar lib) \
      && mv -f "$slim/slim.jar" "$natives"
    rm -rf "$slim"
  done
  # The modules the engine, JCuda and JUnit use; nothing graphical (the checks write no plot). zip-6 is the
  # compression's name from JDK 21 on, 2 before.
  local modules=java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.incubator.vector
  local compress log
  log=$(mktemp)
  for compress in zip-6 2; do
    rm -rf "$out/jre"
    "$jdk/bin/jlink" --add-modules "$modules" --compress="$compress" --strip-debug --no-header-files \
      --no-man-pages --output "$out/jre" >"$log" 2>&1 && break
  done
  if [ ! -x "$out/jre/bin/java" ]; then
    echo "gpu-check: jlink of $jdk failed:" >&2; cat "$log" >&2; rm -f "$log"; exit 1
  fi
  rm -f "$log"
  # From JDK 24 on the JVM warns at each JNI library JCuda loads unless native access is granted.
  local access=""
  [ "$(jdk_major "$out/jre")" -ge 24 ] && access="--enable-native-access=ALL-UNNAMED"
  cat > "$out/java" <<LAUNCHER
#!/usr/bin/env bash
here=\$(cd "\$(dirname "\$0")" && pwd)
exec "\$here/jre/bin/java" --add-modules jdk.incubator.vector $access -Djava.awt.headless=true "\$@"
LAUNCHER
  chmod +x "$out/java"
  echo "gpu-check: runtime from $jdk (Java $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$out/jre/release"))"
}

# jdk_major DIR: the feature version of the JDK or runtime in DIR (its release file), 0 when unknown.
jdk_major() {
  local major
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  echo "${major:-0}"
}

# step NAME SECONDS COMMAND...: runs COMMAND under a time limit, its output in $logs/NAME.log; records
# "NAME rc=... seconds" for summary.txt, then rewrites summary.txt and logs.tgz.
step() {
  local name=$1 limit=$2; shift 2
  local start=$SECONDS
  echo "gpu-check: $name (limit ${limit}s)"
  timeout -k 5 "$limit" "$@" > "$logs/$name.log" 2>&1
  local rc=$?
  [ "$rc" -eq 0 ] || failed=1
  printf '%-28s rc=%-3s %4ss%s\n' "$name" "$rc" "$((SECONDS - start))" \
    "$([ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && echo '  (stopped at its time limit)')" | tee -a "$logs/steps.txt"
  [ "$rc" -eq 0 ] || tail -n 5 "$logs/$name.log" | cut -c1-300 | sed 's/^/    /'
  save
}

# Where the driver is and what it is: what `ridgeline info` reports as unavailable is read against this.
driver_facts() {
  echo "== /proc/driver/nvidia/version"; cat /proc/driver/nvidia/version 2>&1
  echo "== nvidia-smi query"
  nvidia-smi --query-gpu=name,driver_version,compute_cap,memory.total,memory.used --format=csv 2>&1
  echo "== libcuda in the loader's cache"; ldconfig -p 2>&1 | grep -E 'libcuda\.so' || echo "(none)"
  echo "== LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
  echo "== CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES:-(unset)}"
  true
}

# The figures of a benchmark step's log, appended to figures.txt.
figures() {
  grep -h -E '^(ridgeline|peer|copy|shape|large-sum)' "$logs/$1.log" >> "$OUT/figures.txt" 2>/dev/null
  true
}

# summary.txt and logs.tgz from what ran so far; the archive is replaced whole, never left half written.
save() {
  { echo "$cuda"; cat "$logs/steps.txt" 2>/dev/null; } > "$OUT/summary.txt"
  tar czf "$OUT/logs.tgz.part" -C "$logs" . && mv -f "$OUT/logs.tgz.part" "$OUT/logs.tgz"
}

# The cuda line of `ridgeline info`: "  cuda         available   CUDA on ..." or "... unavailable reason".
cuda_line() {
  local line
  line=$(grep -m1 -E '^ +cuda +(available|unavailable)( |$)' "$logs/info.log")
  if [[ $line =~ ^\ +cuda\ +available\ *(.*)$ ]]; then
    echo "cuda: available: ${BASH_REMATCH[1]}"
  elif [[ $line =~ ^\ +cuda\ +unavailable\ *(.*)$ ]]; then
    echo "cuda: UNAVAILABLE: ${BASH_REMATCH[1]}"
  else
    echo "cuda: UNAVAILABLE: ridgeline info printed no line for cuda (info.log in logs.tgz)"
  fi
}

# The GPU tests of CudaBackendGpuTest on small shapes under compute-sanitizer (memcheck, then racecheck).
sanitize() {
  local tool sanitizer
  sanitizer=$(command -v compute-sanitizer || ls /usr/local/cuda/bin/compute-sanitizer 2>/dev/null)
  if [ -z "$sanitizer" ]; then
    echo "sanitize                     skipped: no compute-sanitizer on this host" | tee -a "$logs/steps.txt"
    save
    return
  fi
  for tool in memcheck racecheck; do
    step "sanitize-$tool" 120 "$sanitizer" --tool "$tool" --error-exitcode 3 "${java[@]}" \
      -Dridgeline.test.maxCells=200000 dev.ridgeline.testing.GpuTestMain dev.ridgeline.engine.cuda.CudaBackendGpuTest
  done
}

run() {
  OUT=${OUT:-$root/gpu-check-out}
  mkdir -p "$OUT"
  rm -f "$OUT/summary.txt" "$OUT/figures.txt" "$OUT/logs.tgz" "$OUT/logs.tgz.part"
  : > "$OUT/figures.txt"
  logs=$(mktemp -d "${TMPDIR:-/tmp}/gpu-check-logs.XXXXXX")
  cuda="cuda: not checked yet"
  failed=0
  export RIDGELINE_REQUIRE_GPU=1  # GpuTestMain: a test aborted for want of a GPU fails
  local java=("$bundle/java" -Xmx24g -cp "$bundle/lib/*")
  step nvidia-smi 10 nvidia-smi
  step driver 10 bash -c "$(declare -f driver_facts); driver_facts"
  step info 25 "${java[@]}" dev.ridgeline.cli.Main info
  cuda=$(cuda_line)
  [[ $cuda == "cuda: available"* ]] || failed=1
  save
  step doctor 65 "${java[@]}" dev.ridgeline.cli.Main doctor --bench-shape 1048576x256 --small-shape 8192x128
  step train-cuda 30 "${java[@]}" dev.ridgeline.cli.Main train --backend cuda --no-output
  step gpu-tests 65 "${java[@]}" dev.ridgeline.testing.GpuTestMain
  # A kernel's fault surfaces at a later call, which CudaException then says: rerun the tests waiting for
  # every kernel, so that the log names the one that failed (the peer's time goes to this instead).
  local diagnose=0
  if grep -q "ridgeline.cuda.checkLaunches" "$logs/gpu-tests.log" 2>/dev/null; then
    diagnose=1
    step gpu-tests-checked 65 "${java[@]}" -Dridgeline.cuda.checkLaunches=true dev.ridgeline.testing.GpuTestMain
  fi
  step bench-big 45 "${java[@]}" dev.ridgeline.engine.cuda.CudaBenchmark "$BIG" 100
  figures bench-big
  step bench-big-8-models 20 "${java[@]}" dev.ridgeline.engine.cuda.CudaBenchmark "$BIG8" 50 graphs 8
  figures bench-big-8-models
  if [ -f "$bundle/baseline/ridgeline-core-baseline.jar" ]; then
    # The baseline jar comes first on the class path: its classes and kernels shadow the current ones.
    step bench-big-baseline 45 "$bundle/java" -Xmx24g -cp "$bundle/baseline/*:$bundle/lib/*" \
      dev.ridgeline.engine.cuda.CudaBenchmark "$BIG" 100
    # A baseline older than CudaBenchmark's model count ignores it and times one model.
    step bench-big-8-models-baseline 20 "$bundle/java" -Xmx24g -cp "$bundle/baseline/*:$bundle/lib/*" \
      dev.ridgeline.engine.cuda.CudaBenchmark "$BIG8" 50 graphs 8
    cat "$logs/bench-big-baseline.log" "$logs/bench-big-8-models-baseline.log" \
      | grep -h '^ridgeline ' | sed 's/^ridgeline /ridgeline-baseline /' >> "$OUT/figures.txt"
  fi
  step bench-small 15 "${java[@]}" dev.ridgeline.engine.cuda.CudaBenchmark "$SMALL" 5000
  figures bench-small
  step bench-small-nographs 15 "${java[@]}" dev.ridgeline.engine.cuda.CudaBenchmark "$SMALL" 5000 nographs
  figures bench-small-nographs
  if [ "$diagnose" -eq 1 ]; then
    echo "torch-peer                   skipped: its time went to gpu-tests-checked" | tee -a "$logs/steps.txt"
    save
  elif [ ! -f "$bundle/torch_peer.py" ]; then
    echo "torch-peer                   skipped: no peer script in the bundle (RIDGELINE_TORCH_PEER at prepare)" \
      | tee -a "$logs/steps.txt"
    save
  elif timeout 10 python3 -c 'import torch' 2>/dev/null; then
    step torch-peer 45 python3 "$bundle/torch_peer.py" --shapes "$BIG,$SMALL" --epochs 50
    figures torch-peer
  else
    echo "torch-peer                   skipped: python3 cannot import torch" | tee -a "$logs/steps.txt"
    save
  fi
  if [ "${GPU_CHECK_SANITIZE:-0}" = 1 ]; then
    sanitize
  fi
  if [ "${GPU_CHECK_LARGE:-0}" = 1 ]; then
    step large-sums 150 "$bundle/java" -Xmx64g -cp "$bundle/lib/*" dev.ridgeline.engine.cuda.CudaLargeSumCheck
    figures large-sums
  fi
  echo "== summary.txt ($SECONDS s in all; step logs in logs.tgz)"
  cat "$OUT/summary.txt"
  echo "== figures.txt"
  cat "$OUT/figures.txt"
  rm -rf "$logs"
  return "$failed"
}

case "${1:-}" in
  prepare) prepare ;;
  run) run ;;
  *) echo "usage: $0 prepare|run" >&2; exit 2 ;;
esac
