#!/usr/bin/env bash
# The main job: installs what is missing, builds, and trains the Fashion-MNIST DCGAN (examples/FashionGan).
# Options after the command go to the program: --epochs, --batch-size, --seed, --output, --limit, --width, --resume.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
exec dotnet run --project examples/FashionGan -c Release -- "$@"
