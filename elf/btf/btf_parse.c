// SPDX-License-Identifier: GPL-2.0
/*
 * btf_parse.c - the whole parse of a BTF blob, as the loader needs it
 * for an object's .BTF (and CO-RE for the kernel's): read the header
 * (btf.c), index every record, check every reference, then the rest of
 * the kernel's rules (btf_rules.c), so that what BPF_BTF_LOAD would
 * refuse is refused here first, with the type id and the rule.
 */
#include "elf/btf/btf.h"
#include "elf/btf/btf_rules.h"

int btf_parse(struct btf *btf, const void *data, size_t len,
	      struct bb_err *err)
{
	int ret;

	ret = btf_open(btf, data, len, err);
	if (!ret)
		ret = btf_walk_all(btf, err);
	if (!ret)
		ret = btf_check_refs(btf, err);
	if (!ret)
		ret = btf_check_rules(btf, err);
	if (ret)
		btf_free(btf);
	return ret;
}
