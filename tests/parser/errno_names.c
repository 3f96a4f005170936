// SPDX-License-Identifier: GPL-2.0
/*
 * elf/errno_names.c: every text in our table is glibc's strerror() text
 * for the same errno (what strace prints too), and names round-trip.
 */
#include <errno.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "tests/tap.h"

int main(void)
{
	int e, n = 0, same = 0;

	for (e = 1; e < 134; e++) {
		if (!errno_name(e))
			continue;
		n++;
		if (!strcmp(errno_text(e), strerror(e)))
			same++;
		else
			diag("%s: ours '%s', glibc '%s'", errno_name(e),
			     errno_text(e), strerror(e));
	}
	ok(n >= 30, "%d errnos in our table", n);
	is_int(same, n, "each text is glibc's");
	is_str(errno_name(-EPERM), "EPERM", "-EPERM is EPERM");
	is_str(errno_text(-ENOENT), "No such file or directory", "-ENOENT's text");
	is_str(errno_name(524), "ENOTSUPP", "the kernel's own ENOTSUPP");
	ok(errno_name(EHWPOISON) == NULL, "an errno we never meet has no name");
	is_str(errno_text(EHWPOISON), "Unknown error 133", "... and a plain text");
	return done_testing();
}
