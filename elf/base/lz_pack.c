// SPDX-License-Identifier: GPL-2.0
/*
 * lz_pack.c - pack bytes into our LZ77 format (lz.h).
 *
 * The build runs this (elf/host/lzpack.c) on each BPF object a tool
 * embeds; no tool carries it.  So it takes its time, in two passes:
 *
 *  1. For every position, the longest match earlier in the input (at most
 *     LZ_MAX_OFFSET back), and the longest less than LZ_NEAR back, whose
 *     offset takes one byte.  Hash chains keep the search short:
 *     positions whose next 4 bytes hash alike are linked, nearest first.
 *  2. The cheapest way to cut the input into sequences, from the end
 *     backwards ("optimal parsing"): cost[i] is the fewest bytes that
 *     encode everything from i on when a sequence starts at i; it tries
 *     every literal count up to LIT_WINDOW (and the one that reaches the
 *     next match), then every length of the two matches found there.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/lz.h"

#define HASH_BITS	14
#define NONE		UINT32_MAX
#define MAX_CHAIN	512	/* candidates tried per position */
#define MAX_LEN		1024	/* longest match: 3 bytes per KiB of a run */
#define LIT_WINDOW	64	/* literal counts tried exactly */
#define SHORT_REF	(LZ_MIN_MATCH + 15 + 255)	/* match lengths tried */

struct match {
	uint32_t len;		/* 0: none */
	uint32_t off;
};

struct packer {
	const uint8_t *in;
	size_t len;
	struct match *near;	/* longest match at i less than LZ_NEAR back */
	struct match *any;	/* longest match at i */
	uint32_t *cost;		/* bytes for in[i..] from a sequence at i */
	uint32_t *lits;		/* ... of which the first has this many literals */
	uint32_t *ref_cost;	/* bytes for in[i..] from a back-reference at i */
	uint32_t *ref_len;	/* ... which is this long ... */
	uint32_t *ref_off;	/* ... and reaches this far back */
};

/* Bytes a count needs after its token's 4 bits. */
static uint32_t extra(size_t count)
{
	return count < 15 ? 0 : (count - 15) / 255 + 1;
}

static uint32_t offset_bytes(size_t off)
{
	return off < LZ_NEAR ? 1 : 2;
}

static uint32_t hash4(const uint8_t *p)
{
	uint32_t v = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;

	return (v * 2654435761u) >> (32 - HASH_BITS);	/* Knuth's golden ratio */
}

/*
 * The match in @m found at @i - 1, one byte shorter, holds at @i too: the
 * start of a long run needs no search (and no compare of what is known
 * equal).
 */
static void extend_previous(const struct packer *pk, struct match *m,
			    size_t i, size_t max)
{
	size_t off = m[i - 1].off, n = m[i - 1].len - 1;

	if (m[i - 1].len <= LZ_MIN_MATCH)
		return;
	while (n < max && pk->in[i - off + n] == pk->in[i + n])
		n++;
	m[i].len = n;
	m[i].off = off;
}

/* A match of @n bytes at @i, @off back: is it the longest (and near)? */
static void keep_match(struct packer *pk, size_t i, size_t n, size_t off)
{
	if (n < LZ_MIN_MATCH)
		return;
	if (n > pk->any[i].len)
		pk->any[i] = (struct match){ n, off };
	if (off < LZ_NEAR && n > pk->near[i].len)
		pk->near[i] = (struct match){ n, off };
}

static void find_matches(struct packer *pk, uint32_t *head, uint32_t *prev)
{
	size_t i, j, n, chain, max;

	for (i = 0; i < (1u << HASH_BITS); i++)
		head[i] = NONE;
	for (i = 0; i + LZ_MIN_MATCH <= pk->len; i++) {
		uint32_t h = hash4(pk->in + i);

		max = pk->len - i < MAX_LEN ? pk->len - i : MAX_LEN;
		if (i) {
			extend_previous(pk, pk->near, i, max);
			extend_previous(pk, pk->any, i, max);
		}
		for (j = head[h], chain = 0; j != NONE && i - j <= LZ_MAX_OFFSET &&
		     chain < MAX_CHAIN; j = prev[j], chain++) {
			if (pk->any[i].len == max &&
			    (pk->near[i].len == max || i - j >= LZ_NEAR))
				break;	/* nothing longer to find */
			for (n = 0; n < max && pk->in[j + n] == pk->in[i + n]; n++)
				;
			keep_match(pk, i, n, i - j);
		}
		prev[i] = head[h];
		head[h] = i;
	}
}

static void try_ref(struct packer *pk, size_t i, uint32_t m, uint32_t off)
{
	uint32_t c = offset_bytes(off) + extra(m - LZ_MIN_MATCH) +
		     pk->cost[i + m];

	if (c < pk->ref_cost[i]) {
		pk->ref_cost[i] = c;
		pk->ref_len[i] = m;
		pk->ref_off[i] = off;
	}
}

/* Every length of @m up to SHORT_REF, else all of it. */
static void try_match(struct packer *pk, size_t i, const struct match *m)
{
	uint32_t l;

	for (l = LZ_MIN_MATCH; l <= m->len && l <= SHORT_REF; l++)
		try_ref(pk, i, l, m->off);
	if (m->len > SHORT_REF)
		try_ref(pk, i, m->len, m->off);
}

/* The cheapest back-reference at @i: the near match or the longest. */
static void best_ref(struct packer *pk, size_t i)
{
	pk->ref_cost[i] = NONE;
	try_match(pk, i, &pk->near[i]);
	try_match(pk, i, &pk->any[i]);
}

/* A sequence at @i of @l literals, then the best back-reference there. */
static void try_lits(struct packer *pk, size_t i, size_t l)
{
	uint32_t c;

	if (pk->ref_cost[i + l] == NONE)
		return;
	c = 1 + extra(l) + l + pk->ref_cost[i + l];
	if (c < pk->cost[i]) {
		pk->cost[i] = c;
		pk->lits[i] = l;
	}
}

/* The cheapest sequence at @i; @next is the first match at or after it. */
static void best_seq(struct packer *pk, size_t i, size_t next)
{
	size_t l, rest = pk->len - i;

	/* Everything left as literals: the last sequence. */
	pk->cost[i] = 1 + extra(rest) + rest;
	pk->lits[i] = rest;
	for (l = 0; l < rest && l <= LIT_WINDOW; l++)
		try_lits(pk, i, l);
	if (next < pk->len && next - i > LIT_WINDOW)
		try_lits(pk, i, next - i);
}

static uint8_t *put_count(uint8_t *o, size_t count)
{
	if (count < 15)
		return o;
	for (count -= 15; count >= 255; count -= 255)
		*o++ = 255;
	*o++ = count;
	return o;
}

static size_t emit(const struct packer *pk, uint8_t *out)
{
	uint8_t *o = out;
	size_t i = 0, l, m, off;

	while (i < pk->len) {
		l = pk->lits[i];
		m = i + l < pk->len ? pk->ref_len[i + l] : 0;
		*o++ = (l < 15 ? l : 15) << 4 |
		       (m ? (m - LZ_MIN_MATCH < 15 ? m - LZ_MIN_MATCH : 15) : 0);
		o = put_count(o, l);
		memcpy(o, pk->in + i, l);
		o += l;
		i += l;
		if (!m)
			break;
		off = pk->ref_off[i];
		if (off < LZ_NEAR) {
			*o++ = off;
		} else {
			*o++ = 0x80 | (off & 0x7f);
			*o++ = off >> 7;
		}
		o = put_count(o, m - LZ_MIN_MATCH);
		i += m;
	}
	return o - out;
}

int lz_pack(const uint8_t *in, size_t len, uint8_t **out, size_t *out_len)
{
	struct packer pk = { .in = in, .len = len };
	uint32_t *mem, *head, *prev;
	struct match *matches;
	size_t i, next = len;
	int ret = -ENOMEM;

	*out = NULL;
	if (len > UINT32_MAX / 4)
		return -EFBIG;
	/* Two matches per position; six numbers per position, the heads. */
	matches = calloc(2 * (len + 1), sizeof(*matches));
	mem = calloc(6 * (len + 1) + (1u << HASH_BITS), sizeof(*mem));
	if (!matches || !mem)
		goto out;
	pk.near = matches;
	pk.any = matches + (len + 1);
	pk.cost = mem;
	pk.lits = mem + (len + 1);
	pk.ref_cost = mem + 2 * (len + 1);
	pk.ref_len = mem + 3 * (len + 1);
	pk.ref_off = mem + 4 * (len + 1);
	prev = mem + 5 * (len + 1);
	head = mem + 6 * (len + 1);
	find_matches(&pk, head, prev);

	pk.cost[len] = 0;
	pk.ref_cost[len] = NONE;
	for (i = len; i-- > 0;) {
		best_ref(&pk, i);
		if (pk.any[i].len)
			next = i;
		best_seq(&pk, i, next);
	}
	/* At worst one run of literals: token, its count, the bytes. */
	*out = malloc(1 + extra(len) + len);
	if (*out) {
		*out_len = emit(&pk, *out);
		ret = 0;
	}
out:
	free(matches);
	free(mem);
	return ret;
}
