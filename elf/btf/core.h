/* SPDX-License-Identifier: GPL-2.0 */
/*
 * core.h - CO-RE: "compile once, run everywhere" relocations.
 *
 * A program compiled against one kernel's headers (vmlinux.h) reads
 * task->pid at the offset pid had there.  clang records, for each such
 * instruction, what it meant: the local BTF type, an access string
 * ("0:3:1" = [0], member 3, member 1) and what is wanted (the field's
 * offset, its size, whether it exists, an enumerator's value...).  At load
 * time we find the same thing, by name, in the running kernel's BTF and
 * rewrite the instruction's offset or immediate.  Pure: no syscalls.
 */
#ifndef BAREBPF_CORE_H
#define BAREBPF_CORE_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stdint.h>

#include "elf/btf/btf.h"
#include "elf/btf/btf_ext.h"

/* The call libbpf also plants where a relocation could not be resolved. */
#define CORE_POISON_HELPER 0xbad2310

/* The target BTF with its named types sorted by name, for candidates. */
struct core_target {
	const struct btf *btf;
	uint32_t *ids;
	uint32_t nr;
};

/*
 * Index the named types of @btf whose name, without its ___flavour, is
 * one of @want's (@nr_want names, sorted here in place; @want NULL: every
 * named type).  A relocation then finds its candidates only if the name
 * core_reloc_name() gives for it was in @want.
 */
int core_target_init(struct core_target *t, const struct btf *btf,
		     const char **want, uint32_t nr_want, struct bb_err *err);
/* The name relocation @r looks for in the target (its local type's), or "". */
const char *core_reloc_name(const struct btf *local, const struct core_reloc *r);
void core_target_free(struct core_target *t);

struct core_result {
	bool poisoned;		/* no match: the instruction now calls 0xbad2310 */
	uint64_t old_val;	/* what the instruction held (local value) */
	uint64_t new_val;
	uint32_t target_id;	/* the matching kernel type, 0 if none */
	char what[256];		/* "struct task_struct.pid (field offset)" */
};

/* Name of a bpf_core_relo_kind, e.g. "byte_off". */
const char *core_kind_name(uint32_t kind);

/*
 * Resolve relocation @r of a program (r->insn is an index into @insns)
 * compiled with BTF @local against @target, and patch @insns.  An
 * ambiguous or malformed relocation is an error naming the type and the
 * access; one that has no match in @target poisons the instruction.
 */
int core_apply(const struct btf *local, const struct core_target *target,
	       const struct core_reloc *r, struct bpf_insn *insns,
	       uint32_t nr_insns, struct core_result *res, struct bb_err *err);

#endif
