#!/bin/sh
# fuzz.sh - every reproducer in tests/corpus/ passes, then a short round of
# libFuzzer (FUZZ_TEST_SECONDS, default 60) over the parsers finds nothing.
# The long runs are `make fuzz FUZZ_SECONDS=N` (docs/hardening.md).
. tests/tap.sh
fuzzer=$B/fuzz/fuzz_obj
[ -x "$fuzzer" ] || bail "$fuzzer is missing: run make tests"

n=0
for f in tests/corpus/*; do
	case "$f" in */README) continue ;; esac
	n=$((n + 1))
	if "$fuzzer" "$f" > "$tmp/repro.log" 2>&1; then
		ok "reproducer $(basename "$f")"
	else
		not_ok "reproducer $(basename "$f")"
		tail -20 "$tmp/repro.log" | diag "$(cat)"
	fi
done
[ "$n" -gt 0 ] || not_ok "tests/corpus/ holds reproducers"

# A private copy of the grown corpus: the round must not depend on (or
# race with) a long `make fuzz` running next to it.
mkdir -p "$tmp/fuzz/corpus"
[ -d "$B/fuzz/corpus" ] && cp "$B"/fuzz/corpus/* "$tmp/fuzz/corpus/" 2>/dev/null
if tests/fuzz/run.sh "$fuzzer" "${FUZZ_TEST_SECONDS:-60}" "$tmp/fuzz" > "$tmp/fuzz.log" 2>&1; then
	ok "$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$tmp/fuzz.log") without a crash"
else
	not_ok "libFuzzer found a crash"
	grep -v '^#\|^INFO\|^"' "$tmp/fuzz.log" | tail -40 | diag "$(cat)"
	cp "$tmp"/fuzz/crash-* "$tmp"/fuzz/leak-* "$tmp"/fuzz/timeout-* "$tmp"/fuzz/oom-* "$B/fuzz/" 2>/dev/null
	diag "the input is kept in $B/fuzz/: add it to tests/corpus/ with the fix"
fi
done_testing
