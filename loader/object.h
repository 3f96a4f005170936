/* SPDX-License-Identifier: GPL-2.0 */
/*
 * object.h - a BPF object brought to life in the kernel.
 *
 * The life of an object, one call each:
 *
 *	obj_open()    read the file and parse it into a spec   (no bpf())
 *	obj_load()    create the maps, relocate and load the programs
 *	obj_attach()  attach every program its section names a target for
 *	obj_close()   detach and close every fd, free everything
 *
 * What a program links of the loader depends on which open it calls:
 * obj_open() links every part, obj_open_with() only the parts it names
 * (parts.h).
 *
 * A struct bpf_map / bpf_prog owns one kernel fd (-1 until created).
 */
#ifndef BAREBPF_OBJECT_H
#define BAREBPF_OBJECT_H

#include "../elf/spec.h"

struct bpf_map {
	const struct map_spec *spec;
	int fd;
	/* Global data maps only (global_data.c): */
	uint8_t *value;		/* the value to write at load, set by name */
	void *mem;		/* .data/.bss after load: mmap of the value */
	size_t mem_len;
	bool reused;		/* fd is an existing map (pin or caller's fd) */
	uint32_t max_entries;	/* set before obj_load(): overrides the spec's */
	int btf_fd;		/* the object's BTF (not owned), or -1 */
};

struct bpf_prog {
	const struct prog_spec *spec;
	int fd;
	int attach_fd;		/* the perf event or link it is attached
				 * through, or -1 */
	struct bpf_insn *insns;	/* relocated copy handed to the kernel */
	uint32_t attach_btf_id;	/* tp_btf/fentry/fexit: kernel BTF id of the
				 * target, found by obj_load() */
	bool perf_link;		/* attach perf events with BPF_LINK_CREATE
				 * (see perf_attach.h); set before obj_attach() */
	bool off;		/* set before obj_load(): neither load nor attach */
	uint32_t nr_poisoned;	/* CO-RE relocations without a match (core.c) */
	char poisoned[256];	/* the first of them, described */
};

struct kernel_types;
struct loader_parts;

struct bpf_obj {
	const char *path;	/* for messages */
	uint8_t *file;		/* the object's bytes, owned */
	size_t file_len;
	struct obj_spec spec;
	struct bpf_map *maps;	/* one per spec.maps */
	struct bpf_prog *progs;	/* one per spec.progs */
	const char *pin_dir;	/* for pinning by name; NULL: /sys/fs/bpf */
	int btf_fd;		/* the object's BTF in the kernel, or -1 */
	/*
	 * The kernel's BTF, when the caller loads several objects and wants
	 * it read once (obj_core.h); NULL: obj_load() reads it if needed.
	 */
	struct kernel_types *kernel;
	struct kernel_types *kernel_own;	/* the one we read, if we did */
	const struct loader_parts *parts;	/* what may be called */
};

int obj_open(struct bpf_obj **out, const char *path, struct bb_err *err);

/* Like obj_open() on bytes already in memory; they are copied. */
int obj_open_mem(struct bpf_obj **out, const void *data, size_t len,
		 const char *name, struct bb_err *err);

/* The same with only the loader parts in @parts (parts.h). */
int obj_open_with(struct bpf_obj **out, const char *path,
		  const struct loader_parts *parts, struct bb_err *err);

/*
 * obj_open_with() on @file, @len bytes malloc'd by the caller, which the
 * object takes: it is freed with the object, or at once on failure.
 */
int obj_open_owned(struct bpf_obj **out, uint8_t *file, size_t len,
		   const char *name, const struct loader_parts *parts,
		   struct bb_err *err);

int obj_load(struct bpf_obj *obj, struct bb_err *err);

/*
 * obj_load() in two steps, for a caller that wants to try every program
 * even if one is refused (barebpf load): first the object's BTF and the
 * maps, then one program at a time.  obj_load() is these two.
 */
int obj_load_maps(struct bpf_obj *obj, struct bb_err *err);
int obj_load_prog(struct bpf_obj *obj, struct bpf_prog *prog,
		  struct bb_err *err);
int obj_attach(struct bpf_obj *obj, struct bb_err *err);
void obj_close(struct bpf_obj *obj);

struct bpf_map *obj_map(struct bpf_obj *obj, const char *name);

/* BPF_MAP_CREATE for one of @obj's maps (map_setup() calls it). */
int obj_map_create(struct bpf_obj *obj, struct bpf_map *map,
		   struct bb_err *err);
struct bpf_prog *obj_prog(struct bpf_obj *obj, const char *name);

#endif
