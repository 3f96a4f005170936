/* SPDX-License-Identifier: GPL-2.0 */
/*
 * parts.h - the parts of the loader that only some objects need, chosen
 * by the program that links the loader.
 *
 * bb_object_load() and bb_object_attach() only call a part when the object needs it,
 * but a linker cannot know that: it keeps every function that is called
 * from anywhere.  So the big parts that some objects need and others do
 * not are reached through this table, which the program hands to
 * obj_open_with():
 *
 *	- bb_object_open() and bb_object_open_mem() use loader_parts_all (parts_all.c),
 *	  which holds every part: barebpf and the tests use them;
 *	- a tool whose own objects need less names only what they use.
 *	  procmon's objects hold tracepoint programs and plain maps, so its
 *	  table holds tracepoint_attach and nothing else, and its static
 *	  binary is about 18 KiB smaller (docs/static.md).
 *
 * What is not here is always linked: ELF and BTF parsing, maps, pinning,
 * relocation of map references and calls, BPF_PROG_LOAD.  An object that
 * needs a part its table lacks is refused when it is opened, by name,
 * before any kernel call (parts_check()).
 */
#ifndef BAREBPF_PARTS_H
#define BAREBPF_PARTS_H

#include "loader/core/types.h"

struct kernel_types;

/* One entry per enum attach_kind (elf/section_names.h). */
#define ATTACH_KINDS (ATTACH_NETFILTER + 1)

struct loader_parts {
	const char *tool;	/* who chose this table: for messages */
	/* Attach a program of this kind (tracepoint.h, raw_tp.h, ...). */
	int (*attach[ATTACH_KINDS])(struct bb_prog *prog, struct bb_err *err);
	/* tp_btf/fentry/fexit: the kernel BTF id of the target, before
	 * BPF_PROG_LOAD. */
	int (*btf_target_find)(struct bb_prog *prog, struct kernel_types *k,
			       struct bb_err *err);
	/* A better message when BPF_PROG_LOAD fails, for the programs whose
	 * refusal has a reason we can name: a BTF target's (btf_target.h),
	 * a netfilter program's on a kernel before 6.4 (netfilter.h).  One
	 * entry for both: a tool without them pays for one test. */
	int (*prog_refused)(const struct bb_prog *prog, int ret,
			    struct bb_err *err);
	/* CO-RE: patch field offsets etc. for this kernel (obj_core.h). */
	int (*core_relocate)(struct bb_prog *prog, const struct bb_object *obj,
			     struct kernel_types *k, struct bb_err *err);
	int (*core_refused)(const struct bb_prog *prog, int ret,
			    struct bb_err *err);
	/* __ksym externs: kfunc calls, kernel variables (elf/ksyms.c reads
	 * them; without it such an object is refused when opened; ksym.h);
	 * ksyms_arena_parse() reads __arena variables too (elf/arena.c). */
	int (*ksyms_parse)(struct obj_spec *spec, struct bb_err *err);
	int (*ksyms_relocate)(struct bb_prog *prog, struct kernel_types *k,
			      struct bb_err *err);
	int (*ksyms_refused)(const struct bb_prog *prog, int ret,
			     struct bb_err *err);
	/* Right after BPF_MAP_CREATE of a .data/.rodata/.bss map
	 * (global_data.h). */
	int (*global_data_init)(struct bb_map *map, struct bb_err *err);
	/* The values of a .kconfig map, before it is created (kconfig.h). */
	int (*kconfig_fill)(struct bb_object *obj, struct bb_map *map,
			    struct bb_err *err);
	/* Maps of maps: create one (with its inner template), and fill the
	 * slots the object initialises (map_in_map.h). */
	int (*map_create_outer)(struct bb_map *map, struct bb_err *err);
	int (*map_fill_slots)(struct bb_object *obj, struct bb_err *err);
	/* PROG_ARRAY slots the object initialises, once programs are loaded
	 * (prog_array.h). */
	int (*prog_array_fill)(struct bb_object *obj, struct bb_err *err);
	/* STRUCT_OPS maps: parse them (elf/struct_ops.c; without it an
	 * object with .struct_ops is refused when opened); find the kernel's
	 * struct and lay out its value before the maps are created
	 * (load/struct_ops.h); register it with the program fds (attach),
	 * unregister it (close) (attach/struct_ops.h). */
	int (*struct_ops_parse)(struct obj_spec *spec, struct bb_err *err);
	int (*struct_ops_prepare)(struct bb_object *obj, struct kernel_types *k,
				  struct bb_err *err);
	int (*struct_ops_register)(struct bb_map *map, struct bb_err *err);
	void (*struct_ops_unregister)(struct bb_map *map);
	/* ARENA maps: made (map_setup()) and mmap'ed, the __arena
	 * variables copied in (load/arena.h; without it, made and left
	 * unmapped; the variables are read by the __ksym step,
	 * ksyms_arena_parse()). */
	int (*arena_setup)(struct bb_object *obj, struct bb_map *map,
			   struct bb_err *err);
};

extern const struct loader_parts loader_parts_all;

/*
 * -ENOTSUP, naming the program or map and the part, if @obj needs a part
 * that @parts lacks.
 */
int parts_check(const struct bb_object *obj, const struct loader_parts *parts,
		struct bb_err *err);

#endif
