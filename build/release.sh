#!/usr/bin/env bash
# Builds the release: one self-contained, single-file `vtr` per platform, needing no .NET on the machine it runs on.
#   build/release.sh [RID...]     (./vtr release [RID...]); default: osx-arm64 osx-x64 linux-x64 linux-arm64
# Writes artifacts/ (or $VTR_ARTIFACTS: the release test's temp folder) vtr-VERSION-RID.tar.gz (the one file `vtr`, executable) and beside it a .sha256 that
# `sha256sum -c` and `shasum -a 256 -c` both read. FFmpeg is not inside: it stays a system library (Homebrew, apt).
# Cross-publishing works from any host: the runtime packs come from NuGet; a macOS binary gets the ad-hoc signature
# Apple Silicon needs from the SDK's own signer, checked below.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
artifacts="${VTR_ARTIFACTS:-$root/artifacts}"
project="$root/Client.Cli/Client.Cli.csproj"
rids=("$@")
((${#rids[@]} > 0)) || rids=(osx-arm64 osx-x64 linux-x64 linux-arm64)

version="$(dotnet msbuild "$project" -getProperty:Version -p:Configuration=Release)"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$artifacts"

# True when the Mach-O file carries a code signature load command (LC_CODE_SIGNATURE): Apple Silicon refuses to run
# an arm64 executable without one, and a missing signature would only show on the user's Mac.
has_code_signature() {
    python3 - "$1" <<'PY'
import struct, sys
with open(sys.argv[1], "rb") as f:
    header = f.read(32)
    magic, _, _, _, ncmds, _, _, _ = struct.unpack("<IiiIIIII", header)
    if magic != 0xFEEDFACF:
        sys.exit(2)
    for _ in range(ncmds):
        cmd, size = struct.unpack("<II", f.read(8))
        if cmd == 0x1D:
            sys.exit(0)
        f.seek(size - 8, 1)
sys.exit(1)
PY
}

for rid in "${rids[@]}"; do
    out="$staging/$rid"
    echo "vtr release: publishing $rid" >&2
    dotnet publish "$project" -c Release -r "$rid" -o "$out" --nologo -v quiet -clp:ErrorsOnly
    # Anything but the executable (and the referenced projects' symbols) would be a file users must keep beside it.
    extra="$(find "$out" -type f ! -name vtr ! -name '*.pdb' -printf '%f\n')"
    if [[ -n "$extra" ]]; then
        echo "vtr release: $rid: publish left files beside the executable ($(echo $extra)); bundle or remove them" >&2
        exit 1
    fi
    if [[ "$rid" == osx-* ]] && ! has_code_signature "$out/vtr"; then
        echo "vtr release: $rid: the executable is not signed (macOS would refuse to run it)" >&2
        exit 1
    fi
    name="vtr-$version-$rid.tar.gz"
    # Fixed owner and order, so the archive's bytes depend only on the executable.
    tar --owner=0 --group=0 --numeric-owner --sort=name -czf "$artifacts/$name" -C "$out" vtr
    (cd "$artifacts" && sha256sum "$name" > "$name.sha256")
    echo "$artifacts/$name  $(du -h "$artifacts/$name" | cut -f1)"
done
