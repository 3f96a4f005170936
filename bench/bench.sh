#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh - every measurement of barebpf, side by side with the tools a
# user would otherwise reach for; writes bench/RESULTS.md (needs root).
#
#	make bench		(installs the tools, builds, then runs this)
#	PARTS="sizes mapread" RUNS=5 sh bench/bench.sh	(some parts only)
#
# Sizes, system calls at start (strace), start-up time and peak RSS
# (bench/runstat.c), map reading rates (bench/mapread.c, and bpftool on the
# same map), event streams (bench/stream.sh) and the run time of procmon's
# programs under an exec storm (bench/progstats.c).  The comparisons are
# Debian's libbpf-tools execsnoop/exitsnoop and bpftool.  Timings vary
# with the machine and its load: nothing here fails on a number.
set -u
cd "$(dirname "$0")/.."
B=${BUILD:-build}
OUT=bench/RESULTS.md
RUNS=${RUNS:-21}
STORM=${STORM:-2000}
T=$(mktemp -d)
PIN=/sys/fs/bpf/barebpf_bench_$$
trap 'rm -rf "$T"; rm -f "$PIN"' EXIT
SNOOP="/usr/sbin/execsnoop /usr/sbin/exitsnoop"

mkdir -p "$B/bench"
for h in runstat mapread progstats; do
	${CC:-cc} -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I. \
		bench/$h.c "$B/libbarebpf_internal.a" -o "$B/bench/$h" || exit 1
done

# a / b with one decimal and an x, or - when either is missing.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.1fx", a / b; else printf "-" }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "-" }'; }
storm() { i=0; while [ $i -lt "$1" ]; do /bin/true; i=$((i + 1)); done; }

# Counts in an strace -f trace, up to the first call named $2 (the tool
# waits for events from there on): total bpf perf_event_open ioctl openat read
count_calls() {
	awk -v stop="$2" '$2 !~ /\(/ { next }
		{ name = $2; sub(/\(.*/, "", name) }
		name == stop { exit }
		{ n[name]++; total++ }
		END { print total + 0, n["bpf"] + 0, n["perf_event_open"] + 0,
			n["ioctl"] + 0, n["openat"] + 0, n["read"] + 0 }' "$1"
}
# The bpf commands in that part of the trace: "BPF_PROG_LOAD x2, ..."
bpf_cmds() {
	awk -v stop="$2" '$2 !~ /\(/ { next }
		{ name = $2; sub(/\(.*/, "", name) }
		name == stop { exit }
		name == "bpf" { c = $2; sub(/^bpf\(/, "", c); sub(/,.*/, "", c); n[c]++ }
		END { for (c in n) print c " x" n[c] }' "$1" | sort | paste -sd, - | sed 's/,/, /g'
}
# Where a tool starts waiting for events (see count_calls).
stop_of() { case $1 in procmon|static) echo rt_sigtimedwait ;; *) echo epoll_wait ;; esac; }
# strace a tool that runs until Ctrl+C: wait for its first epoll_wait,
# then send it SIGINT (strace's child only, by its pid).
trace_tool() {	# trace_tool OUT CMD...
	out=$1; shift
	strace -f -o "$out" "$@" >/dev/null 2>&1 &
	sp=$!
	i=0
	while ! grep -q epoll_wait "$out" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	kids=$(cat /proc/$sp/task/$sp/children 2>/dev/null)
	kill -INT ${kids:-$sp} 2>/dev/null	# no child: stop strace itself
	wait $sp
}

sizes() {
	echo "## Sizes (bytes, stripped)"
	echo
	echo "| binary | bytes | links against |"
	echo "|---|---:|---|"
	mkdir -p "$B/bench/stripped"
	for f in "$B"/*; do
		[ -f "$f" ] && [ -x "$f" ] || continue
		s=$B/bench/stripped/${f##*/}
		strip -s -R .comment -o "$s" "$f" &&
		echo "| ${f##*/} (glibc, dynamic, -O2) | $(stat -c %s "$s") | libc |"
	done
	for f in "$B"/static/procmon "$B"/static/barebpf; do
		[ -f "$f" ] && echo "| ${f##*/} (musl, static, -Oz, LTO) | $(stat -c %s "$f") | nothing |"
	done
	for f in $SNOOP; do
		libs=$(ldd "$f" 2>/dev/null | awk '$1 ~ /^lib/ && $1 !~ /^libc\./ { printf "%s ", $1 }')
		extra=0
		for l in $(ldd "$f" 2>/dev/null | awk '$1 ~ /^lib/ && $1 !~ /^libc\./ { print $3 }'); do
			extra=$((extra + $(stat -L -c %s "$l")))
		done
		echo "| ${f##*/} (Debian libbpf-tools, libbpf inside) | $(stat -c %s "$f") | libc, ${libs}($extra bytes more) |"
	done
	echo
	echo "execsnoop / static procmon: $(ratio "$(stat -c %s /usr/sbin/execsnoop)" "$(stat -c %s "$B/static/procmon")");" \
		"execsnoop / dynamic procmon: $(ratio "$(stat -c %s /usr/sbin/execsnoop)" "$(stat -c %s "$B/bench/stripped/procmon")")"
	echo
}

syscalls() {
	echo "## System calls at start"
	echo
	echo "Counted in an \`strace -f\` trace from exec up to the first wait for"
	echo "events (procmon: its first \`rt_sigtimedwait\`, right before it reads"
	echo "the map; execsnoop/exitsnoop: their first \`epoll_wait\`)."
	echo
	echo "| tool | total | all but read | bpf | perf_event_open | ioctl | openat | read |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|"
	strace -f -o "$T/procmon" "$B/procmon" --count 1 --interval 0 >/dev/null
	strace -f -o "$T/static" "$B/static/procmon" --count 1 --interval 0 >/dev/null
	for f in $SNOOP; do trace_tool "$T/${f##*/}" "$f"; done
	for t in procmon static execsnoop exitsnoop; do
		count_calls "$T/$t" "$(stop_of $t)" > "$T/$t.n"
		set -- $(cat "$T/$t.n")
		case $t in procmon) t="procmon (dynamic)" ;; static) t="procmon (static)" ;; esac
		echo "| $t | $1 | $(($1 - $6)) | $2 | $3 | $4 | $5 | $6 |"
	done
	echo
	set -- $(cat "$T/execsnoop.n") $(cat "$T/procmon.n")
	echo "execsnoop / procmon: total $(ratio $1 $7), all but read" \
		"$(ratio $(($1 - $6)) $(($7 - ${12}))), bpf $(ratio $2 $8)."
	echo "(Nearly all the reads are of /sys/kernel/btf/vmlinux, which sysfs"
	echo "hands out 4 KiB per read(2): procmon and libbpf both read it whole.)"
	echo
	echo "bpf commands:"
	echo
	echo "- procmon, the whole run: $(bpf_cmds "$T/procmon" exit_group)"
	for t in execsnoop exitsnoop; do
		echo "- $t, at start: $(bpf_cmds "$T/$t" epoll_wait)"
	done
	echo
	echo "The whole \`procmon --count 1 --interval 0\` run (load, attach, one"
	echo "map dump, teardown), \`strace -f -c\`:"
	echo
	strace -f -c -o "$T/c" "$B/procmon" --count 1 --interval 0 >/dev/null
	awk '$NF ~ /^(total|bpf|perf_event_open|ioctl|openat|read|close)$/ { s = s sep $NF " " $4; sep = ", " }
		END { print "    " s }' "$T/c"
	echo
}

startup() {
	echo "## Start-up time and peak memory"
	echo
	echo "Median of $RUNS runs, stdout on a pseudo-terminal (bench/runstat.c)."
	echo "*First output*: procmon's first table, the others' header (printed once"
	echo "attached).  *Exit*: procmon exits after the table; the others get SIGINT"
	echo "at their first output.  Closing the perf events that hold the programs"
	echo "takes the kernel tens of ms each (the tracepoint waits for RCU)."
	echo
	echo "| command | first output ms | exit ms | peak RSS KiB |"
	echo "|---|---:|---:|---:|"
	for c in procmon static/procmon; do
		set -- $("$B/bench/runstat" "$RUNS" "$B/$c" --count 1 --interval 0)
		echo "| $c --count 1 --interval 0 | $1 | $2 | $3 |"
		echo "$1" > "$T/start.${c%/*}"
	done
	for f in $SNOOP; do
		set -- $("$B/bench/runstat" -r "$RUNS" "$f")
		echo "| ${f##*/} (until its header, then SIGINT) | $1 | $2 | $3 |"
		echo "$1" > "$T/start.${f##*/}"
	done
	i=0
	while [ $i -lt "$RUNS" ]; do
		"$B/procmon" --count 1 --interval 0 -v 2>&1 >/dev/null |
			sed -n 's/.*attached [0-9]* programs, \([0-9]*\) us.*/\1/p'
		i=$((i + 1))
	done > "$T/attached"
	echo
	echo "Time to attached inside procmon (\`-v\`, CLOCK_MONOTONIC from main), median:" \
		"$(median < "$T/attached") us (with the narration on)."
	echo
	echo "execsnoop / procmon, first output: $(ratio "$(cat "$T/start.execsnoop")" "$(cat "$T/start.procmon")")"
	echo
}

mapread() {
	echo "## Reading a hash map (u32 -> u64)"
	echo
	echo "Entries per second; best of 3 reads each way (bench/mapread.c)."
	echo "bpftool: \`bpftool map dump pinned\` to /dev/null, once, its start included."
	echo
	echo "| entries | GET_NEXT_KEY+LOOKUP /s | LOOKUP_BATCH /s | bpftool /s | batch / per-key | batch / bpftool |"
	echo "|---:|---:|---:|---:|---:|---:|"
	for n in 1000 10000 100000 1000000; do
		set -- $("$B/bench/mapread" $n "$PIN") - - - - -
		t0=$(date +%s%N)
		bpftool map dump pinned "$PIN" >/dev/null 2>&1 || t0=
		t1=$(date +%s%N)
		rm -f "$PIN"
		tool=$( [ -n "$t0" ] && awk -v n=$n -v d=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (d / 1e9) }' || echo -)
		echo "| $n | $4 | $5 | $tool | $(ratio "$5" "$4") | $(ratio "$5" "$tool") |"
	done
	echo
}

events() {
	echo "## Event streams (bench/stream.sh)"
	echo
	echo '```'
	sh bench/stream.sh 2>&1 | grep -v '^make'
	echo '```'
	echo
}

overhead() {
	echo "## Run time in the kernel"
	echo
	echo "With kernel.bpf_stats_enabled=1, $STORM execs of /bin/true while procmon"
	echo "and execsnoop run (counts include every other exec on the machine)."
	echo
	echo "| tool | program | runs | ns per run |"
	echo "|---|---|---:|---:|"
	old=$(sysctl -n kernel.bpf_stats_enabled)
	sysctl -qw kernel.bpf_stats_enabled=1
	"$B/procmon" --interval 100000 >/dev/null 2>&1 &
	pm=$!
	/usr/sbin/execsnoop >/dev/null 2>&1 &
	es=$!
	i=0
	while ! { "$B/bench/progstats" $pm && "$B/bench/progstats" $es; } >/dev/null 2>&1 &&
	      [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	storm "$STORM"
	"$B/bench/progstats" $pm | awk '{ print "| procmon | " $1 " (id " $2 ") | " $3 " | " $5 " |" }'
	"$B/bench/progstats" $es | awk '{ print "| execsnoop | " $1 " (id " $2 ") | " $3 " | " $5 " |" }'
	kill -INT $pm $es
	wait $pm $es
	sysctl -qw kernel.bpf_stats_enabled="$old"
	echo
}

{
	echo "# barebpf benchmarks"
	echo
	echo "Written by \`make bench\` (bench/bench.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo -)."
	echo "Machine: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), $(nproc) CPUs," \
		"$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); kernel $(uname -r);" \
		"$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")."
	echo
	for p in ${PARTS:-sizes syscalls startup mapread events overhead}; do
		$p
	done
} | tee "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
