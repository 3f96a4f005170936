#!/bin/sh
# docs.sh DIR - the VM tier's docs test, host side (run.sh runs it after
# the VM, from the top of the repository): every ```sh vm block of
# docs/*.md against what the VM printed for it, DIR/PAGE.KEY.out
# (tests/docs_check.pl --vm; docs/checked-outputs.md).  Prints TAP.
#
# The test of the test: a copy of a page whose first VM output line is
# changed must fail against the same outputs.
set -u
. tests/tap.sh

DIR=${1:?usage: tests/vm/docs.sh DIR}

perl tests/docs_check.pl --vm "$DIR" docs/*.md > "$tmp/check" 2>&1 ||
	not_ok "tests/docs_check.pl --vm ran to the end"
tap_lines < "$tmp/check"

page=$(grep -l '^```sh vm$' docs/*.md | head -n 1)
if [ -n "$page" ]; then
	# Same file name: the outputs are found by the page's name.
	mkdir "$tmp/changed"
	awk '/^```sh vm$/ { on = 1 } on && !done && !/^(```|\$ |\.\.\.$)/ { $0 = $0 " (changed)"; done = 1 }
	     /^```$/ { on = 0 } { print }' "$page" > "$tmp/changed/${page##*/}"
	perl tests/docs_check.pl --vm "$DIR" "$tmp/changed/${page##*/}" > "$tmp/check" 2>&1
	if grep -q '^not ok' "$tmp/check"; then
		ok "a copy of $page with one VM output line changed fails"
	else
		not_ok "a copy of $page with one VM output line changed fails"
	fi
fi
done_testing
