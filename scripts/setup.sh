#!/usr/bin/env bash
# Installs what LayersFramework needs on Debian 12 (the .NET SDK is assumed): libtorch 1.13 with its
# headers, OpenBLAS (libtorch runs about 37x slower on Debian's default reference BLAS), cmake and g++
# for the native shim, and the Fashion-MNIST data set for the examples. Quick when nothing is missing.
set -euo pipefail

packages=(libtorch-dev libopenblas0-openmp cmake g++ dataset-fashion-mnist)
blas_alternative=libblas.so.3-x86_64-linux-gnu
lapack_alternative=liblapack.so.3-x86_64-linux-gnu
openblas_dir=/usr/lib/x86_64-linux-gnu/openblas-openmp

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: run as root, or install sudo" >&2; exit 1; }
  sudo=sudo
fi

command -v dotnet >/dev/null || {
  echo "setup: the .NET SDK (dotnet, version 10) is required and is not on PATH" >&2
  exit 1
}

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} (a minute or two on a new machine)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# libtorch loads whatever libblas.so.3 / liblapack.so.3 the alternatives system points at. Installing
# OpenBLAS makes it the automatic choice, but a machine set by hand to the reference BLAS keeps it: move
# such a machine to OpenBLAS, since the reference BLAS makes every convolution tens of times slower.
for alternative in "$blas_alternative:libblas.so.3" "$lapack_alternative:liblapack.so.3"; do
  name=${alternative%%:*}
  file=${alternative##*:}
  current=$(update-alternatives --query "$name" 2>/dev/null | sed -n 's/^Value: //p')
  if [ "$current" != "$openblas_dir/$file" ] && [ -e "$openblas_dir/$file" ]; then
    echo "setup: pointing $file at OpenBLAS (it was ${current:-unset})"
    $sudo update-alternatives --set "$name" "$openblas_dir/$file" >/dev/null
  fi
done
