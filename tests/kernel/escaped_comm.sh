#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# escaped_comm.sh - a process named with terminal escapes and a newline is
# shown escaped by procmon (docs/hardening.md): any user can name an
# executable so, and a raw name could clear root's screen, retitle its
# terminal or forge a table line ("FAKE 1 ...").  The table (comm) and
# --events (comm and the exec's file name) must show `\e`, `\n`, `\t`,
# `\x7f` instead of the bytes, and print no raw control byte at all.
#
# Plain POSIX sh (busybox in the VM tier): a "#!/bin/sh" script under the
# hostile name gives a process whose comm is that name (see
# procmon_events.sh for why not a copy of a binary).
set -u

BUILD=${BUILD:-build}
PROCMON=$BUILD/procmon

if [ "$(id -u)" != 0 ]; then
	if [ -n "${BAREBPF_NO_SKIP:-}" ] && [ "$BAREBPF_NO_SKIP" != 0 ]; then
		echo "1..1"; echo "not ok 1 - would skip: needs root"; exit 1
	fi
	echo "1..0 # SKIP needs root"; exit 0
fi

tmp=$(mktemp -d)
pm=
trap 'kill $pm 2>/dev/null; rm -rf "$tmp"' EXIT
# 14 bytes (comm keeps 15): ESC [2J (clear screen), a newline, a forged
# line's start, a tab and DEL.
name=$(printf 'e\033[2J\nFAKE 1\t\177')
want='e\e[2J\nFAKE 1\t\x7f'
bin=$tmp/$name
printf '#!/bin/sh\nsleep 1\n' > "$bin"
chmod +x "$bin"
n=0
tap() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
# Bytes of $1 a terminal would act on: everything but printable ASCII and \n.
raw_bytes() { LC_ALL=C tr -d '\040-\176\n' < "$1" | wc -c | tr -d ' '; }

# Run procmon "$@" into $tmp/out and start the hostile process until procmon
# shows it as the fixed string $1 (it must attach first; 40 tries), then stop
# procmon once the last one has exited (its exit event).  $tmp/out is emptied
# by us first: procmon's own "> $tmp/out" happens in the child, possibly after
# the loop's first grep, which then saw the previous run's output and stopped
# procmon before any event (seen in CI on the 1-CPU VM).
watch() {
	shown=$1
	shift
	: > "$tmp/out"
	"$PROCMON" "$@" > "$tmp/out" 2> "$tmp/err" &
	pm=$!
	i=0
	while [ $i -lt 40 ] && ! grep -qF "$shown" "$tmp/out"; do
		"$bin" &
		last=$!
		sleep 0.25
		i=$((i + 1))
	done
	wait $last	# older ones have ended: a second each, started earlier
	sleep 0.3
	kill -INT $pm 2>/dev/null
	wait $pm
	pm=
}

watch "$want" --interval 200
grep -qF "$want" "$tmp/out"
tap $? "table: the hostile comm is shown escaped"
tap "$(raw_bytes "$tmp/out")" "table: no raw control byte in procmon's output"
! grep -q '^FAKE' "$tmp/out"
tap $? "table: no line forged by the newline inside the name"

watch "$want" --events
grep "^[0-9.]* *EXEC " "$tmp/out" | grep -qF "$want $tmp/$want"
tap $? "--events: comm and file name of the exec shown escaped"
grep "^[0-9.]* *EXIT " "$tmp/out" | grep -qF "$want"
tap $? "--events: the exit's comm too"
tap "$(raw_bytes "$tmp/out")" "--events: no raw control byte in procmon's output"
! grep -q '^FAKE' "$tmp/out"
tap $? "--events: no forged line"

json_want='e\u001b[2J\u000aFAKE 1\u0009\u007f'
watch "$json_want" --events --json
grep -q '"comm":"e\\u001b\[2J\\u000aFAKE 1\\u0009\\u007f"' "$tmp/out"
tap $? "--events --json: JSON escaping kept"
tap "$(raw_bytes "$tmp/out")" "--events --json: no raw control byte"
echo "1..$n"
