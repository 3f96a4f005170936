#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# procmon_events.sh - `procmon --events` end to end, on both transports.
#
# A script under a distinctive name runs N times, each time exiting with
# its own code.  procmon (JSON Lines) must print, for each of those pids,
# exactly one exec (right file, comm, parent) and exactly one exit (right
# code); other processes on the machine are ignored by pid.  Then SIGINT
# must end procmon with status 0.
#
# Runs under busybox too (docs/vm-tests.md): no perl, and no copy of
# /bin/sh under another name, since busybox picks its applet from argv[0]
# ("bbev_123: applet not found").  A "#!/bin/sh" script gives the same
# events: the kernel runs its interpreter within the one execve, so there
# is one exec event whose file is the script's path and whose comm is the
# script's name (both come from the path given to execve, not from the
# interpreter), while the interpreter itself gets argv[0] "/bin/sh".
set -u

BUILD=${BUILD:-build}
PROCMON=$BUILD/procmon
N=20

if [ "$(id -u)" != 0 ]; then
	if [ -n "${BAREBPF_NO_SKIP:-}" ] && [ "$BAREBPF_NO_SKIP" != 0 ]; then
		echo "1..1"; echo "not ok 1 - would skip: needs root"; exit 1
	fi
	echo "1..0 # SKIP needs root"; exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/bbev_$$
printf '#!/bin/sh\nexit "$1"\n' >"$bin"
chmod +x "$bin"
comm=$(basename "$bin" | cut -c1-15)	# comm is 15 chars and a NUL

echo "1..20"
t=0
ok() {	# ok COND-STATUS DESCRIPTION
	t=$((t + 1))
	if [ "$1" = 0 ]; then echo "ok $t - $2"; else echo "not ok $t - $2"; fi
}

# Wait (up to $4 tenths of a second) until procmon's output $1 mentions
# pid $2 $3 times.
wait_for() {
	tries=0
	while [ $tries -lt "$4" ]; do
		[ "$(grep -c "\"pid\":$2," "$1")" -ge "$3" ] && return 0
		sleep 0.1
		tries=$((tries + 1))
	done
	return 1
}

# awk program: count the events of procmon's JSON Lines ($out) that
# belong to our pids.  want is " PID:CODE PID:CODE ..."; prints
# "NEXEC NEXIT GOOD_EXEC GOOD_EXIT BAD" where BAD counts lines that are not
# one flat JSON object.  Strings are compared in their JSON form, which is
# the text itself as long as it has no quote, backslash or control
# character (true of our mktemp path and name).
COUNT_EVENTS='
# The value of "key" in line s: a number, or the inside of a string
# ("\001" if absent).  A key preceded by { or , cannot be inside a string,
# where every quote is escaped.
function get(s, key,	i, c, v) {
	i = index(s, "{\"" key "\":")
	if (!i)
		i = index(s, ",\"" key "\":")
	if (!i)
		return "\001"
	s = substr(s, i + length(key) + 4)
	if (substr(s, 1, 1) != "\"") {
		match(s, /^-?[0-9][0-9.eE+-]*/)
		return RSTART ? substr(s, 1, RLENGTH) : "\001"
	}
	v = ""
	for (i = 2; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\"")
			return v
		if (c == "\\") {
			v = v c
			i++
			c = substr(s, i, 1)
		}
		v = v c
	}
	return "\001"
}
BEGIN {
	n = split(want, w, " ")
	for (j = 1; j <= n; j++) {
		split(w[j], pc, ":")
		code[pc[1]] = pc[2]
	}
}
!/^\{.*\}$/ { bad++; next }
{
	pid = get($0, "pid")
	if (!(pid in code))
		next
	ev = get($0, "event")
	if (ev == "exec") {
		nexec[pid]++
		okexec[pid] = get($0, "filename") == bin && \
			get($0, "comm") == comm && get($0, "ppid") == ppid
	} else if (ev == "exit") {
		nexit[pid]++
		okexit[pid] = get($0, "exit_code") == code[pid] && \
			get($0, "signal") == 0 && get($0, "comm") == comm
	}
}
END {
	for (pid in code) {
		te += nexec[pid]
		tx += nexit[pid]
		ge += nexec[pid] == 1 && okexec[pid]
		gx += nexit[pid] == 1 && okexit[pid]
	}
	print te + 0, tx + 0, ge + 0, gx + 0, bad + 0
}'

run_one() {	# run_one perf|ringbuf
	out=$tmp/$1.json
	"$PROCMON" --events="$1" --json >"$out" 2>"$tmp/$1.err" &
	mon=$!
	# Attached once one of our marker execs shows up.
	ready=1
	i=0
	while [ $i -lt 50 ]; do
		"$bin" 0 &
		marker=$!
		wait $marker
		if wait_for "$out" $marker 2 5; then ready=0; break; fi
		i=$((i + 1))
	done
	ok $ready "$1: procmon is streaming events"
	pids=""
	k=1
	while [ $k -le $N ]; do
		"$bin" $k &
		pids="$pids $!:$k"
		wait $!
		k=$((k + 1))
	done
	last=${pids##* }
	wait_for "$out" "${last%%:*}" 2 50
	kill -INT $mon
	wait $mon
	ok $? "$1: SIGINT ends procmon with status 0"
	awk -v bin="$bin" -v comm="$comm" -v ppid=$$ -v want="$pids" \
		"$COUNT_EVENTS" "$out" >"$tmp/$1.counts"
	read nexec nexit good_exec good_exit bad <"$tmp/$1.counts"
	[ "$nexec" = $N ] && [ "$bad" = 0 ]
	ok $? "$1: $N execs of $comm, $nexec exec events ($bad lines not JSON objects)"
	[ "$nexit" = $N ]; ok $? "$1: $N exits, $nexit exit events"
	[ "$good_exec" = $N ]; ok $? "$1: each exec has its file, comm and parent ($good_exec/$N)"
	[ "$good_exit" = $N ]; ok $? "$1: each exit has its own code ($good_exit/$N)"
	if [ "$nexec" != $N ] || [ "$nexit" != $N ]; then
		sed 's/^/# /' "$tmp/$1.err"
	fi
}

run_one perf
run_one ringbuf

# --count N with --events: N events, then procmon exits by itself (status
# 0).  Other processes' events count too, so we only feed it execs of our
# own until it leaves, and expect exactly N lines.
count_one() {	# count_one perf|ringbuf
	out=$tmp/count_$1.json
	"$PROCMON" --events="$1" --json --count 5 >"$out" 2>"$tmp/count_$1.err" &
	mon=$!
	tries=0
	while kill -0 $mon 2>/dev/null && [ $tries -lt 100 ]; do
		"$bin" 0
		sleep 0.05
		tries=$((tries + 1))
	done
	# Still running after 100 execs: --count was ignored.
	kill -0 $mon 2>/dev/null && alive=1 || alive=0
	kill -INT $mon 2>/dev/null
	wait $mon
	st=$?
	[ $alive = 0 ] && [ $st = 0 ]
	ok $? "$1: --events --count 5 exits by itself with status 0 (after $tries execs)"
	[ "$(grep -c '^{.*"event":"ex[ei][ct]"' "$out")" = 5 ] &&
		[ "$(wc -l <"$out")" = 5 ]
	ok $? "$1: --count 5 printed exactly 5 events ($(wc -l <"$out") lines)"
}
count_one perf
count_one ringbuf

# A reader that stops while events keep coming: with a 1-page ring per CPU
# (about 23 events), 60 execs (120 events) cannot all fit.  The kernel
# reports the loss with the next event that fits on that CPU, so we keep
# running markers until procmon prints it.
out=$tmp/lost.json
"$PROCMON" --events --pages 1 --json >"$out" 2>"$tmp/lost.err" &
mon=$!
"$bin" 0 & marker=$!; wait $marker
tries=0
until wait_for "$out" $marker 2 5 || [ $tries -ge 10 ]; do
	"$bin" 0 & marker=$!; wait $marker
	tries=$((tries + 1))
done
kill -STOP $mon
k=0
while [ $k -lt 60 ]; do "$bin" 0; k=$((k + 1)); done
kill -CONT $mon
tries=0
until grep -q '"event":"lost"' "$out" || [ $tries -ge 50 ]; do
	"$bin" 0
	sleep 0.1
	tries=$((tries + 1))
done
kill -INT $mon
wait $mon
ok $? "stopped reader: SIGINT still ends procmon with status 0"
lost=$(sed -n 's/.*"event":"lost","count":\([0-9]*\).*/\1/p' "$out" | head -1)
[ "${lost:-0}" -gt 0 ]; ok $? "stopped reader, 1-page rings: a lost line (${lost:-none})"

"$PROCMON" --events=carrier-pigeon >/dev/null 2>&1
[ $? = 2 ]; ok $? "unknown transport: usage error (status 2)"
"$PROCMON" --events --pin >/dev/null 2>&1
[ $? = 2 ]; ok $? "--events with --pin: usage error (status 2)"
