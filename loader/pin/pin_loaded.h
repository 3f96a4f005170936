/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pin_loaded.h - pin everything a loaded object holds under one
 * directory, all or nothing (`barebpf load OBJ --pin DIR`).
 *
 * Every map that has an fd and every loaded program is pinned as
 * DIR/NAME through pin_path() (checked names, '.' made '_': the .bss map
 * is DIR/_bss) and bb_pin_fd() (the bpffs check).  If one pin fails, the
 * pins this call made are removed again before it returns: a failed run
 * leaves nothing behind, and never touches a pin it did not make.
 */
#ifndef BAREBPF_PIN_LOADED_H
#define BAREBPF_PIN_LOADED_H

#include "loader/core/types.h"

/* How many things obj_pin_item() numbers: maps, then programs. */
uint32_t obj_pin_items(const struct bb_object *obj);

/*
 * Thing @i: its fd in *@fd (-1: nothing to pin, a program left out or a
 * map not created; @path is then not set), its name in *@name, its pin
 * path under @dir in @path.  0, or pin_path()'s error.
 */
int obj_pin_item(const struct bb_object *obj, uint32_t i, const char *dir,
		 char *path, size_t len, const char **name, int *fd,
		 struct bb_err *err);

/* Pin them all under @dir; on failure, unpin those made and fail. */
int obj_pin_loaded(const struct bb_object *obj, const char *dir,
		   struct bb_err *err);

#endif
