#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# stream.sh - the event stream benchmark (needs root): for each transport
# and ring size, and for each reader (barebpf's, bench/stream.c, and
# libbpf's perf_buffer__poll / ring_buffer__poll, bench/ref/stream_libbpf.c,
# on the same producer object and the same ring sizes, taking turns): the
# loss when the producer runs flat out (an overload: more than the reader
# keeps up with at the smallest rings), the highest producer rate whose
# events all arrive, and the reader's CPU time per event at that rate.
#
#   bench/stream.sh            the default matrix
#   bench/stream.sh perf 8     one configuration (perf pages / ringbuf bytes)
#
# Method: bench/stream.c makes one 112-byte record per getppid() of a child
# pinned to CPU 1, read by the parent on CPU 0.  First the child runs flat
# out; if anything is lost, the target rate drops by 30% at a time until a
# run loses nothing.  Each run lasts about half a second.  Then both readers
# run at one rate, the lower of their two zero-loss rates, taking turns
# (SAME_RUNS times, default 5), and the median of each reader's CPU time
# per event is printed: at their own best rates the two would not do the
# same work (the lower the rate, the more events wake the reader alone).  Figures vary
# with the machine and with what else runs on it: they are not asserted
# anywhere.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
make -s -j2 BUILD="$BUILD" all bench-refs "$BUILD/test/stream_test.bpf.o"
mkdir -p "$BUILD/bench"
${CC:-cc} -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I. \
	bench/stream.c "$BUILD/libbarebpf_internal.a" -o "$BUILD/bench/stream"
READERS="barebpf:$BUILD/bench/stream libbpf:$BUILD/bench/stream_libbpf"

# One configuration, each reader in turn: the flat-out runs, then for
# each reader its best lossless run, then both at the lower of those rates.
measure() {	# measure TRANSPORT SIZE
	for r in $READERS; do
		echo "flat out:  ${r%%:*} $("${r#*:}" "$1" "$2" 200000 0)"
	done
	best=
	for r in $READERS; do
		line=$(lossless "${r#*:}" "$1" "$2" "${r%%:*}") || true
		[ -n "$line" ] || continue
		echo "$line"
		rate=$(echo "$line" | awk '{ print $5 }')
		[ -z "$best" ] || [ "$rate" -lt "$best" ] && best=$rate
	done
	[ -n "$best" ] && same_rate "$1" "$2" "$best"
}

# Each reader SAME_RUNS times at @rate, taking turns: the lost records
# over all its runs, and the median of its CPU time per event.
same_rate() {	# same_rate TRANSPORT SIZE RATE
	n=$(($3 / 2))
	[ $n -lt 5000 ] && n=5000
	i=0
	while [ $i -lt "${SAME_RUNS:-5}" ]; do
		for r in $READERS; do
			echo "${r%%:*} $("${r#*:}" "$1" "$2" $n "$3")"
		done
		i=$((i + 1))
	done | awk -v t="$1" -v s="$2" -v rate="$3" '
	{ lost[$1] += $7; ns[$1, ++c[$1]] = $9; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
	END {
		for (j = 1; j <= k; j++) {
			r = order[j]; m = c[r]
			for (a = 1; a <= m; a++) v[a] = ns[r, a]
			for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++)
				if (v[b] < v[a]) { x = v[a]; v[a] = v[b]; v[b] = x }
			med = m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
			printf "same rate: %s %s %s %d runs=%d lost=%d reader_ns_per_event=%.0f\n", r, t, s, rate, m, lost[r], med
		}
	}'
}

# The rate drops by 30% from 1M/s until a run loses nothing.
lossless() {	# lossless BINARY TRANSPORT SIZE NAME
	lost=1
	rate=1000000
	line=
	while [ "$lost" != 0 ] && [ "$rate" -gt 1000 ]; do
		n=$((rate / 2))
		[ $n -lt 5000 ] && n=5000
		line=$("$1" "$2" "$3" $n $rate)
		lost=$(echo "$line" | cut -d' ' -f6)
		rate=$((rate * 7 / 10))
	done
	[ "$lost" = 0 ] && [ -n "$line" ] && echo "lossless:  $4 $line"
}

echo "# reader transport size target_rate sent received lost events_per_s reader_ns_per_event"
echo "# (size: perf = data pages per CPU of $(getconf PAGESIZE) bytes; ringbuf = bytes)"
echo "# same rate: reader transport size rate runs lost (all runs) median reader_ns_per_event"
if [ $# -eq 2 ]; then
	measure "$1" "$2"
	exit 0
fi
for pages in 1 8 64; do measure perf $pages; done
for bytes in 16384 262144 1048576; do measure ringbuf $bytes; done
