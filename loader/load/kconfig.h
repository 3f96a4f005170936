/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kconfig.h - the values of .kconfig externs (elf/kconfig.c lays them out).
 *
 * Known: LINUX_KERNEL_VERSION (KERNEL_VERSION(a, b, c) of uname's
 * release, c capped at 255 as the kernel's own macro does) and
 * LINUX_HAS_BPF_COOKIE (bpf_get_attach_cookie(), in the kernel since
 * 5.15: we decide by version rather than by loading a probe program).
 * Any other extern is an error naming it, unless declared __weak, in
 * which case it is 0, which is what a weak extern means.
 */
#ifndef BAREBPF_KCONFIG_H
#define BAREBPF_KCONFIG_H

#include "loader/core/types.h"

/* Write the values into the .kconfig map's initial value (before create). */
int kconfig_fill(struct bb_object *obj, struct bb_map *map, struct bb_err *err);

/* KERNEL_VERSION of a uname release, "6.1.0-18-amd64"; 0 if unreadable. */
uint32_t kconfig_kernel_version(const char *release);

#endif
