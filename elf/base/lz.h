/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lz.h - our own small LZ77 compression, for the BPF objects a tool
 * carries inside itself (loader/embedded.h).
 *
 * The idea is LZ77's, byte-oriented as in LZ4: the output is rebuilt from
 * literal bytes copied from the stream and back-references, "copy LENGTH
 * bytes from OFFSET bytes back in what is already written".  A packed
 * stream is a list of sequences, each:
 *
 *	token		one byte: high 4 bits = number of literals,
 *			low 4 bits = match length - LZ_MIN_MATCH
 *	[more]		if the literal count is 15: bytes added to it,
 *			up to and including the first one below 255
 *	literals	that many bytes, copied as they are
 *	offset		how far back: 1 .. 127 in one byte; 128 .. 32767 in
 *			two, the first with its top bit set and the low 7
 *			bits of the offset, the second the 8 bits above them
 *	[more]		if the match count is 15: as for the literals
 *
 * Unlike LZ4's fixed two bytes, a near offset takes one: in our BPF
 * objects about half the back-references reach less than 128 bytes back
 * (BTF records repeat their neighbours), which saves 10% of the output.
 * A back-reference may overlap what it writes (offset 1, length 100: one
 * byte repeated 100 times).  The size of the output is not in the stream:
 * the caller knows it (embedded.h records it) and the stream ends exactly
 * when the output is full, which may be right after a sequence's literals
 * (the last sequence has no back-reference then) or after its
 * back-reference.  Anything else - input ending early, bytes left over,
 * an offset of 0 or reaching before the start, a length running past the
 * end - is an error.
 *
 * "hello hello hello!" packs as 0x67 (6 literals; a match of 4 + 7),
 * "hello ", 0x06 (offset 6: 11 bytes from 6 back, the last 5 of them
 * copying what this match itself wrote), 0x10 (1 literal, no match), "!":
 * 10 bytes for 18.
 */
#ifndef BAREBPF_LZ_H
#define BAREBPF_LZ_H

#include <stddef.h>
#include <stdint.h>

#define LZ_MIN_MATCH	4
#define LZ_NEAR		128	/* offsets below this take one byte */
#define LZ_MAX_OFFSET	32767

struct bb_err;

/*
 * Unpack the @in_len bytes at @in into exactly @out_len bytes at @out.
 * 0, or -EINVAL with a message naming the byte of @in where reading
 * stopped ("lz: byte 812: back-reference reaches before the start").
 * Pure: no allocation, no system call.
 */
int lz_unpack(uint8_t *out, size_t out_len, const uint8_t *in, size_t in_len,
	      struct bb_err *err);

/*
 * Pack the @len bytes at @in into a new malloc'd buffer *@out of *@out_len
 * bytes (elf/lz_pack.c).  0, or -ENOMEM.  Slow and thorough: it is run at
 * build time, on a few KiB.
 */
int lz_pack(const uint8_t *in, size_t len, uint8_t **out, size_t *out_len);

#endif
