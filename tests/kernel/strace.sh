#!/bin/sh
# procmon under strace, against docs/strace.md: the bpf commands,
# perf_event_open and ioctl calls from execve to the first map dump must be
# the ones the document shows, in its order, so that the document cannot
# go stale.  And the promises it makes: every openat is O_CLOEXEC, every
# perf event PERF_FLAG_FD_CLOEXEC, no call fails before the map dump, and
# the only ioctls are the perf event ones.
# vm: host-only: it runs the host's strace, which the VM does not have.
set -u
. tests/tap.sh
DOC=docs/strace.md

[ "$(id -u)" -eq 0 ] || skip_all "needs root (BPF and perf events)"
command -v strace >/dev/null || bail "strace is not installed (make deps)"

# One word per call: "bpf BPF_MAP_CREATE", "perf_event_open
# PERF_TYPE_TRACEPOINT PERF_FLAG_FD_CLOEXEC", "ioctl PERF_EVENT_IOC_ENABLE",
# up to and including the first BPF_MAP_GET_NEXT_KEY (the map dump).
calls() {
	sed -n -e 's/^\[pid *[0-9]*\] //' -e '/^bpf(\|^perf_event_open(\|^ioctl(/p' | awk '
	/^bpf\(/ { split($0, a, /[(,]/); print "bpf", a[2]; if (a[2] == "BPF_MAP_GET_NEXT_KEY") exit; next }
	/^perf_event_open\(/ {
		t = $0; sub(/.*type=/, "", t); sub(/,.*/, "", t)
		f = $0; sub(/.*, /, "", f); sub(/\).*/, "", f)
		print "perf_event_open", t, f; next }
	/^ioctl\(/ { split($0, a, /[(,]/); r = a[3]; gsub(/ /, "", r); print "ioctl", r }'
}

# The transcript: the lines of the ```strace blocks of the document.
awk '/^```strace$/ { on = 1; next } /^```/ { on = 0 } on' "$DOC" > "$tmp/doc.trace"
calls < "$tmp/doc.trace" > "$tmp/doc.calls"
[ -s "$tmp/doc.calls" ] || bail "$DOC has no strace transcript"
diag "$DOC: $(wc -l < "$tmp/doc.calls") bpf/perf_event_open/ioctl calls up to the first map dump"

for bin in $B/static/procmon $B/procmon; do
	[ -x "$bin" ] || { not_ok "$bin exists (make; make static)"; continue; }
	# (make test SANITIZE=1: LeakSanitizer cannot run under ptrace.)
	ASAN_OPTIONS=detect_leaks=0 \
	strace -f -o "$tmp/trace" -e trace=bpf,perf_event_open,ioctl,openat,read,mmap \
		"$bin" --interval 0 --count 1 > /dev/null 2> "$tmp/err"
	is_ok $? "$bin runs under strace"
	sed 's/^[0-9]* *//' "$tmp/trace" > "$tmp/t"
	calls < "$tmp/t" > "$tmp/calls"
	if cmp -s "$tmp/calls" "$tmp/doc.calls"; then
		ok "$bin: the bpf/perf_event_open/ioctl sequence is the one $DOC shows"
	else
		diff "$tmp/doc.calls" "$tmp/calls" | sed 's/^/# /'
		not_ok "$bin: the bpf/perf_event_open/ioctl sequence is the one $DOC shows"
	fi
	bad=$(grep '^openat(' "$tmp/t" | grep -v O_CLOEXEC)
	[ -z "$bad" ]
	is_ok $? "$bin: every openat is O_CLOEXEC"
	[ -n "$bad" ] && diag "$bad"
	bad=$(grep '^perf_event_open(' "$tmp/t" | grep -v PERF_FLAG_FD_CLOEXEC)
	[ -z "$bad" ] && grep -q '^perf_event_open(' "$tmp/t"
	is_ok $? "$bin: every perf_event_open has PERF_FLAG_FD_CLOEXEC"
	bad=$(sed '/^bpf(BPF_MAP_GET_NEXT_KEY/,$d' "$tmp/t" | grep ' = -1 E')
	[ -z "$bad" ]
	is_ok $? "$bin: no call fails before the map dump (nothing to retry)"
	[ -n "$bad" ] && diag "$bad"
	bad=$(grep '^ioctl(' "$tmp/t" | grep -v 'PERF_EVENT_IOC_\(SET_BPF\|ENABLE\)')
	[ -z "$bad" ]
	is_ok $? "$bin: the only ioctls are PERF_EVENT_IOC_SET_BPF and _ENABLE (no tty probe)"
	[ -n "$bad" ] && diag "$bad"
	# Every call, with the paths of fds (-y), from execve to the dump.
	ASAN_OPTIONS=detect_leaks=0 strace -f -y -o "$tmp/all" \
		"$bin" --interval 0 --count 1 > /dev/null 2>&1
	sed -e 's/^[0-9]* *//' -e '/^bpf(BPF_MAP_GET_NEXT_KEY/q' "$tmp/all" > "$tmp/upto"
	n=$(grep -c '^[a-z_0-9]*(' "$tmp/upto")
	diag "$bin: $n system calls from execve to the first map dump"
	# The static one has no dynamic loader: every call is ours, and each
	# one is needed (docs/strace.md walks through them).  Was 35: three
	# fstat()s of fds 0-2 (now one ppoll), a second read() of each tracefs
	# id to see EOF, a 400 KiB table allocated before any row, a signal
	# check before the first table of --interval 0.
	if [ "$bin" = "$B/static/procmon" ]; then
		[ "$n" -le 32 ]
		is_ok $? "$bin: at most 32 system calls from execve to the first map dump ($n)"
		[ "$n" -le 32 ] || sed 's/^/# /' "$tmp/upto"
	fi
	# Later dumps reuse the first one's key buffer (struct bb_map keeps
	# it): no memory is mapped, unmapped or grown between the first
	# dump and the third.
	ASAN_OPTIONS=detect_leaks=0 strace -f -o "$tmp/three" \
		"$bin" --interval 0 --count 3 > /dev/null 2>&1
	sed 's/^[0-9]* *//' "$tmp/three" | awk '/^bpf\(BPF_MAP_GET_NEXT_KEY, \{map_fd=[0-9]*, key=NULL/ { d++ }
		d >= 1 && d < 3 && /^(mmap|munmap|brk|mremap)\(/ { print }' > "$tmp/between"
	[ ! -s "$tmp/between" ] && [ "$(grep -c 'GET_NEXT_KEY, {map_fd=[0-9]*, key=NULL' "$tmp/three")" -ge 3 ]
	is_ok $? "$bin: three dumps, no mmap/munmap/brk between the first and the third"
	sed 's/^/# /' "$tmp/between"
	bad=$(grep '^\(new\)\?fstat\(at\)\?(.*/tracing/' "$tmp/upto")
	[ -z "$bad" ]
	is_ok $? "$bin: no fstat of a tracefs file (tracefs sizes are all 0)"
	[ -n "$bad" ] && diag "$bad"
done
done_testing
