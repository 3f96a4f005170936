# tap.sh - TAP for the shell tests (sourced, like tests/tap.h for C):
#
#	. tests/tap.sh
#	ok "what" / not_ok "what" / check CMD... "what" / skip_all "why"
#	done_testing    (prints the plan, exits 1 if anything failed)
#
# $tmp is a fresh directory, removed on exit.  BAREBPF_NO_SKIP=1 turns a
# skip into a failure, as in tap.h.
tap_n=0
tap_failed=0
B=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); tap_failed=1; echo "not ok $tap_n - $*"; }
diag() { echo "$*" | sed 's/^/# /'; }

# is OK-CONDITION-EXIT-STATUS "what": ok when the last command succeeded.
is_ok() { if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2"; fi; }

skip_all() {
	case "${BAREBPF_NO_SKIP:-}" in
	""|0) echo "1..0 # SKIP $*"; exit 0 ;;
	*) echo "1..1"; echo "not ok 1 - would skip, but BAREBPF_NO_SKIP is set: $*"; exit 1 ;;
	esac
}

# Stop here with one failure: a test needs something that is missing.
bail() { echo "1..1"; echo "not ok 1 - $*"; exit 1; }

done_testing() { echo "1..$tap_n"; exit $tap_failed; }

# Lines "ok<TAB>what" and "not ok<TAB>what" on stdin (tests/docs_check.pl's)
# as TAP, numbered here; "# ..." lines pass, anything else becomes one.
tap_lines() {
	while IFS= read -r _line; do
		case "$_line" in
		"ok	"*) ok "${_line#ok	}" ;;
		"not ok	"*) not_ok "${_line#not ok	}" ;;
		"#"*) echo "$_line" ;;
		*) echo "# $_line" ;;
		esac
	done
}

# For kernel tests of tools that narrate (-v): run "$@" in the background
# (stdout to $tmp/out, stderr to $tmp/err, pid in $bg) and return once it
# has said "attached", or died.  A process started after that is seen.
run_until_attached() {
	# Emptied here, not by the redirection below: that one happens in the
	# child, which may not have run yet when the loop first reads $tmp/err,
	# and a previous run's "attached" must not count.
	: > "$tmp/out"; : > "$tmp/err"
	"$@" > "$tmp/out" 2> "$tmp/err" &
	bg=$!
	_i=0
	while ! grep -q '^attached' "$tmp/err" && kill -0 $bg 2>/dev/null &&
	      [ $_i -lt 200 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
}

# A process of our own, named $1 (its comm), alive until stop_probe.
start_probe() { cp /bin/sleep "$tmp/$1"; "$tmp/$1" 30 & probe=$!; }
stop_probe() { kill $probe 2>/dev/null; wait $probe 2>/dev/null; }

# The flags a program linked with $B/libbarebpf.a needs: under make test
# SANITIZE=1 the library is built with ASan+UBSan, and so must the
# program be (the runtime is linked into the program, not the library).
lib_san_flags() {
	nm "$B/libbarebpf.a" 2>/dev/null | grep -q __asan_ &&
		echo "-fsanitize=address,undefined"
}

# Wait until "$@" succeeds, checking every 0.1 s for at most 30 s; 1 if
# it never did.  Nothing about timing is asserted: only the bound.
wait_until() {
	_w=0
	until "$@"; do
		_w=$((_w + 1))
		[ $_w -ge 300 ] && return 1
		sleep 0.1
	done
}
