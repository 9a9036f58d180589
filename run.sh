#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs the demo (examples/ConvTransposeDemo).
# Options after the command go to the program (--help lists them).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
exec dotnet run --project examples/ConvTransposeDemo -c Release -- "$@"
