#!/usr/bin/env bash
# One node against plain ffmpeg on the same file, measured in the same run (issue 12):
#   build/bench-single.sh [--rounds N] [--clip SECONDS] [INPUT] [-- VTR-TRANSCODE-OPTIONS...]
# Without INPUT it generates the issue's clip: SECONDS (default 20) of 1080p30 H.264 at ~117 Mb/s with AAC.
# Each round runs `ffmpeg -i INPUT -c:v libx264 -preset veryfast -b:v 8M -c:a copy` and then the embedded
# `vtr transcode INPUT -o OUT --bitrate 8M` (output check on), both under /usr/bin/time; it prints every run and the
# medians of wall time, CPU time (user + sys, children included) and peak RSS, with vtr/ffmpeg ratios.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3
clip_seconds=20
input=""
while (($#)); do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --clip) clip_seconds="$2"; shift 2 ;;
        --) shift; break ;;
        *) input="$1"; shift ;;
    esac
done
vtr_options=("$@")
((${#vtr_options[@]})) || vtr_options=(--bitrate 8M)
command -v /usr/bin/time >/dev/null || { echo "bench-single: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/vtr-bench-single-XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [[ -z "$input" ]]; then
    input="$work/clip.mp4"
    echo "generating ${clip_seconds} s of 1080p30 H.264 at ~117 Mb/s + AAC: $input" >&2
    ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30,noise=alls=12:allf=t" \
        -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$clip_seconds" -c:v libx264 -preset ultrafast \
        -b:v 117M -maxrate 117M -bufsize 100M -g 60 -pix_fmt yuv420p -c:a aac -b:a 128k -shortest "$input"
fi

"$root/vtr" --version >/dev/null # build once, outside the timed runs
measure() { # NAME COMMAND... -> "NAME wall cpu rss_kib" on stdout
    local name="$1"; shift
    /usr/bin/time -f "$name %e %U %S %M" -o "$work/time" "$@" >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
    awk '{ printf "%s %.2f %.2f %d\n", $1, $2, $3 + $4, $5 }' "$work/time"
}
for ((r = 1; r <= rounds; r++)); do
    measure ffmpeg ffmpeg -hide_banner -nostdin -loglevel error -y -i "$input" -c:v libx264 -preset veryfast -b:v 8M -c:a copy "$work/ffmpeg.mp4"
    measure vtr "$root/vtr" transcode "$input" -o "$work/vtr.mp4" -y --no-resume "${vtr_options[@]}"
done | tee "$work/runs" | awk '{ printf "  %-6s %7.2f s wall %7.2f s CPU %6.0f MiB peak\n", $1, $2, $3, $4 / 1024 }' >&2

median() { # TOOL COLUMN
    awk -v tool="$1" -v col="$2" '$1 == tool { print $col }' "$work/runs" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
echo "median of $rounds rounds ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
printf "%-10s %10s %10s %12s\n" "" "wall s" "CPU s" "peak MiB"
for tool in ffmpeg vtr; do
    awk -v t="$tool" -v w="$(median "$tool" 2)" -v c="$(median "$tool" 3)" -v m="$(median "$tool" 4)" \
        'BEGIN { printf "%-10s %10.2f %10.2f %12.0f\n", t, w, c, m / 1024 }'
done
awk -v w1="$(median vtr 2)" -v w0="$(median ffmpeg 2)" -v c1="$(median vtr 3)" -v c0="$(median ffmpeg 3)" \
    -v m1="$(median vtr 4)" -v m0="$(median ffmpeg 4)" \
    'BEGIN { printf "%-10s %9.2fx %9.2fx %11.2fx\n", "vtr/ffmpeg", w1 / w0, c1 / c0, m1 / m0 }'
