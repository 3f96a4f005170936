// SPDX-License-Identifier: GPL-2.0
/*
 * btf_oracle.c - the kernel as the oracle for our BTF rules: every blob
 * of tests/parser/btf_cases.h that our parser refuses (one per rule:
 * ids out of range, name offsets, kinds, vlen, loops, info bits, ints,
 * func linkage), BPF_BTF_LOAD refuses too; the valid one both accept.
 * tests/parser/btf_rules.c checks our side and its messages.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "loader/sys/sys.h"
#include "tests/parser/btf_cases.h"
#include "tests/tap.h"

int main(void)
{
	struct bb_err err = { 0 };
	char log[4096];
	struct btf btf;
	struct bb_btf b;
	size_t i;
	int ours, fd;

	if (geteuid() != 0)
		return skip_all("needs root (BPF_BTF_LOAD)");
	for (i = 0; i < NR_BTF_CASES; i++) {
		btf_cases[i].build(&b);
		bb_finish(&b);
		ours = btf_parse(&btf, b.blob, bc_len(&b), &err);
		if (!ours)
			btf_free(&btf);
		log[0] = '\0';
		fd = sys_btf_load(b.blob, bc_len(&b), log, sizeof(log));
		if (fd >= 0)
			sys_close(fd);
		if (!btf_cases[i].msg)
			ok(ours == 0 && fd >= 0, "%s: we accept it (%d), so does the kernel (%d)",
			   btf_cases[i].what, ours, fd);
		else
			ok(ours < 0 && fd < 0, "%s: we refuse it (%d), so does the kernel (%d)",
			   btf_cases[i].what, ours, fd);
		/* The kernel's reason is the log's last line. */
		if (fd < 0 && strlen(log) > 1) {
			char *end = log + strlen(log) - 1, *line;

			while (end > log && *end == '\n')
				*end-- = '\0';
			line = strrchr(log, '\n');
			diag("  kernel: %s", line ? line + 1 : log);
		}
		bb_free(&b);
	}
	return done_testing();
}
