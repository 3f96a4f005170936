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
# run loses nothing.  Each run lasts about half a second.  Figures vary
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
# each reader its best lossless run.
measure() {	# measure TRANSPORT SIZE
	for r in $READERS; do
		echo "flat out:  ${r%%:*} $("${r#*:}" "$1" "$2" 200000 0)"
	done
	for r in $READERS; do
		lossless "${r#*:}" "$1" "$2" "${r%%:*}"
	done
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
if [ $# -eq 2 ]; then
	measure "$1" "$2"
	exit 0
fi
for pages in 1 8 64; do measure perf $pages; done
for bytes in 16384 262144 1048576; do measure ringbuf $bytes; done
