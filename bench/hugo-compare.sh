#!/usr/bin/env bash
# Compares Lexsite with Hugo on the same generated corpus: median wall time
# and median peak memory (RSS) of full builds, pages written, and the ratios.
#
# Run from the repository root:
#
#   bench/hugo-compare.sh [N=1000] [RUNS=5]
#
# N is the number of guides per language (3 languages, so 3*N guide pages
# plus statutes, homes and lists). The two tools run alternately, after one
# warm-up run each, so that a slow phase of the machine hurts both alike; the
# output folder is deleted before every run, so every run is a full build.
#
# ONLY=hugo or ONLY=lexsite measures one tool alone (the other is neither
# built nor run), e.g. while one of them does not build.
#
# Needs: go, hugo (Debian: apt-get install --no-install-recommends hugo) and
# GNU time as /usr/bin/time (Debian: apt-get install time).
set -euo pipefail

n=${1:-1000}
runs=${2:-5}
only=${ONLY:-}

usage() {
	echo "usage: bench/hugo-compare.sh [N=1000] [RUNS=5]   (ONLY=hugo|lexsite to time one tool)" >&2
	exit 2
}
[[ $n =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || usage
case $only in "" | hugo | lexsite) ;; *) usage ;; esac
[[ -f go.mod && -d bench/cmd/lexsite-corpus ]] || {
	echo "hugo-compare: run me from the repository root" >&2
	exit 2
}

want() { [[ -z $only || $only == "$1" ]]; }

if [[ ! -x /usr/bin/time ]]; then
	# GNU time, not the shell keyword: only it reports peak memory.
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		echo "hugo-compare: installing GNU time (apt-get install -y time)" >&2
		apt-get install -y time >/dev/null
	else
		echo "hugo-compare: /usr/bin/time is missing; install GNU time (Debian: apt-get install time)" >&2
		exit 2
	fi
fi
if want hugo && ! command -v hugo >/dev/null; then
	echo "hugo-compare: hugo is not on PATH (Debian: apt-get install --no-install-recommends hugo)" >&2
	exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Hugo's file cache would otherwise live outside the run and outlive it.
export HUGO_CACHEDIR="$tmp/hugo-cache"

echo "building..." >&2
go build -o "$tmp/lexsite-corpus" ./bench/cmd/lexsite-corpus
want lexsite && go build -o "$tmp/lexsite" ./cmd/lexsite

echo "generating N=$n..." >&2
want lexsite && "$tmp/lexsite-corpus" -n "$n" -o "$tmp/lx"
want hugo && "$tmp/lexsite-corpus" -hugo -n "$n" -o "$tmp/hugo"

# build TOOL: one full build of TOOL into its empty output folder, its
# "wall-seconds peak-KiB" appended to $tmp/TOOL.times.
build() {
	local tool=$1 out
	local -a cmd
	case $tool in
	lexsite)
		out=$tmp/lx/public
		cmd=("$tmp/lexsite" build -s "$tmp/lx" -o "$out")
		;;
	hugo)
		out=$tmp/hugo/public
		cmd=(hugo --quiet -s "$tmp/hugo" -d "$out")
		;;
	esac
	rm -rf "$out"
	if ! /usr/bin/time -f '%e %M' -o "$tmp/time.out" "${cmd[@]}" >"$tmp/$tool.log" 2>&1; then
		echo "hugo-compare: $tool failed:" >&2
		cat "$tmp/$tool.log" >&2
		exit 1
	fi
	tail -n 1 "$tmp/time.out" >>"$tmp/$tool.times"
}

# median: the median of the numbers on stdin, one per line.
median() {
	sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

tools=()
want lexsite && tools+=(lexsite)
want hugo && tools+=(hugo)

echo "warm-up..." >&2
for t in "${tools[@]}"; do
	build "$t"
	rm -f "$tmp/$t.times"
done
for ((i = 1; i <= runs; i++)); do
	echo "run $i/$runs..." >&2
	for t in "${tools[@]}"; do build "$t"; done
done

declare -A wall mib pages
for t in "${tools[@]}"; do
	wall[$t]=$(cut -d' ' -f1 "$tmp/$t.times" | median)
	mib[$t]=$(awk '{ print $2 / 1024 }' "$tmp/$t.times" | median)
	dir=$tmp/lx/public
	[[ $t == hugo ]] && dir=$tmp/hugo/public
	pages[$t]=$(find "$dir" -name index.html | wc -l)
done

cpu=$(grep -m1 -E '^(model name|Model|cpu model)' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
echo
echo "corpus:  N=$n guides per language, 3 languages; median of $runs runs"
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}"
echo "go:      $(go version)"
want hugo && echo "hugo:    $(hugo version)"
echo
printf '%-8s %10s %10s %8s\n' tool "wall s" "peak MiB" pages
for t in "${tools[@]}"; do
	printf '%-8s %10.2f %10.1f %8d\n' "$t" "${wall[$t]}" "${mib[$t]}" "${pages[$t]}"
done
if [[ -z $only ]]; then
	echo
	awk -v lw="${wall[lexsite]}" -v hw="${wall[hugo]}" -v lm="${mib[lexsite]}" -v hm="${mib[hugo]}" \
		'BEGIN { printf "lexsite/hugo: wall time %.2fx, peak memory %.2fx\n", lw / hw, lm / hm }'
fi
