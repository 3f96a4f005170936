// SPDX-License-Identifier: GPL-2.0
/*
 * lz_pack.c - pack bytes into our LZ77 format (lz.h).
 *
 * The build runs this (elf/host/lzpack.c) on each BPF object a tool
 * embeds; no tool carries it.  So it takes its time, in two passes:
 *
 *  1. For every position, the longest match earlier in the input (at most
 *     LZ_MAX_OFFSET back).  Hash chains keep the search short: positions
 *     whose next 4 bytes hash alike are linked, nearest first.
 *  2. The cheapest way to cut the input into sequences, from the end
 *     backwards ("optimal parsing"): cost[i] is the fewest bytes that
 *     encode everything from i on when a sequence starts at i; it tries
 *     every literal count up to LIT_WINDOW (and the one that reaches the
 *     next match), then every length of the match found there.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lz.h"

#define HASH_BITS	14
#define NONE		UINT32_MAX
#define MAX_CHAIN	512	/* candidates tried per position */
#define MAX_LEN		1024	/* longest match: 3 bytes per KiB of a run */
#define LIT_WINDOW	64	/* literal counts tried exactly */
#define SHORT_REF	(LZ_MIN_MATCH + 15 + 255)	/* match lengths tried */

struct packer {
	const uint8_t *in;
	size_t len;
	uint32_t *match_len;	/* longest match at i (0: none) ... */
	uint32_t *match_off;	/* ... and how far back */
	uint32_t *cost;		/* bytes for in[i..] from a sequence at i */
	uint32_t *lits;		/* ... of which the first has this many literals */
	uint32_t *ref_cost;	/* bytes for in[i..] from a back-reference at i */
	uint32_t *ref_len;	/* ... which is this long */
};

/* Bytes a count needs after its token's 4 bits. */
static uint32_t extra(size_t count)
{
	return count < 15 ? 0 : (count - 15) / 255 + 1;
}

static uint32_t hash4(const uint8_t *p)
{
	uint32_t v = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;

	return (v * 2654435761u) >> (32 - HASH_BITS);	/* Knuth's golden ratio */
}

/*
 * The match found at @i - 1, one byte shorter, holds at @i too: the start
 * of a long run needs no search (and no compare of what is known equal).
 */
static void extend_previous(struct packer *pk, size_t i, size_t max)
{
	size_t off = pk->match_off[i - 1], n = pk->match_len[i - 1] - 1;

	while (n < max && pk->in[i - off + n] == pk->in[i + n])
		n++;
	pk->match_len[i] = n;
	pk->match_off[i] = off;
}

static void find_matches(struct packer *pk, uint32_t *head, uint32_t *prev)
{
	size_t i, j, n, chain, max;

	for (i = 0; i < (1u << HASH_BITS); i++)
		head[i] = NONE;
	for (i = 0; i + LZ_MIN_MATCH <= pk->len; i++) {
		uint32_t h = hash4(pk->in + i);

		max = pk->len - i < MAX_LEN ? pk->len - i : MAX_LEN;
		if (i && pk->match_len[i - 1] > LZ_MIN_MATCH)
			extend_previous(pk, i, max);
		for (j = head[h], chain = 0; j != NONE && i - j <= LZ_MAX_OFFSET &&
		     chain < MAX_CHAIN && pk->match_len[i] < max;
		     j = prev[j], chain++) {
			for (n = 0; n < max && pk->in[j + n] == pk->in[i + n]; n++)
				;
			if (n >= LZ_MIN_MATCH && n > pk->match_len[i]) {
				pk->match_len[i] = n;
				pk->match_off[i] = i - j;
			}
		}
		prev[i] = head[h];
		head[h] = i;
	}
}

static void try_ref(struct packer *pk, size_t i, uint32_t m)
{
	uint32_t c = 2 + extra(m - LZ_MIN_MATCH) + pk->cost[i + m];

	if (c < pk->ref_cost[i]) {
		pk->ref_cost[i] = c;
		pk->ref_len[i] = m;
	}
}

/*
 * The cheapest back-reference at @i: some length of the match found
 * there, every one up to SHORT_REF, else all of it.
 */
static void best_ref(struct packer *pk, size_t i)
{
	uint32_t m;

	pk->ref_cost[i] = NONE;
	for (m = LZ_MIN_MATCH; m <= pk->match_len[i] && m <= SHORT_REF; m++)
		try_ref(pk, i, m);
	if (pk->match_len[i] > SHORT_REF)
		try_ref(pk, i, pk->match_len[i]);
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
		off = pk->match_off[i];
		*o++ = off & 0xff;
		*o++ = off >> 8;
		o = put_count(o, m - LZ_MIN_MATCH);
		i += m;
	}
	return o - out;
}

int lz_pack(const uint8_t *in, size_t len, uint8_t **out, size_t *out_len)
{
	struct packer pk = { .in = in, .len = len };
	uint32_t *mem, *head, *prev;
	size_t i, next = len;
	int ret = -ENOMEM;

	*out = NULL;
	if (len > UINT32_MAX / 4)
		return -EFBIG;
	/* Seven arrays of len + 1 numbers, then the hash heads. */
	mem = calloc(7 * (len + 1) + (1u << HASH_BITS), sizeof(*mem));
	if (!mem)
		return ret;
	pk.match_len = mem;
	pk.match_off = mem + (len + 1);
	pk.cost = mem + 2 * (len + 1);
	pk.lits = mem + 3 * (len + 1);
	pk.ref_cost = mem + 4 * (len + 1);
	pk.ref_len = mem + 5 * (len + 1);
	prev = mem + 6 * (len + 1);
	head = mem + 7 * (len + 1);
	find_matches(&pk, head, prev);

	pk.cost[len] = 0;
	pk.ref_cost[len] = NONE;
	for (i = len; i-- > 0;) {
		best_ref(&pk, i);
		if (pk.match_len[i])
			next = i;
		best_seq(&pk, i, next);
	}
	/* At worst one run of literals: token, its count, the bytes. */
	*out = malloc(1 + extra(len) + len);
	if (*out) {
		*out_len = emit(&pk, *out);
		ret = 0;
	}
	free(mem);
	return ret;
}
