#!/usr/bin/env bash
# Runs the JMH suite and writes benchmarks/results/latest/: jmh.json, jmh.txt, summary.md, bandwidth.png (and
# the side files benchmarks/README.md lists).
#   benchmarks/run.sh           full suite (11 to 15 minutes on 2 cores, the bind runs 15-25 s of it; plus
#                               the build), one JMH run per shape and one more for its bind
#   benchmarks/run.sh --quick   one small shape, short iterations (about a minute with SKIP_BUILD=1, as CI runs
#                               it): a smoke run
# Environment: MVN_ARGS (extra Maven flags, e.g. -o), JAVA (java binary), SKIP_BUILD=1 (reuse the jar),
#   ALIGN=1 (benchmark JVMs start with -XX:ObjectAlignmentInBytes=64: the panels on cache lines),
#   THREADS=N (Ridgeline's epochs, streaming read and arithmetic peak on N threads, -Dridgeline.threads=N;
#   default: all processors. The peers keep theirs),
#   FORKS=N (full suite only: N forks, 2 to 20, for every epoch benchmark and for the streaming read before and
#   after each shape's epochs; default 2. Narrower intervals, about 5 more minutes a fork on 2 cores).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
java_bin="${JAVA:-java}"
mode="full"
usage() { echo "usage: benchmarks/run.sh [--quick]" >&2; exit 2; }
[[ $# -le 1 ]] || usage
case "${1:-}" in
  "") ;;
  --quick) mode="quick" ;;
  *) usage ;;
esac

# Opt-in: a fixed thread count for everything of Ridgeline's (as --threads on the command line), e.g. to
# compare a large host with a small one at the same count.
threads_flag=""
if [[ -n "${THREADS:-}" ]]; then
  if [[ ! "$THREADS" =~ ^[1-9][0-9]{0,3}$ || "$THREADS" -gt 1024 ]]; then
    echo "benchmarks/run.sh: THREADS must be a whole number from 1 to 1024, got '$THREADS'" >&2
    exit 2
  fi
  threads_flag="-Dridgeline.threads=$THREADS"
fi

# Opt-in: more JVMs per epoch benchmark. With two, a ratio near its goal (eight models near twice one) stays
# inconclusive even on a quiet host (intervals 0.3-0.7 wide, 2026-12-07): each fork's mean enters the interval.
forks=2
if [[ -n "${FORKS:-}" ]]; then
  if [[ ! "$FORKS" =~ ^[1-9][0-9]?$ || "$FORKS" -lt 2 || "$FORKS" -gt 20 ]]; then
    echo "benchmarks/run.sh: FORKS must be a whole number from 2 to 20, got '$FORKS'" >&2
    exit 2
  fi
  if [[ "$mode" == "quick" ]]; then
    echo "benchmarks/run.sh: FORKS sets the full suite's forks; --quick runs one fork of each (leave FORKS out)" >&2
    exit 2
  fi
  forks="$FORKS"
fi

if ! command -v "$java_bin" > /dev/null; then
  echo "benchmarks/run.sh: no java binary '$java_bin' (set JAVA to a JDK 17+ java)" >&2
  exit 2
fi
# Every JVM of the suite starts with the Vector API's module: a Java before 17, or a runtime made without the
# module (jlink), would fail each of them with the JVM's two-line boot error, the CUDA check's taken for its verdict.
if ! "$java_bin" --add-modules=jdk.incubator.vector -version > /dev/null 2>&1; then
  echo "benchmarks/run.sh: '$java_bin' cannot start with the module jdk.incubator.vector (set JAVA to the java" \
    "of a JDK 17+ that has it)" >&2
  exit 2
fi

# One run of the suite at a time on a machine, taken before the build: a second run's JVMs would compete with
# the first's for the cores (both runs' times then wrong), its build would replace the jar the first still starts
# JVMs from (and whose commit the first's summary names), and JMH's own lock (held by one JMH process at a time,
# so free between the runs of a suite) stopped one of the two, the later or the earlier, with a stack trace. The
# lock is a folder holding the run's process id; one whose process has ended (a run killed with SIGKILL) is
# taken over.
lock="${TMPDIR:-/tmp}/ridgeline-benchmarks.lock"
refuse_second_run() {
  echo "benchmarks/run.sh: another run of the suite is under way on this machine (process ${1:-unknown}," \
    "lock $lock): two runs would compete for the cores; wait for it to end (or remove the lock if none runs)" >&2
  exit 2
}
# Judging a lock and taking it is one step under flock(1) where there is one (util-linux): two runs that found the
# same lock of an ended run had both removed it and made their own, one after the other, and both ran. Under the
# guard a lock is made and given its process id together, so one without an id was left by a run killed between.
guarded=0
if command -v flock > /dev/null && exec 8> "$lock.guard" && flock 8; then
  guarded=1
fi
if ! mkdir "$lock" 2> /dev/null; then
  other="$(cat "$lock/pid" 2> /dev/null || true)"
  # No process id yet: the other run is taking the lock now (unguarded). A lock holding this run's own id was left
  # by a run that ended, the id since reused (exec keeps its caller's; a restarted container deals ids out alike).
  if { [[ ! "$other" =~ ^[0-9]+$ ]] && [[ "$guarded" -eq 0 ]]; } || { [[ "$other" =~ ^[0-9]+$ ]] \
      && [[ "$other" != "$$" ]] && ps -p "$other" -o args= 2> /dev/null | grep -q 'run\.sh'; }; then
    refuse_second_run "$other"
  fi
  rm -rf "$lock"
  mkdir "$lock" 2> /dev/null || refuse_second_run
fi
echo $$ > "$lock/pid"
if [[ "$guarded" -eq 1 ]]; then
  exec 8>&-
fi
trap 'rm -rf "$lock"' EXIT

jar="$here/target/benchmarks.jar"
if [[ "${SKIP_BUILD:-0}" != "1" || ! -f "$jar" ]]; then
  (cd "$root" && mvn -q -B ${MVN_ARGS:-} -pl benchmarks -am package -DskipTests)
fi

vector_flag="--add-modules=jdk.incubator.vector"
# Opt-in: 64-byte object alignment, so the panel kernel's vectors sit on cache lines (FloatAlignment).
align_flag=""
if [[ "${ALIGN:-0}" == "1" ]]; then
  align_flag="-XX:ObjectAlignmentInBytes=64"
fi
results="$here/results"
mkdir -p "$results"
work="$(mktemp -d "$results/.run-XXXXXX")"
chmod 755 "$work"
# On failure the work folder stays (JMH's parts, its console output, the notes) for a look at what failed.
trap 'rm -rf "$lock"; echo "run failed; partial results kept in $work" >&2' EXIT

if [[ "$mode" == "quick" ]]; then
  # A smoke run: one 8 MB shape that sits in cache, three short warm-ups (too few to trust the JIT
  # has settled). It checks that every benchmark and the report run; its targets measure nothing.
  jmh_args=(-f 1 -wi 3 -w 300ms -i 3 -r 300ms)
  many_models=(-p models=1,8)
  shapes=(8192x256)
  peer_args=(-p peerShape=4096x32)
  csv_args=(-p csv=20000x32)
  csv_jmh_args=("${jmh_args[@]}")
  peer_jmh_args=("${jmh_args[@]}")
  # The bind at 8 MB: the first three ops of a fork took 0.07-0.35 s, most later ones 3-8 ms; the run about 2 s.
  bind_jmh_args=(-f 1 -wi 5 -i 5)
  heap="-Xmx1g"
else
  # Two forks: JVMs differ consistently over all their iterations (one kernel measured 0.74 and 0.94 of the
  # stream in two one-fork benchmarks of the same run), so one fork per benchmark is one JVM's luck.
  jmh_args=(-f "$forks" -wi 3 -w 1s -i 3 -r 1s)
  # The streaming read, run before and after each shape's epochs (below): the same measured iterations, a
  # shorter warm-up (its one loop compiles within the first few hundred reads), so that its four forks add
  # about a minute to the suite rather than a minute and a half (14 min 24 s with the epochs' warm-up).
  read_args=(-f "$forks" -wi 2 -w 500ms -i 3 -r 1s)
  many_models=()
  shapes=(1000000x64 250000x256 65536x1024 16384x4096 4096x64)
  peer_args=()
  csv_args=()
  # The CSV reads have no target: one fork, with more warm-up for the parsing code to compile, saves about 40 s
  # of the suite (which ran 14 min 42 s with two forks here).
  csv_jmh_args=(-f 1 -wi 5 -w 1s -i 3 -r 1s)
  # The peers have no target either, and each fork pays their setup again (EJML's solve for the target, Tribuo's
  # rate search, Ridgeline's fit to the target: 1 min 26 s for the three with two forks): one fork, five
  # iterations.
  peer_jmh_args=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
  # java-vector's one-time cost (bind, first step with the panel copy, close) has no target either: one fork
  # of single shots (the benchmark's mode; -w and -r do not apply), each after an untimed System.gc(). The
  # first binds of a fork run cold (0.4-1.8 s at 256 MB on a quiet host, up to 5.9 s on a busy one, against
  # 0.03-0.5 s after): on a Zen 1 host (2026-12-06) the first seven at 1,000,000 x 64 took 0.16-0.93 s and the
  # later ones 0.07 s, where three warm-ups had left four cold shots among the measured eight; hence eight. The
  # five runs took 23 s on a quiet host with three.
  bind_jmh_args=(-f 1 -wi 8 -i 8)
  heap="-Xmx3g"
fi

# The CUDA benchmark runs only where its provider says the backend is available.
one_model='StreamingRead|ScalarEpoch|UnfusedEpoch'
many='VectorEpoch|VectorRowKernelEpoch'
if "$java_bin" "$vector_flag" -cp "$jar" dev.ridgeline.bench.BackendCheck cuda > "$work/cuda.txt" 2> "$work/cuda-check.err"; then
  many="$many|CudaEpoch"
fi
cat "$work/cuda.txt"
# Why the check could not say (a JVM that did not start, a driver library that failed to load) is shown, not lost.
# (The JVM's notice of the incubator module is no news.)
if grep -qv '^WARNING: Using incubator modules' "$work/cuda-check.err"; then
  echo "CUDA backend check wrote to stderr:" >&2
  grep -v '^WARNING: Using incubator modules' "$work/cuda-check.err" >&2
fi
cuda_check="$(head -n 1 "$work/cuda.txt")"

# The forks use the collector bin/ridgeline runs with (the JVM's default is G1), so the bind's allocation
# and the CSV frame are timed as users run them.
gc_flag=-XX:+UseParallelGC

# One JMH run per shape: the streaming read and the epochs of a shape are then measured within a
# minute of each other, so their ratio sees the same machine (neighbours on a shared host come and go).
run_jmh() {
  local out="$1"; shift
  # -foe true: a benchmark that throws fails the run (JMH's default drops it from the results silently).
  "$java_bin" "$vector_flag" -jar "$jar" "$@" -foe true \
    -jvmArgsAppend "$vector_flag $align_flag $threads_flag $heap $gc_flag -Dridgeline.bench.notes=\"$work/peers.txt\"" \
    -rf json -rff "$out" | tee -a "$work/jmh.txt"
}
load_before="$(uptime)"
parts=()
for i in "${!shapes[@]}"; do
  if [[ ${#many_models[@]} -eq 0 ]]; then
    # The streaming read runs before and after the epochs of its shape (its forks joined into one result by
    # JmhMerge): the memory limit is then measured around them, not only at one end of the shape's minutes, and
    # in four JVMs rather than two (a JVM's read can run at one of two speeds from one JVM to the next).
    run_jmh "$work/jmh-$i-read-before.json" 'dev.ridgeline.bench.StreamingReadBenchmark' "${read_args[@]}" \
      -p shape="${shapes[$i]}"
    run_jmh "$work/jmh-$i.json" "dev.ridgeline.bench.(${one_model#StreamingRead|}|$many)Benchmark" "${jmh_args[@]}" \
      -p shape="${shapes[$i]}"
    run_jmh "$work/jmh-$i-read-after.json" 'dev.ridgeline.bench.StreamingReadBenchmark' "${read_args[@]}" \
      -p shape="${shapes[$i]}"
    parts+=("$work/jmh-$i-read-before.json" "$work/jmh-$i.json" "$work/jmh-$i-read-after.json")
  else
    # -p models applies to every benchmark of a run: the one-model baselines run apart so they keep K = 1.
    run_jmh "$work/jmh-$i-one.json" "dev.ridgeline.bench.($one_model)Benchmark" "${jmh_args[@]}" -p shape="${shapes[$i]}"
    run_jmh "$work/jmh-$i-many.json" "dev.ridgeline.bench.($many)Benchmark" "${jmh_args[@]}" "${many_models[@]}" \
      -p shape="${shapes[$i]}"
    parts+=("$work/jmh-$i-one.json" "$work/jmh-$i-many.json")
  fi
  # java-vector's one-time cost, beside the epochs of its shape: its own settings, so its own JMH run.
  run_jmh "$work/jmh-$i-bind.json" 'dev.ridgeline.bench.VectorBindBenchmark' "${bind_jmh_args[@]}" \
    -p shape="${shapes[$i]}"
  parts+=("$work/jmh-$i-bind.json")
done
# The arithmetic ceiling beside the memory one: what the FMA units of the epochs' threads can do in this JVM.
run_jmh "$work/jmh-peak.json" 'dev.ridgeline.bench.ArithmeticPeakBenchmark' "${jmh_args[@]}"
parts+=("$work/jmh-peak.json")
run_jmh "$work/jmh-peers.json" 'dev.ridgeline.bench.PeerBenchmark' "${peer_jmh_args[@]}" ${peer_args[@]+"${peer_args[@]}"}
parts+=("$work/jmh-peers.json")
# Reading a CSV file: its three reads of one file in one JMH run, so each is a multiple of the decode measured
# beside it. The setup writes the file's size to csv-files.tsv (beside peers.txt) for the report's MB/s.
run_jmh "$work/jmh-csv.json" 'dev.ridgeline.bench.CsvReadBenchmark' "${csv_jmh_args[@]}" ${csv_args[@]+"${csv_args[@]}"}
parts+=("$work/jmh-csv.json")
load_after="$(uptime)"
"$java_bin" -cp "$jar" dev.ridgeline.bench.report.JmhMerge "$work/jmh.json" "${parts[@]}"
rm -f "${parts[@]}"

command="${align_flag:+ALIGN=1 }${threads_flag:+THREADS=$THREADS }${FORKS:+FORKS=$FORKS }benchmarks/run.sh${1:+ $1}"
# The summary names the commit the jar was built from (its build-info); the checkout's goes beside it when another.
checkout_head="$(git -C "$root" rev-parse HEAD 2>/dev/null || true)"
built="$(date -u -r "$jar" +%Y-%m-%dT%H:%M:%SZ)"
expect=(--shapes="$(IFS=,; echo "${shapes[*]}")")
if [[ ${#many_models[@]} -gt 0 ]]; then
  expect+=(--models="${many_models[1]#models=}")
fi
if [[ "$many" == *CudaEpoch* ]]; then
  expect+=(--cuda)
fi
if [[ ${#peer_args[@]} -gt 0 ]]; then
  expect+=(--peer-shape="${peer_args[1]#peerShape=}")
fi
if [[ ${#csv_args[@]} -gt 0 ]]; then
  expect+=(--csv="${csv_args[1]#csv=}")
fi
smoke=()
if [[ "$mode" == "quick" ]]; then
  smoke=(--smoke)
fi
# Status 3: the summary is written but lists expected results as missing; the run then fails after its results
# are moved into place (CI's quick run so catches a benchmark that stopped producing its result).
report_status=0
"$java_bin" "$vector_flag" -cp "$jar" dev.ridgeline.bench.report.Report "$work" "$command" "$load_before" "$load_after" \
  --jvm="$(echo $vector_flag $align_flag $threads_flag $heap $gc_flag)" --head="$checkout_head" --built="$built" \
  --cuda-check="$cuda_check" ${threads_flag:+--threads="$THREADS"} "${expect[@]}" ${smoke[@]+"${smoke[@]}"} \
  || report_status=$?
if [[ "$report_status" -ne 0 && "$report_status" -ne 3 ]]; then
  exit "$report_status"
fi

rm -f "$work/cuda.txt" "$work/cuda-check.err"
rm -rf "$results/latest"
mv "$work" "$results/latest"
trap 'rm -rf "$lock"' EXIT
echo "results in $results/latest"
if [[ "$report_status" -eq 3 ]]; then
  echo "benchmarks/run.sh: expected results are missing (listed in $results/latest/summary.md)" >&2
  exit 3
fi
