#!/bin/sh
# no_shell.sh - the loader and the parser never run a shell or another
# program: no system(), popen(), exec*() or posix_spawn() in loader/ or
# elf/, in the source and in the tools' imported symbols.
. tests/tap.sh
calls='\b(system|popen|execl|execlp|execle|execv|execve|execvp|execvpe|fexecve|posix_spawnp?)[[:space:]]*\('
if grep -rnE "$calls" loader elf > "$tmp/hits"; then
	not_ok "no call that runs a program in loader/ or elf/"
	diag "$(cat "$tmp/hits")"
else
	ok "no call that runs a program in loader/ or elf/"
fi
if grep -rn '/bin/sh' loader elf > "$tmp/hits"; then
	not_ok "no /bin/sh in loader/ or elf/"
	diag "$(cat "$tmp/hits")"
else
	ok "no /bin/sh in loader/ or elf/"
fi
for tool in "$B"/procmon "$B"/barebpf "$B"/execcount "$B"/uidcount; do
	[ -x "$tool" ] || { not_ok "$tool is built"; continue; }
	nm -D --undefined-only "$tool" | awk '{print $NF}' | sed 's/@.*//' > "$tmp/all"
	# Our nm sees the imports (it would see none in a static binary).
	grep -qx syscall "$tmp/all" || { not_ok "$tool: nm lists its imports"; continue; }
	grep -xE 'system|popen|execl|execlp|execle|execv|execve|execvp|execvpe|fexecve|posix_spawnp?' "$tmp/all" > "$tmp/syms"
	if [ -s "$tmp/syms" ]; then
		not_ok "$tool imports no function that runs a program"
		diag "$(cat "$tmp/syms")"
	else
		ok "$tool imports no function that runs a program"
	fi
done
done_testing
