#!/bin/sh
# The static tools (make static): they exist, are static and stripped,
# report their size, and do the real work: procmon, static or not, sees a
# process we start after it has attached, from the object built into it or
# the one --obj names; static barebpf inspects exactly as the dynamic one.
# vm: host-only: it checks the host's make static build; the VM runs static binaries anyway.
set -u
. tests/tap.sh
S=$B/static

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF and perf events)"
[ -x "$S/procmon" ] && [ -x "$S/barebpf" ] || bail "no $S/procmon or $S/barebpf (make static)"

for t in procmon barebpf; do
	desc=$(file -b "$S/$t")
	case "$desc" in
	*"statically linked"*stripped*) ok "$S/$t: $desc" ;;
	*) not_ok "$S/$t is static and stripped: file says '$desc'" ;;
	esac
	if readelf -l "$S/$t" | grep -q INTERP; then
		not_ok "$S/$t has no program interpreter"
	else
		ok "$S/$t has no program interpreter (no dynamic loader)"
	fi
	diag "$S/$t: $(stat -c %s "$S/$t") bytes (budget and symbols: bench/size.sh)"
done

# procmon in the background, narrating: its "attached" line on stderr
# tells us when a new process is sure to be seen.  Then we start one with
# a name of our own, wait for procmon to print it, and stop procmon with
# SIGINT, which must end it with status 0.  The kernel may skip a
# tracepoint program while another task is inside a bpf() map call on the
# same CPU (bpf_prog_active; see add_row() in loader/cmd/procmon.c), so a
# probe that never shows up gets one more try, then a third.
procmon_sees_new_process() {	# BINARY
	name=bbst$$
	run_until_attached "$1" -v --json --interval 200
	for _try in 1 2 3; do
		start_probe $name
		_i=0
		while ! grep -q "\"pid\":$probe,.*\"comm\":\"$name\"" "$tmp/out" &&
		      [ $_i -lt 60 ]; do
			sleep 0.05
			_i=$((_i + 1))
		done
		grep -q "\"pid\":$probe,.*\"comm\":\"$name\"" "$tmp/out" && break
		[ $_try = 3 ] || stop_probe
	done
	kill -INT $bg
	wait $bg
	st=$?
	stop_probe
	if [ $st -ne 0 ]; then
		sed 's/^/# /' "$tmp/err" | tail -5
		not_ok "$1: procmon exits 0"
		return
	fi
	ok "$1: procmon exits 0"
	if grep -q "\"pid\":$probe,.*\"comm\":\"$name\"" "$tmp/out"; then
		ok "$1: procmon shows our process $probe ($name)"
	else
		tail -3 "$tmp/out" | sed 's/^/# /'
		not_ok "$1: procmon shows our process $probe ($name)"
	fi
	grep -q '^bpf(BPF_MAP_CREATE) hash "process_map" key=4 value=40 max=10240 -> fd [0-9]' "$tmp/err"
	is_ok $? "$1: -v narrates BPF_MAP_CREATE of process_map"
}

procmon_sees_new_process "$S/procmon"
procmon_sees_new_process "$B/procmon"

# The object is built in, but --obj still wins: it opens the file given
# (a missing one is an error naming it), and runs the same with a real one.
"$S/procmon" --obj "$tmp/missing.bpf.o" --interval 0 --count 1 > /dev/null 2> "$tmp/err"
[ $? -ne 0 ] && grep -q "$tmp/missing.bpf.o" "$tmp/err"
is_ok $? "$S/procmon --obj MISSING fails, naming the file"
"$S/procmon" -v --obj "$B/procmon.bpf.o" --interval 0 --count 1 > /dev/null 2> "$tmp/err"
[ $? -eq 0 ] && grep -q "^openat(\"$B/procmon.bpf.o\") -> fd" "$tmp/err"
is_ok $? "$S/procmon --obj $B/procmon.bpf.o loads that file"

for obj in $(find "$B" -name '*.bpf.o' | sort); do
	"$S/barebpf" inspect --disasm "$obj" > "$tmp/s" 2>&1
	"$B/barebpf" inspect --disasm "$obj" > "$tmp/d" 2>&1
	cmp -s "$tmp/s" "$tmp/d"
	is_ok $? "static barebpf inspect --disasm $obj: same as the dynamic build"
done
done_testing
