/* SPDX-License-Identifier: GPL-2.0 */
/* file.h - read a whole (small) file through the syscall layer. */
#ifndef BAREBPF_FILE_H
#define BAREBPF_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "elf/base/err.h"

/* Larger files are refused before anything is allocated. */
#define FILE_MAX_SIZE (256u << 20)

/*
 * Read all of @path into a new buffer *@out (caller frees) of *@len bytes.
 * The buffer has one extra NUL byte after the data, so text files can be
 * used as strings.  Files in sysfs/tracefs report size 0 or 4096 whatever
 * they hold, so we read until EOF rather than trust the size.
 */
int file_read_all(const char *path, uint8_t **out, size_t *len,
		  struct bb_err *err);

/*
 * Read the one-line text file @path (a tracefs id) into @buf,
 * NUL-terminated: open, read until EOF or the line's newline, close.  Once
 * the newline came the line is whole, so a file that tracefs hands out in
 * one read takes one read(), not a second one to see EOF.  No fstat:
 * tracefs reports st_size 0 for every file, so it would tell nothing.
 * -EFBIG if @size - 1 bytes do not hold the line.
 */
int file_read_text(const char *path, char *buf, size_t size,
		   struct bb_err *err);

/* "Permission denied" etc., plus advice for the errors users hit. */
const char *errno_hint(int err);

#endif
