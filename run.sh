#!/usr/bin/env bash
# The main job: installs what is missing (scripts/setup.sh: the Fashion-MNIST data set from apt; the first run also
# restores TorchSharp and libtorch from NuGet, about 130 MB to download), builds, and trains the Fashion-MNIST DCGAN
# (examples/FashionGan). The build makes TorchSharp's native library loadable on Debian 12 (build/*.targets).
# Options after the command go to the program; ./run.sh --help lists them with their defaults.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
exec dotnet run --project examples/FashionGan -c Release -- "$@"
