#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh - every measurement of barebpf, side by side with the tools a
# user would otherwise reach for; writes bench/RESULTS.md (needs root).
#
#	make bench		(installs the tools, builds, then runs this)
#	PARTS="sizes mapread" RUNS=5 OUT=/tmp/r.md sh bench/bench.sh	(some parts only)
#	PARTS=example_size sh bench/bench.sh	(issue 15's size figure only)
#
# First against the same demo: procmon on libbpf and on bpftool's light
# skeleton (bench/ref/, built by `make bench-refs`), loading the very same
# procmon.bpf.o: start-up, CPU, system calls, size, teardown, each as a
# ratio measured in one run, the commands taking turns (bench/runstat.c).
# Then map reading rates against raw bpf(2) loops (bench/mapread.c, and
# bpftool on the same map), event streams against libbpf's readers
# (bench/stream.sh), and the older comparison with Debian's libbpf-tools
# execsnoop/exitsnoop: sizes, system calls at start (strace), start-up
# time and peak RSS, the run time of the programs under an exec storm
# (bench/progstats.c).  Timings vary with the machine and its load:
# nothing here fails on a number.
set -u
cd "$(dirname "$0")/.."
B=${BUILD:-build}
OUT=${OUT:-bench/RESULTS.md}
RUNS=${RUNS:-21}
CORE_RUNS=${CORE_RUNS:-5}
STORM=${STORM:-2000}
MAP_ROUNDS=${MAP_ROUNDS:-5}
T=$(mktemp -d)
PIN=/sys/fs/bpf/barebpf_bench_$$
trap 'rm -rf "$T"; rm -f "$PIN"' EXIT
SNOOP="/usr/sbin/execsnoop /usr/sbin/exitsnoop"

mkdir -p "$B/bench"
for h in runstat mapread progstats; do
	${CC:-cc} -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I. \
		bench/$h.c "$B/libbarebpf_internal.a" -o "$B/bench/$h" || exit 1
done
make -s BUILD="$B" bench-refs || exit 1

# The demo three ways, each `--count 1 --interval 0`-style: load, attach,
# print the (nearly empty) table once, exit.
PROCMON="$B/static/procmon --count 1 --interval 0"
LIBBPF="$B/bench/procmon_libbpf $B/procmon.bpf.o 1 0"
LSKEL="$B/bench/procmon_lskel 1 0"

# a / b with one decimal and an x, or - when either is missing.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.1fx", a / b; else printf "-" }'; }
# The same with two decimals (ratios near 1).
ratio2() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2fx", a / b; else printf "-" }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "-" }'; }
storm() { i=0; while [ $i -lt "$1" ]; do /bin/true; i=$((i + 1)); done; }

# Counts in an strace -f trace, up to the first call that starts with $2
# (the tool waits for events, or reads its map, from there on):
# total bpf perf_event_open ioctl openat read
count_calls() {
	awk -v stop="$2" '$2 !~ /\(/ { next }
		{ name = $2; sub(/\(.*/, "", name) }
		index($2, stop) == 1 { exit }
		{ n[name]++; total++ }
		END { print total + 0, n["bpf"] + 0, n["perf_event_open"] + 0,
			n["ioctl"] + 0, n["openat"] + 0, n["read"] + 0 }' "$1"
}
# The bpf commands in that part of the trace: "BPF_PROG_LOAD x2, ..."
bpf_cmds() {
	awk -v stop="$2" '$2 !~ /\(/ { next }
		{ name = $2; sub(/\(.*/, "", name) }
		index($2, stop) == 1 { exit }
		name == "bpf" { c = $2; sub(/^bpf\(/, "", c); sub(/,.*/, "", c); n[c]++ }
		END { for (c in n) print c " x" n[c] }' "$1" | sort | paste -sd, - | sed 's/,/, /g'
}
# Where a tool starts waiting for events (see count_calls).
# (procmon with --interval 0 prints its first table without a wait: its
# first map read, BPF_MAP_GET_NEXT_KEY, is where it starts to look.)
stop_of() { case $1 in procmon|static) echo 'bpf(BPF_MAP_GET_NEXT_KEY' ;; *) echo 'epoll_wait(' ;; esac; }
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

# Calls in an strace -f trace from execve up to and including the first
# write to stdout (the first output): "total bpf".
upto_output() {
	sed 's/^[0-9]* *//' "$1" | awk '/^[a-z_0-9]+\(/ { n++; if (/^bpf\(/) b++ }
		/^write\(1,/ { exit } END { print n + 0, b + 0 }'
}
# Line $2 of file $1, field $3.
field() { sed -n "${2}p" "$1" | cut -d' ' -f"$3"; }
# a - b with one decimal.
minus() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.1f", a - b; else printf "-" }'; }

# One row of the start-up table from runstat's lines in $T/rs: the
# figure (field $2) of each command, then the pairwise ratios (field $3).
rs_row() {
	echo "| $1 | $(field "$T/rs" 1 $2) | $(field "$T/rs" 2 $2) | $(field "$T/rs" 3 $2) |" \
		"$(field "$T/rs" 2 $3)x | $(field "$T/rs" 3 $3)x |"
}

startup_refs() {
	echo "## Start-up against the same demo"
	echo
	echo "The very same \`procmon.bpf.o\`, loaded three ways, each run as"
	echo "\`--count 1 --interval 0\`: load, attach, print the table once, exit."
	echo "*libbpf procmon*: bench/ref/procmon_libbpf.c on Debian's libbpf $(dpkg-query -W -f '${Version}' libbpf-dev 2>/dev/null | sed 's/^1://;s/-.*//')"
	echo "(static with glibc: Debian's libbpf.a is built fortified and does not"
	echo "link with musl); it finds the two task_struct offsets as a libbpf user"
	echo "would, with btf__load_vmlinux_btf() (the whole kernel BTF parsed)."
	echo "*light skeleton*: bench/ref/procmon_lskel.c on \`bpftool gen skeleton -L\`"
	echo "(bpftool $(bpftool version 2>/dev/null | sed -n 's/^bpftool v//p' | head -1); static, musl), tracepoints attached by hand, the"
	echo "offsets found in one pass over the mapped kernel BTF.  *barebpf*: the"
	echo "static procmon (musl).  Medians of $RUNS runs, the three commands"
	echo "taking turns run by run (bench/runstat.c); a ratio is the median of"
	echo "the runs' own ratios (barebpf's run over the reference's run of the"
	echo "same turn): below 1.0x barebpf is faster or smaller."
	echo
	"$B/bench/runstat" "$RUNS" $PROCMON -- $LIBBPF -- $LSKEL > "$T/rs"
	"$B/bench/runstat" -k "$RUNS" $PROCMON -- $LIBBPF -- $LSKEL > "$T/rk"
	for c in PROCMON LIBBPF LSKEL; do
		eval "strace -f -o \"\$T/st.$c\" \$$c" >/dev/null 2>&1
		upto_output "$T/st.$c" > "$T/n.$c"
	done
	echo "| | barebpf static procmon | libbpf procmon | light skeleton | barebpf / libbpf | barebpf / light skeleton |"
	echo "|---|---:|---:|---:|---:|---:|"
	rs_row "time to first output, ms" 1 6
	rs_row "CPU, user + system, ms" 5 7
	echo "| CPU (user + system, exec included) before the first bpf() call, ms: killed there by seccomp |" \
		"$(field "$T/rk" 1 5) | $(field "$T/rk" 2 5) | $(field "$T/rk" 3 5) |" \
		"$(field "$T/rk" 2 7)x | $(field "$T/rk" 3 7)x |"
	rs_row "exit, ms after start (teardown included)" 2 8
	echo "| teardown: exit - first output, ms (medians) |" \
		"$(minus "$(field "$T/rs" 1 2)" "$(field "$T/rs" 1 1)") |" \
		"$(minus "$(field "$T/rs" 2 2)" "$(field "$T/rs" 2 1)") |" \
		"$(minus "$(field "$T/rs" 3 2)" "$(field "$T/rs" 3 1)") | | |"
	set -- $(cat "$T/n.PROCMON" "$T/n.LIBBPF" "$T/n.LSKEL")
	echo "| system calls to first output (strace -f, execve included) | $1 | $3 | $5 |" \
		"$(ratio2 "$1" "$3") | $(ratio2 "$1" "$5") |"
	echo "| bpf() calls to first output | $2 | $4 | $6 | $(ratio2 "$2" "$4") | $(ratio2 "$2" "$6") |"
	set -- $(stat -c %s "$B/static/procmon" "$B/bench/procmon_libbpf" "$B/bench/procmon_lskel")
	echo "| size, stripped, bytes | $1 | $2 | $3 | $(ratio2 "$1" "$2") | $(ratio2 "$1" "$3") |"
	set -- $(field "$T/rs" 1 3) $(field "$T/rs" 2 3) $(field "$T/rs" 3 3)
	echo "| peak RSS, KiB | $1 | $2 | $3 | $(ratio2 "$1" "$2") | $(ratio2 "$1" "$3") |"
	echo
	phases
	teardown
}

# barebpf's start-up by phase, from the gaps between the calls of an
# \`strace -f -ttt\` trace (strace slows every call: only the shares count).
phases() {
	strace -f -ttt -o "$T/ph" $PROCMON >/dev/null 2>&1
	echo "barebpf static procmon by phase (\`strace -ttt\`, ms from execve; strace's own"
	echo "cost included, so look at the shares):"
	echo
	sed 's/^[0-9]* *//' "$T/ph" | awk '
		/^[0-9.]+ execve\(/ && !t0 { t0 = $1 }
		!t0 { next }
		{ t = ($1 - t0) * 1000 }
		/ bpf\(BPF_BTF_LOAD/ && !a { a = t }
		/ bpf\(BPF_PROG_LOAD/ && !b { b = t }
		/ bpf\(BPF_PROG_LOAD/ { c = t }
		/ openat\(.*btf\/vmlinux/ && !d { d = t }
		/ bpf\(BPF_MAP_UPDATE_ELEM/ && d && !e { e = t }
		/ perf_event_open\(/ && !f { f = t }
		/ ioctl\(.*PERF_EVENT_IOC_SET_BPF/ { g = t }
		/ write\(1,/ && !h { h = t }
		/ \+\+\+ exited/ { x = t }
		END {
			printf "- user space until the first bpf() (options, the embedded object unpacked and parsed): %.1f\n", a
			printf "- BTF and maps created: %.1f\n", b - a
			printf "- programs loaded (the verifier): %.1f\n", c - b
			printf "- task_struct offsets from the kernel BTF, set in the map: %.1f\n", e - d
			printf "- tracepoints attached: %.1f\n", g - f
			printf "- first table written: %.1f (at %.1f)\n", h - g, h
			printf "- teardown and exit: %.1f\n", x - h
		}'
	echo
}

# What the kernel lets a loader save at exit: closing a tracepoint's perf
# event waits for RCU (tracepoint_synchronize_unregister()), under the
# kernel's event_mutex.  The light skeleton closes its two perf events one
# after the other, each in its own thread at once, or after disabling
# both; barebpf through perf ioctls or through perf links.
teardown() {
	"$B/bench/runstat" "$RUNS" $LSKEL seq -- $LSKEL par -- $LSKEL disable -- \
		$PROCMON -- $PROCMON --perf-link > "$T/td"
	echo "Teardown, medians of $RUNS runs taking turns (ms):"
	echo
	echo "| how | first output | exit | exit - first output |"
	echo "|---|---:|---:|---:|"
	n=0
	for how in "light skeleton: close one after the other" \
		   "light skeleton: each perf event closed by its own thread, at once" \
		   "light skeleton: PERF_EVENT_IOC_DISABLE both, then close" \
		   "barebpf procmon (perf ioctls)" "barebpf procmon --perf-link (BPF links)"; do
		n=$((n + 1))
		echo "| $how | $(field "$T/td" $n 1) | $(field "$T/td" $n 2) |" \
			"$(minus "$(field "$T/td" $n 2)" "$(field "$T/td" $n 1)") |"
	done
	echo
}

# CO-RE loads: the real-world tier's objects (Debian's libbpf-tools),
# each program loaded on its own, by barebpf and by libbpf's loader
# (tests/realworld/libbpf_load.c), as the tier does, taking turns.
core_loads() {
	echo "## CO-RE loads: the real-world tier's objects"
	echo
	echo "Every object inside Debian's libbpf-tools, each program loaded on its own"
	echo "(\`barebpf load --each --xlated\` against \`tests/realworld/libbpf_load\`,"
	echo "libbpf $(dpkg-query -W -f '${Version}' libbpf1 2>/dev/null | sed 's/^1://;s/-.*//'); both read the kernel's BTF once per object and"
	echo "relocate every program against it).  Medians of $CORE_RUNS runs taking"
	echo "turns; CPU is user + system (the kernel's verifier included, the"
	echo "same work on both sides), user alone is the loader's own work.  Ratio:"
	echo "barebpf over libbpf, the median of the runs' own ratios."
	echo
	echo "| object | barebpf CPU ms | libbpf CPU ms | ratio | barebpf user ms | libbpf user ms |"
	echo "|---|---:|---:|---:|---:|---:|"
	mkdir -p "$T/rw"
	# shellcheck disable=SC2046
	objs=$(perl tests/realworld/extract.pl "$T/rw" $(dpkg -L libbpf-tools 2>/dev/null | grep '^/usr/sbin/.')) || return
	for n in $objs; do
		o=$T/rw/$n.bpf.o
		"$B/bench/runstat" -x "$CORE_RUNS" "$B/barebpf" load --each --xlated \
			--default-max-entries 1024 "$o" -- \
			"$B/tests/realworld/libbpf_load" "$o" 1024 > "$T/cl"
		set -- $(sed -n 1p "$T/cl") $(sed -n 2p "$T/cl")
		[ "$4" -gt 0 ] 2>/dev/null && [ "${13}" -gt 0 ] 2>/dev/null || continue
		echo "| $n | $5 | ${14} | $(field "$T/cl" 2 7)x | $9 | ${18} |"
		echo "$5 ${14} $(field "$T/cl" 2 7) $9 ${18}" >> "$T/cl.all"
	done
	[ -s "$T/cl.all" ] || return
	r=$(cut -d' ' -f3 "$T/cl.all" | median)
	awk -v r="$r" '{ b += $1; l += $2; bu += $4; lu += $5 }
		END { printf "| all %d objects (sums; ratio: the median object'"'"'s) | %.1f | %.1f | %sx | %.1f | %.1f |\n",
			NR, b, l, r, bu, lu }' "$T/cl.all"
	echo
}

sizes() {
	echo "## Beside the usual tools: Debian's libbpf-tools"
	echo
	echo "### Sizes (bytes, stripped)"
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

# Issue 15: example 1 (docs/examples/lesson5) both ways, built alike
# (make bench-refs: musl, static, -Oz, LTO, stripped).
example_size() {
	echo "### Example 1 (Lesson 5), static musl stripped: barebpf skeleton vs light skeleton"
	echo
	echo "docs/examples/lesson5/lesson5.c on barebpf's skeleton, and the same program"
	echo "on bpftool's light skeleton (\`gen skeleton -L\`) of the same lesson5.bpf.o"
	echo "(bench/ref/lesson5_lskel.c, its tp/ programs attached by hand)."
	echo
	echo "| example 1 (Lesson 5) | barebpf skeleton, bytes | light skeleton, bytes | barebpf / light |"
	echo "|---|---:|---:|---:|"
	set -- $(stat -c %s "$B/bench/lesson5_static" "$B/bench/lesson5_lskel")
	echo "| static musl stripped (-Oz, LTO) | $1 | $2 | $(ratio2 "$1" "$2") |"
	echo
}

syscalls() {
	echo "### System calls at start"
	echo
	echo "Counted in an \`strace -f\` trace from exec up to the first wait for"
	echo "events (procmon: its first \`BPF_MAP_GET_NEXT_KEY\`, where it starts"
	echo "to read the map; execsnoop/exitsnoop: their first \`epoll_wait\`)."
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
	echo "(Nearly all of execsnoop's reads are of /sys/kernel/btf/vmlinux, which"
	echo "sysfs hands out 4 KiB per read(2): libbpf 1.1 reads it whole; procmon"
	echo "maps it, Linux 6.16+, and looks up the two types it needs.)"
	echo
	echo "bpf commands:"
	echo
	echo "- procmon, the whole run: $(bpf_cmds "$T/procmon" 'exit_group(')"
	for t in execsnoop exitsnoop; do
		echo "- $t, at start: $(bpf_cmds "$T/$t" 'epoll_wait(')"
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
	echo "### Start-up time and peak memory"
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
	echo "## Reading a map (u32 -> u64)"
	echo
	echo "Entries per CPU second of the reading thread (user + system: the"
	echo "machine's other work does not count), median of $MAP_ROUNDS rounds in which"
	echo "the ways take turns; each ratio is the median of the ratios taken"
	echo "within a round (bench/mapread.c).  Against the kernel's floor: *raw"
	echo "per-key* is a tight loop of bare \`syscall(__NR_bpf)\` GET_NEXT_KEY +"
	echo "LOOKUP_ELEM; *raw batch* a bare LOOKUP_BATCH loop at its best batch"
	echo "size (64 to 65536 tried).  bpftool (hash maps): \`bpftool map dump"
	echo "pinned\` to /dev/null, once, its start included, wall time."
	echo
	echo "| map | entries | bb_map_for_each /s | raw per-key /s | ratio | bb_map_for_each_batch /s | raw batch /s (best size) | ratio | bpftool /s | batch / bpftool |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	for type in hash array; do
		for n in 1000 10000 100000 1000000; do
			pin=
			[ $type = hash ] && pin=$PIN
			set -- $("$B/bench/mapread" $n $type "$MAP_ROUNDS" $pin) - - - - - - - - -
			tool=-
			if [ -n "$pin" ] && [ -e "$pin" ]; then
				t0=$(date +%s%N)
				bpftool map dump pinned "$pin" >/dev/null 2>&1 || t0=
				t1=$(date +%s%N)
				rm -f "$pin"
				[ -n "$t0" ] && tool=$(awk -v n=$n -v d=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (d / 1e9) }')
			fi
			echo "| $2 | $1 | $3 | $4 | ${5}x | $6 | $7 ($8) | ${9}x | $tool | $(ratio "$6" "$tool") |"
		done
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
	echo "### Run time in the kernel"
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
	for p in ${PARTS:-startup_refs core_loads mapread events sizes example_size syscalls startup overhead}; do
		$p
	done
} | tee "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
