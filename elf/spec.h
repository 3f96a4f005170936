/* SPDX-License-Identifier: GPL-2.0 */
/*
 * spec.h - the blueprint of a BPF object, as read from its bytes.
 *
 * obj_spec_parse() turns a clang-compiled .bpf.o into plain structs: the
 * maps it declares (from BTF), the programs it contains (with a private
 * copy of their instructions) and, per program, the relocations the
 * loader must apply once the kernel has given it map fds.  Nothing here
 * holds a file descriptor or makes a system call; the loader (loader/)
 * turns a spec into kernel objects.
 */
#ifndef BAREBPF_SPEC_H
#define BAREBPF_SPEC_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stdint.h>

#include "elf/btf/btf.h"
#include "elf/btf/btf_ext.h"
#include "elf/elf.h"
#include "elf/base/err.h"
#include "elf/section_names.h"

struct map_spec {
	const char *name;	/* the variable's name in C */
	uint32_t type;		/* BPF_MAP_TYPE_* */
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	uint32_t map_flags;
	uint32_t numa_node;
	uint64_t map_extra;	/* __uint or __ulong(map_extra, N) */
	uint32_t pinning;	/* 0 none, 1 by name */
	uint32_t key_type_id;	/* BTF type of the key, 0 if given as a size */
	uint32_t value_type_id;	/* likewise for the value */
	uint32_t sec_idx;	/* ELF section of the definition (".maps") */
	uint64_t sec_off;	/* offset of its symbol in that section */
	bool legacy;		/* from a "maps" section (legacy_maps.c) */
	/*
	 * Global data (datasec.c): one map per .rodata/.data/.bss section,
	 * named after it, whose one value is the section's bytes.
	 */
	bool global_data;
	bool frozen;		/* .rodata: BPF_MAP_FREEZE once written */
	const uint8_t *init;	/* initial value; NULL: all zeros (.bss) */
	bool kconfig;		/* the .kconfig externs (kconfig.c) */
	uint32_t datasec_id;	/* its BTF DATASEC, 0 if none */
	char kernel_name[BPF_OBJ_NAME_LEN];	/* "": the kernel gets name */
	/* Map-in-map and PROG_ARRAY only (elf/map_in_map.c): */
	struct map_spec *inner;	/* the __array(values, ...) template, or NULL */
	bool prog_values;	/* __array(values, int (void *)): programs */
	uint32_t values_off;	/* offset of member "values" in the definition */
	struct map_slot *slots;	/* slots initialised in C (.values = {...}) */
	uint32_t nr_slots;
	/*
	 * STRUCT_OPS only (elf/struct_ops.c): a variable of SEC(".struct_ops")
	 * or SEC(".struct_ops.link"), whose value (init, value_size bytes,
	 * value_type_id its struct in the object's BTF) fills the kernel's
	 * struct of the same name; its function members point at programs.
	 */
	const char *st_type;	/* "tcp_congestion_ops" */
	struct st_func *st_funcs;
	uint32_t nr_st_funcs;
};

/* A function member of a struct_ops variable and the program it names. */
struct st_func {
	const char *member;	/* its name in the object's struct */
	uint32_t off;		/* its byte offset in the object's value */
	uint32_t prog;		/* index into obj_spec.progs */
};

/* A STACK_TRACE map declared with no value size gets this (maps.c). */
#define STACK_TRACE_DEFAULT_VALUE_SIZE (127 * 8)

/*
 * outer[index] = the map obj_spec.maps[map], or, in a PROG_ARRAY
 * (prog_values), the program obj_spec.progs[prog]: set by the loader.
 */
struct map_slot {
	uint32_t index;
	uint32_t map;
	uint32_t prog;
};

/* A global variable, found in a global data map by name. */
struct var_spec {
	const char *name;
	uint32_t map;		/* index into obj_spec.maps */
	uint32_t off;		/* byte offset in the map's value */
	uint32_t size;
	uint32_t type_id;	/* BTF type of the variable, 0 if unknown */
};

enum reloc_kind {
	RELOC_MAP_FD,		/* ld_imm64: src_reg = BPF_PSEUDO_MAP_FD, imm = fd */
	RELOC_MAP_VALUE,	/* ld_imm64: src_reg = BPF_PSEUDO_MAP_VALUE,
				 * imm = fd, next imm = off (in an ARENA
				 * map: in .addr_space.1, to which the
				 * loader adds where it sits in the arena) */
	RELOC_CALL,		/* call: src_reg = BPF_PSEUDO_CALL,
				 * imm = target - insn - 1 */
	RELOC_KSYM_CALL,	/* call of a kfunc (ksyms.c): src_reg =
				 * BPF_PSEUDO_KFUNC_CALL, imm = its BTF id */
	RELOC_KSYM_LD,		/* ld_imm64 of a __ksym: its BTF id or address */
};

struct reloc_spec {
	uint32_t insn;		/* index of the instruction in the program */
	enum reloc_kind kind;
	uint32_t map;		/* RELOC_MAP_*: index into obj_spec.maps */
	uint32_t off;		/* RELOC_MAP_VALUE: offset in the value */
	uint32_t target;	/* RELOC_CALL: the callee's first instruction */
	uint32_t ksym;		/* RELOC_KSYM_*: index into obj_spec.ksyms */
};

/*
 * One function of a program's instructions: the program itself first,
 * then each subprogram it calls (link.c), appended in the order found.
 */
struct func_spec {
	const char *name;
	uint32_t sec_idx;
	uint32_t sec_insn;	/* its first instruction in the section */
	uint32_t nr_insns;
	uint32_t at;		/* its first instruction in the program */
};

struct prog_spec {
	const char *name;	/* the function's symbol */
	const char *section;	/* its ELF section name */
	uint32_t sec_idx;
	uint32_t sec_insn;	/* index of its first instruction in the section */
	const struct sec_def *def;	/* program type and attach kind */
	const char *target;	/* what follows the prefix, e.g. "sched/x" */
	struct bpf_insn *insns;	/* a private, not yet relocated, copy */
	uint32_t nr_insns;	/* with the subprograms appended */
	struct reloc_spec *relocs;
	uint32_t nr_relocs;
	struct func_spec *funcs;	/* [0] is the program itself */
	uint32_t nr_funcs;
	/* From .BTF.ext, at this program's instruction indices (prog_ext.c): */
	struct bpf_func_info *func_info;	/* one per funcs[], or NULL */
	uint32_t nr_func_info;
	struct bpf_line_info *line_info;
	uint32_t nr_line_info;
	struct core_reloc *cores;	/* CO-RE relocations (core.c) */
	uint32_t nr_cores;
};

/*
 * An extern of section .ksyms (ksyms.c), which the loader finds in the
 * running kernel: a kfunc, a kernel variable whose BTF type the program
 * uses, or a symbol of no type whose address it takes.
 */
enum ksym_kind {
	KSYM_FUNC,	/* extern FUNC: vmlinux or module BTF id */
	KSYM_VAR,	/* typed extern VAR: BTF id of that VAR */
	KSYM_ADDR,	/* extern VAR of type void: /proc/kallsyms */
};

struct ksym_spec {
	const char *name;
	enum ksym_kind kind;
	uint32_t type_id;	/* local BTF: the FUNC, or the VAR's type */
	bool weak;		/* __weak: absent is 0, not an error */
};

struct obj_spec {
	struct elf_file elf;
	struct btf btf;
	bool has_btf;
	struct btf_ext ext;	/* .BTF.ext, if has_ext */
	bool has_ext;
	const char *license;	/* "license" section, NUL-terminated */
	uint32_t kern_version;	/* "version" section, 0 if absent */
	struct map_spec *maps;
	uint32_t nr_maps;
	struct prog_spec *progs;
	uint32_t nr_progs;
	struct var_spec *vars;	/* variables of the global data maps */
	uint32_t nr_vars;
	struct ksym_spec *ksyms;	/* the .ksyms externs */
	uint32_t nr_ksyms;
	/*
	 * The __arena variables (elf/arena.c): section .addr_space.1 (0 if
	 * none), which the loader copies into the last pages of ARENA map
	 * arena_map.
	 */
	uint32_t arena_sec;
	uint32_t arena_map;
};

/*
 * Parse the object in @data (@len bytes, which must stay alive and
 * unchanged as long as the spec).  On failure the spec is left empty and
 * @err says why.
 */
int obj_spec_parse(struct obj_spec *spec, const void *data, size_t len,
		   struct bb_err *err);
void obj_spec_free(struct obj_spec *spec);

/*
 * obj_spec_parse(), with @struct_ops as its struct_ops step and @ksyms as
 * its __ksym step (NULL: the .struct_ops sections are left unread, the
 * .ksyms externs refused by name), so that a program whose objects have
 * none links neither parser (loader/core/parts.h, whose parts_check()
 * then refuses an object that has .struct_ops).  The full parser's
 * __ksym step is ksyms_arena_parse(), which also reads the __arena
 * variables: without it, relocations into .addr_space.1 are refused.
 */
int obj_spec_parse_with(struct obj_spec *spec, const void *data, size_t len,
			int (*struct_ops)(struct obj_spec *, struct bb_err *),
			int (*ksyms)(struct obj_spec *, struct bb_err *),
			struct bb_err *err);

/* The map or program called @name, or NULL. */
const struct map_spec *obj_spec_map(const struct obj_spec *spec,
				    const char *name);
const struct prog_spec *obj_spec_prog(const struct obj_spec *spec,
				      const char *name);
const struct var_spec *obj_spec_var(const struct obj_spec *spec,
				    const char *name);

/* Internal steps of obj_spec_parse(), one file each. */
int maps_parse(struct obj_spec *spec, struct bb_err *err);
/* A decoded definition's type is set; defaults filled in (maps.c). */
int map_def_check(struct map_spec *ms, struct bb_err *err);
/* The "maps" section @sec (-1: none): its map count, its maps appended. */
uint32_t legacy_maps_count(const struct obj_spec *spec, int sec);
int legacy_maps_parse(struct obj_spec *spec, int sec, struct bb_err *err);
int datasecs_parse(struct obj_spec *spec, struct bb_err *err);
int progs_parse(struct obj_spec *spec, struct bb_err *err);
int relocs_parse(struct obj_spec *spec, struct bb_err *err);
int map_slots_parse(struct obj_spec *spec, struct bb_err *err);
int struct_ops_parse(struct obj_spec *spec, struct bb_err *err);
int prog_ext_parse(struct obj_spec *spec, struct bb_err *err);
int kconfig_parse(struct obj_spec *spec, struct bb_err *err);
/* The .kconfig extern @name, or NULL. */
const struct var_spec *kconfig_var(const struct obj_spec *spec,
				   const char *name);
int ksyms_parse(struct obj_spec *spec, struct bb_err *err);
int arena_parse(struct obj_spec *spec, struct bb_err *err);
/*
 * ksyms_parse(), then arena_parse(): the symbols that are not the
 * object's own maps or data, which the relocations (relocs.c) point at.
 */
int ksyms_arena_parse(struct obj_spec *spec, struct bb_err *err);
/* The index in spec->ksyms of the .ksyms extern @name, or -ENOENT. */
int ksym_index(const struct obj_spec *spec, const char *name);

/*
 * A copy of the object's .BTF that the kernel's BPF_BTF_LOAD accepts
 * (btf_fix.c): DATASEC sizes and variable offsets filled in.  Caller frees.
 */
int btf_fixed_copy(const struct obj_spec *spec, uint8_t **out, size_t *len,
		   struct bb_err *err);

/*
 * Member "values" = __array(values, struct {...}) of map @ms, around the
 * decoding of the inner definition (map_in_map.c).
 */
int map_values_begin(const struct btf *btf, const struct btf_member *m,
		     struct map_spec *ms, uint32_t *inner_id, uint32_t *nelems,
		     struct bb_err *err);
int map_values_end(struct map_spec *ms, uint32_t nelems, int ret,
		   struct bb_err *err);

#endif
