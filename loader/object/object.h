/* SPDX-License-Identifier: GPL-2.0 */
/*
 * object.h - a BPF object brought to life in the kernel.
 *
 * The life of an object, one call each:
 *
 *	bb_object_open()    read the file and parse it into a spec   (no bpf())
 *	bb_object_load()    create the maps, relocate and load the programs
 *	bb_object_attach()  attach every program its section names a target for
 *	bb_object_close()   detach and close every fd, free everything
 *
 * What a program links of the loader depends on which open it calls:
 * bb_object_open() links every part, obj_open_with() only the parts it names
 * (parts.h).
 *
 * A struct bb_map / bb_prog owns one kernel fd (-1 until created).
 */
#ifndef BAREBPF_OBJECT_H
#define BAREBPF_OBJECT_H

#include "loader/core/types.h"

/* bb_object_open() and friends are declared in loader/barebpf.h. */

/* bb_object_open() with only the loader parts in @parts (parts.h). */
int obj_open_with(struct bb_object **out, const char *path,
		  const struct loader_parts *parts, struct bb_err *err);

/*
 * obj_open_with() on @file, @len bytes malloc'd by the caller, which the
 * object takes: it is freed with the object, or at once on failure.
 */
int obj_open_owned(struct bb_object **out, uint8_t *file, size_t len,
		   const char *name, const struct loader_parts *parts,
		   struct bb_err *err);

/*
 * bb_object_load() in two steps, for a caller that wants to try every program
 * even if one is refused (barebpf load): first the object's BTF and the
 * maps, then one program at a time.  bb_object_load() is these two.
 */
int obj_load_maps(struct bb_object *obj, struct bb_err *err);
/* Once the programs are loaded: the PROG_ARRAY slots the object fills. */
int obj_fill_prog_arrays(struct bb_object *obj, struct bb_err *err);
int obj_load_prog(struct bb_object *obj, struct bb_prog *prog,
		  struct bb_err *err);
/*
 * -ENOTSUP: @prog's section is of no program type we know (it starts off,
 * see bb_object_load()); the message names it.
 */
int obj_prog_unknown(const struct bb_prog *prog, struct bb_err *err);

#endif
