#!/usr/bin/env bash
# Near-duplicates side by side: Faultline (bench "neardup") and the Go library ekzhu/minhash-lsh on the same
# generated posts (same file, same word 3-grams, 128 hash values, threshold 0.8, exact verification on both sides).
#
#   bench/neardup-vs-go.sh            ours and Go at 100k posts, ours at 1M
#   FULL=1 bench/neardup-vs-go.sh     Go at 1M too (about 100 s of CPU)
#
# Needs: apt-get install -y golang-go golang-github-ekzhu-minhash-lsh-dev (Go is built with GO111MODULE=off,
# nothing is downloaded). Throughput per core = posts per CPU-second of the process (user + system), which is
# fair between our parallel run and Go's single-threaded one and robust to a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-${TMPDIR:-/tmp}}
SMALL=${SMALL:-100000}
LARGE=${LARGE:-1000000}

dotnet build -c Release bench/Faultline.Bench -v q -nologo >/dev/null
BENCH="dotnet bench/Faultline.Bench/bin/Release/net10.0/Faultline.Bench.dll neardup"
(cd bench/go/minhashlsh && GO111MODULE=off GOPATH=/usr/share/gocode:$HOME/go go build -o "$DATA/minhashlsh-bench" .)
GO="$DATA/minhashlsh-bench"

small="$DATA/neardup-$SMALL.tsv"
large="$DATA/neardup-$LARGE.tsv"
$BENCH --posts "$SMALL" --file "$small" --write-only
$BENCH --posts "$LARGE" --file "$large" --write-only

field() { sed -n "s/.*RESULT.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
run() { # name, command...
    local name=$1; shift
    echo "== $name: $*" >&2
    local out; out=$("$@"); echo "$out" >&2
    echo "$out" | grep RESULT
}
compare() { # ours, go
    local op=$(field "$1" posts) oc=$(field "$1" cpu_s) orc=$(field "$1" recall)
    local gp=$(field "$2" posts) gc=$(field "$2" cpu_s) grc=$(field "$2" recall)
    awk -v op="$op" -v oc="$oc" -v orc="$orc" -v gp="$gp" -v gc="$gc" -v grc="$grc" 'BEGIN {
        o = op / oc; g = gp / gc;
        printf "at %d posts: Faultline %.0f posts/CPU-s (recall %s), ekzhu/minhash-lsh %.0f posts/CPU-s (recall %s): %.1fx per core\n", op, o, orc, g, grc, o / g }'
}

ours_small=$(run "Faultline $SMALL" $BENCH --file "$small")
go_small=$(run "Go $SMALL" "$GO" -file "$small")
ours_large=$(run "Faultline $LARGE" $BENCH --file "$large")
echo
compare "$ours_small" "$go_small"
if [[ "${FULL:-0}" == 1 ]]; then
    go_large=$(run "Go $LARGE" "$GO" -file "$large")
    compare "$ours_large" "$go_large"
else
    echo "at $LARGE posts: Faultline $(field "$ours_large" wall_s) s wall, $(field "$ours_large" cpu_s) s CPU, recall $(field "$ours_large" recall) (FULL=1 runs Go at this size too)"
fi
