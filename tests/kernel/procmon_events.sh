#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# procmon_events.sh - `procmon --events` end to end, on both transports.
#
# A copy of /bin/sh under a distinctive name runs N times, each time
# exiting with its own code.  procmon (JSON Lines) must print, for each of
# those pids, exactly one exec (right file, comm, parent) and exactly one
# exit (right code); other processes on the machine are ignored by pid.
# Then SIGINT must end procmon with status 0.
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
cp /bin/sh "$bin"
comm=$(basename "$bin" | cut -c1-15)	# comm is 15 chars and a NUL

echo "1..16"
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

run_one() {	# run_one perf|ringbuf
	out=$tmp/$1.json
	"$PROCMON" --events="$1" --json >"$out" 2>"$tmp/$1.err" &
	mon=$!
	# Attached once one of our marker execs shows up.
	ready=1
	i=0
	while [ $i -lt 50 ]; do
		"$bin" -c 'exit 0' &
		marker=$!
		wait $marker
		if wait_for "$out" $marker 2 5; then ready=0; break; fi
		i=$((i + 1))
	done
	ok $ready "$1: procmon is streaming events"
	pids=""
	k=1
	while [ $k -le $N ]; do
		"$bin" -c "exit $k" &
		pids="$pids $!:$k"
		wait $!
		k=$((k + 1))
	done
	last=${pids##* }
	wait_for "$out" "${last%%:*}" 2 50
	kill -INT $mon
	wait $mon
	ok $? "$1: SIGINT ends procmon with status 0"
	perl -MJSON::PP -e '
		my ($file, $bin, $comm, $ppid, @want) = @ARGV;
		my (%exec, %exit, $bad);
		open(my $f, "<", $file) or die;
		while (<$f>) {
			my $e = decode_json($_);
			next unless defined $e->{pid};
			push @{$exec{$e->{pid}}}, $e if $e->{event} eq "exec";
			push @{$exit{$e->{pid}}}, $e if $e->{event} eq "exit";
		}
		my ($nexec, $nexit, $good_exec, $good_exit) = (0, 0, 0, 0);
		for (@want) {
			my ($pid, $code) = split /:/;
			my $x = $exec{$pid} || [];
			my $y = $exit{$pid} || [];
			$nexec += @$x; $nexit += @$y;
			$good_exec++ if @$x == 1 && $x->[0]{filename} eq $bin &&
				$x->[0]{comm} eq $comm && $x->[0]{ppid} == $ppid;
			$good_exit++ if @$y == 1 && $y->[0]{exit_code} == $code &&
				$y->[0]{signal} == 0 && $y->[0]{comm} eq $comm;
		}
		print "$nexec $nexit $good_exec $good_exit\n";
	' "$out" "$bin" "$comm" $$ $pids >"$tmp/$1.counts"
	read nexec nexit good_exec good_exit <"$tmp/$1.counts"
	[ "$nexec" = $N ]; ok $? "$1: $N execs of $comm, $nexec exec events"
	[ "$nexit" = $N ]; ok $? "$1: $N exits, $nexit exit events"
	[ "$good_exec" = $N ]; ok $? "$1: each exec has its file, comm and parent ($good_exec/$N)"
	[ "$good_exit" = $N ]; ok $? "$1: each exit has its own code ($good_exit/$N)"
	if [ "$nexec" != $N ] || [ "$nexit" != $N ]; then
		sed 's/^/# /' "$tmp/$1.err"
	fi
}

run_one perf
run_one ringbuf

# A reader that stops while events keep coming: with a 1-page ring per CPU
# (about 23 events), 60 execs (120 events) cannot all fit.  The kernel
# reports the loss with the next event that fits on that CPU, so we keep
# running markers until procmon prints it.
out=$tmp/lost.json
"$PROCMON" --events --pages 1 --json >"$out" 2>"$tmp/lost.err" &
mon=$!
"$bin" -c 'exit 0' & marker=$!; wait $marker
tries=0
until wait_for "$out" $marker 2 5 || [ $tries -ge 10 ]; do
	"$bin" -c 'exit 0' & marker=$!; wait $marker
	tries=$((tries + 1))
done
kill -STOP $mon
k=0
while [ $k -lt 60 ]; do "$bin" -c 'exit 0'; k=$((k + 1)); done
kill -CONT $mon
tries=0
until grep -q '"event":"lost"' "$out" || [ $tries -ge 50 ]; do
	"$bin" -c 'exit 0'
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
