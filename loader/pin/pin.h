/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pin.h - give BPF objects a name in a bpffs so they outlive their fds.
 *
 * A map, program or link lives as long as something holds it: an fd, a
 * program that uses the map, an attachment... or a pin, a file in a
 * mounted bpf filesystem (BPF_OBJ_PIN).  Any process may open the pin
 * again (BPF_OBJ_GET) and gets a new fd to the same object; removing the
 * file (unlink) drops that reference.
 *
 * Pins only exist inside a bpffs.  The kernel answers EPERM for a path
 * elsewhere, which reads like a privilege problem, so every function here
 * first checks with statfs(2) that the parent directory is a bpffs
 * (f_type BPF_FS_MAGIC) and says how to mount one if it is not.
 */
#ifndef BAREBPF_PIN_H
#define BAREBPF_PIN_H

#include "loader/barebpf.h"

#define PIN_DIR_DEFAULT "/sys/fs/bpf"

/* Is the directory that would hold @path inside a bpffs? */
int pin_check_bpffs(const char *path, struct bb_err *err);

/*
 * Public (loader/barebpf.h), here in pin.c:
 *	bb_pin_fd()       BPF_OBJ_PIN @fd at @path (which must not exist yet)
 *	bb_pinned_open()  BPF_OBJ_GET: a new fd; -ENOENT if nothing is there
 *	bb_unpin()        remove the pin (only ever inside a bpffs)
 */

/* Create directory @dir in a bpffs (an existing one is fine); rmdir it. */
int pin_mkdir(const char *dir, struct bb_err *err);
int pin_rmdir(const char *dir, struct bb_err *err);

/*
 * "@dir/@name" into @out, every '.' of @name made '_' (bpffs refuses
 * dots: ".bss" is pinned as "_bss"); -ENAMETOOLONG if it does not fit,
 * -EINVAL if @name is not one plain name: 1 to NAME_MAX bytes of letters,
 * digits, '_' and '.' (the kernel's object name characters), not "." or
 * "..".  The full name is used, not the kernel's 15-byte object name.
 */
int pin_path(char *out, size_t len, const char *dir, const char *name,
	     struct bb_err *err);

#endif
