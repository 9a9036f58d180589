#!/usr/bin/env bash
# The main job: installs what is missing (scripts/setup.sh: the Fashion-MNIST data set from apt; the first run also
# restores TorchSharp and libtorch from NuGet, about 130 MB to download), builds, and trains the Fashion-MNIST DCGAN
# (examples/FashionGan). The build makes TorchSharp's native library loadable on Debian 12 (build/*.targets).
# Options after the command go to the program; ./run.sh --help lists them with their defaults.
#   ./run.sh --processes N [options]   trains data-parallel on N processes of this machine (OpenMPI's mpirun)
set -euo pipefail
cd "$(dirname "$0")"

processes=1
if [ "${1:-}" = "--processes" ]; then
  if ! [[ "${2:-}" =~ ^[1-9][0-9]*$ ]]; then
    echo "run.sh: --processes must be a whole number of 1 or more; received '${2:-}'." >&2
    exit 1
  fi
  processes=$2
  shift 2
fi

./scripts/setup.sh
if [ "$processes" -eq 1 ]; then
  exec dotnet run --project examples/FashionGan -c Release -- "$@"
fi

# Build once, then start the ranks: shared memory between them, plain progress lines (mpirun's output is a pipe),
# more ranks than cores allowed; mpirun refuses root unless told.
dotnet build examples/FashionGan -c Release --nologo -v quiet
as_root=()
[ "$(id -u)" -ne 0 ] || as_root=(--allow-run-as-root)
exec mpirun "${as_root[@]}" --oversubscribe -np "$processes" -x TERM=dumb --mca btl self,vader \
  dotnet examples/FashionGan/bin/Release/net10.0/FashionGan.dll "$@"
