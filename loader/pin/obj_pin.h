/* SPDX-License-Identifier: GPL-2.0 */
/*
 * obj_pin.h - keep a whole object running after the loader exits.
 *
 * A program attached through a perf event stays attached only while that
 * event's fd is open: when the loader exits, the program is detached.
 * A BPF link (BPF_LINK_CREATE, attach type BPF_PERF_EVENT, Linux 5.15+)
 * holds the attachment instead, and a link can be pinned: the program
 * then keeps running with nobody holding an fd, and the maps it uses stay
 * alive with it.  The pins, for an object in directory DIR:
 *
 *	DIR/link_PROG   one link per attached program
 *	DIR/MAP         each map pinned by name (bb_map_set_pin_by_name())
 *
 * obj_unpin() removes exactly these (and DIR, if it is then empty);
 * once the last pin goes the kernel detaches and frees everything.
 */
#ifndef BAREBPF_OBJ_PIN_H
#define BAREBPF_OBJ_PIN_H

#include "loader/core/types.h"

/*
 * Like bb_object_attach(), through links pinned in @dir (which must exist).
 * Stale link pins of the same names are replaced (which detaches the
 * programs they held).  Only tracepoint
 * programs for now.
 */
int obj_attach_pinned(struct bb_object *obj, const char *dir,
		      struct bb_err *err);

/* 1 if every program of @obj has a link pinned in @dir, else 0. */
int obj_links_pinned(const struct bb_object *obj, const char *dir);

/* Remove @obj's link and map pins from @dir; *@removed counts them. */
int obj_unpin(const struct bb_object *obj, const char *dir, int *removed,
	      struct bb_err *err);

#endif
