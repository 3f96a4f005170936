/* SPDX-License-Identifier: GPL-2.0 */
/*
 * types.h - the kernel objects of a loaded BPF object, and nothing that
 * acts on them.
 *
 * Every step of the load (maps/, load/, pin/, attach/, stream/) works on
 * these structs; object.c, which runs the steps in order, sits above them
 * all.  Keeping the structs here, below every step, lets object.c only
 * call down: no step includes object.h.
 *
 * A struct bb_map / bb_prog owns one kernel fd (-1 until created).  Its
 * spec (elf/spec.h) is the parsed blueprint and holds no fd.
 */
#ifndef BAREBPF_TYPES_H
#define BAREBPF_TYPES_H

#include "elf/spec.h"
#include "loader/barebpf.h"	/* the public names of these structs */

struct bb_map {
	const struct map_spec *spec;
	int fd;
	/* Global data maps only (global_data.c): */
	uint8_t *value;		/* the value to write at load, set by name */
	void *mem;		/* .data/.bss after load: mmap of the value */
	size_t mem_len;
	bool reused;		/* fd is an existing map (pin or caller's fd) */
	bool pinned_here;	/* this load pinned it by name (map_setup()) */
	uint32_t max_entries;	/* set before bb_object_load(): overrides the spec's */
	int btf_fd;		/* the object's BTF (not owned), or -1 */
	struct bb_object *obj;	/* the object it belongs to; NULL: made by
				 * bb_map_create() (map_api.c) */
	/*
	 * The walks' buffer: bb_map_for_each()'s value, keys and the set that
	 * drops repeats, or bb_map_for_each_batch()'s keys and values (see
	 * map_scratch() in loader/maps/map.h).  Made at the first walk and
	 * kept until the map closes (map_release()): a table printed every
	 * second would otherwise mmap and munmap it every time.  A walk
	 * writes it, so two walks of one map must not run at once (barebpf.h
	 * says so).
	 */
	uint8_t *walk_buf;
	size_t walk_cap;	/* bytes */
};

struct bb_prog {
	const struct prog_spec *spec;
	int fd;
	int attach_fd;		/* the perf event or link it is attached
				 * through, or -1 */
	struct bpf_insn *insns;	/* relocated copy handed to the kernel */
	uint32_t attach_btf_id;	/* tp_btf/fentry/fexit: kernel BTF id of the
				 * target, found by bb_object_load() */
	bool perf_link;		/* attach perf events with BPF_LINK_CREATE
				 * (see perf_attach.h); set before bb_object_attach() */
	bool off;		/* set before bb_object_load(): neither load nor attach */
	/* xdp, cgroup and socket programs: what they attach to, set with
	 * bb_prog_set_attach_target() (an ifindex or a fd, not owned). */
	int attach_target;
	bool has_attach_target;
	uint32_t nr_poisoned;	/* CO-RE relocations without a match (core.c) */
	char poisoned[256];	/* the first of them, described */
	struct bb_object *obj;	/* its object: the loader parts that attach it */
};

/* One program's attachment made by bb_prog_attach() (attach/link.c). */
struct bb_link {
	int fd;			/* the perf event or BPF link; owned */
};

struct kernel_types;
struct loader_parts;

struct bb_object {
	const char *path;	/* for messages */
	uint8_t *file;		/* the object's bytes, owned */
	size_t file_len;
	struct obj_spec spec;
	struct bb_map *maps;	/* one per spec.maps */
	struct bb_prog *progs;	/* one per spec.progs */
	const char *pin_dir;	/* for pinning by name; NULL: /sys/fs/bpf */
	int btf_fd;		/* the object's BTF in the kernel, or -1 */
	/*
	 * The kernel's BTF, when the caller loads several objects and wants
	 * it read once (obj_core.h); NULL: bb_object_load() reads it if needed.
	 */
	struct kernel_types *kernel;
	struct kernel_types *kernel_own;	/* the one we read, if we did */
	const struct loader_parts *parts;	/* what may be called */
};

#endif
