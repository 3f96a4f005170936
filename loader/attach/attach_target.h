/* SPDX-License-Identifier: GPL-2.0 */
/*
 * attach_target.h - what the attach kinds that need a target from the
 * user (xdp: an interface, cgroup: a directory, socket: a socket) share.
 */
#ifndef BAREBPF_ATTACH_TARGET_H
#define BAREBPF_ATTACH_TARGET_H

#include "loader/core/types.h"

/* -EINVAL naming the program and @what it needs, if it has no target. */
int attach_target_need(const struct bb_prog *prog, const char *what,
		       struct bb_err *err);

/*
 * BPF_LINK_CREATE of @prog on its target with @attach_type; the link
 * becomes prog->attach_fd.  @what names the target in the message.
 */
int attach_link_create(struct bb_prog *prog, uint32_t attach_type,
		       const char *what, struct bb_err *err);

/* The same on @target, for a kind that has a default target (netns.c). */
int attach_link_create_on(struct bb_prog *prog, int target,
			  uint32_t attach_type, const char *what,
			  struct bb_err *err);

#endif
