#!/usr/bin/env bash
# Compiles the CUDA kernels into OUTDIR/dev/ridgeline/engine/cuda/ridgeline.fatbin, plus
# ridgeline-kernels.properties (the toolkit version, which is the oldest driver that can load them, and
# the architectures of the -gencode flags, from which the CUDA backend decides whether a GPU can run them).
# Maven runs it in process-resources. Without nvcc on the PATH it builds nothing and exits 0: the jar
# then lacks the kernels and the CUDA backend says so. With nvcc, a kernel that fails to compile fails
# the build. Uses CMake when present (CMakeLists.txt), else nvcc directly with the same flags.
#   native/build-fatbin.sh OUTDIR [BUILDDIR]
set -euo pipefail
out=${1:?usage: build-fatbin.sh OUTDIR [BUILDDIR]}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$root/build/native}
dest=$out/dev/ridgeline/engine/cuda

if ! command -v nvcc >/dev/null 2>&1; then
  echo "[ridgeline] nvcc not on the PATH: CUDA kernels not built into this jar"
  rm -f "$dest/ridgeline.fatbin" "$dest/ridgeline-kernels.properties"
  exit 0
fi

mkdir -p "$build" "$dest"
if command -v cmake >/dev/null 2>&1; then
  cmake -S "$root" -B "$build" >/dev/null
  cmake --build "$build"
else
  mapfile -t flags < "$root/native/nvcc-flags.txt"
  nvcc -fatbin "${flags[@]}" -o "$build/ridgeline.fatbin" "$root/native/ridgeline_kernels.cu"
fi

release=$(nvcc --version | sed -n 's/.*release \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
read -r major minor <<< "$release"
cp "$build/ridgeline.fatbin" "$dest/ridgeline.fatbin"
{
  echo "# Written by native/build-fatbin.sh"
  echo "toolkit=$major.$minor"
  echo "minimumDriverVersion=$((major * 1000 + minor * 10))"
  echo "architectures=$(sed -n 's/.*code=\([a-z]*_[0-9a-z]*\).*/\1/p' "$root/native/nvcc-flags.txt" | paste -sd, -)"
} > "$dest/ridgeline-kernels.properties"
echo "[ridgeline] CUDA kernels built with nvcc $major.$minor into $dest/ridgeline.fatbin"
