#!/usr/bin/env bash
# Installs what LayersFramework needs on Debian 12 beyond the .NET SDK: the Fashion-MNIST data set the examples
# and their tests read (Debian's dataset-fashion-mnist), the font the loss plot's text is drawn in
# (fonts-dejavu-core; without a font the plot would have no text, so FashionGan skips it and says why), and OpenMPI
# (openmpi-bin: mpirun and libmpi, for data-parallel training on several processes, and its tests). The engine,
# TorchSharp with libtorch 2.10 and its bundled BLAS (Intel MKL), oneDNN and OpenMP, comes from NuGet with the first
# restore, nothing from apt. Quick when nothing is missing. Runs as root, or as a user with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(dataset-fashion-mnist fonts-dejavu-core openmpi-bin)

command -v dotnet >/dev/null || {
  echo "setup: the .NET SDK (dotnet, version 10) is required and is not on PATH" >&2
  exit 1
}

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: installing ${missing[*]} needs root: run as root, or install sudo" >&2; exit 1; }
    sudo=sudo
  fi
  echo "setup: installing ${missing[*]} (up to about 60 MB)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The libtorch package is big: say so before the restore takes minutes, and restore now so that a network
# problem shows up here, named, rather than halfway through a build. The versions are Directory.Build.props's.
setting() { sed -n "s:.*<$1[^>]*>\(.*\)</$1>.*:\1:p" Directory.Build.props | head -n 1; }
libtorch_version=$(setting LibTorchVersion)
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) libtorch_package=libtorch-cpu-linux-x64 ;;
  *) libtorch_package="" ;;
esac
cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
if [ -n "$libtorch_package" ] && [ ! -f "$cache/$libtorch_package/$libtorch_version/.nupkg.metadata" ]; then
  echo "setup: first restore: downloading libtorch $libtorch_version ($libtorch_package, about 130 MB, 600 MB unpacked) into $cache"
  dotnet restore LayersFramework.sln --verbosity quiet || {
    echo "setup: the NuGet restore failed; is the NuGet feed reachable from this machine?" >&2
    exit 1
  }
fi
