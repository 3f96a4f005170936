// SPDX-License-Identifier: GPL-2.0
/*
 * map_batch.c - bb_map_for_each_batch() against a fake BPF_MAP_LOOKUP_BATCH.
 *
 * The fake answers the batch command the way a kernel hash map does: it
 * hands out whole buckets (here: groups of `bucket` consecutive entries of
 * the fake kernel's hash), its position token is a u32 bucket number, a
 * bucket larger than the room given is -ENOSPC with nothing copied, and
 * the last batch answers -ENOENT with its entries.  It can also answer
 * like a kernel without batch lookup (-EINVAL) or a map type without it
 * (524, the kernel's ENOTSUPP): bb_map_for_each_batch() must then fall back
 * to GET_NEXT_KEY + LOOKUP_ELEM, which the fake kernel's hash answers.
 */
#include "loader/maps/map_batch.h"
#include "tests/fake/fake_kernel.h"
#include "tests/tap.h"

#define MAP_FD 200

static struct {
	int bucket;		/* entries per bucket */
	int fail_call;		/* this batch call (1-based) fails ... */
	int fail_errno;		/* ... with this */
	int calls;
	uint32_t asked[32];	/* count asked for, per call */
	int dirty_attr;		/* calls with non-zero bytes past attr.batch */
	int cpus;		/* a per-CPU map: slots a value (0: plain) */
} fb;

static bool tail_zero(const union bpf_attr *attr)
{
	const uint8_t *p = (const uint8_t *)attr;
	size_t i;

	for (i = sizeof(attr->batch); i < sizeof(*attr); i++)
		if (p[i])
			return false;
	return true;
}

static long fake_batch(union bpf_attr *attr)
{
	uint32_t *keys = (uint32_t *)(unsigned long)attr->batch.keys;
	uint64_t *values = (uint64_t *)(unsigned long)attr->batch.values;
	uint32_t *in = (uint32_t *)(unsigned long)attr->batch.in_batch;
	uint32_t *out = (uint32_t *)(unsigned long)attr->batch.out_batch;
	uint32_t max = attr->batch.count, n = 0;
	int b = in ? (int)*in : 0, nb = (fk.hash.nr + fb.bucket - 1) / fb.bucket;
	int i, c, end;

	if (fb.calls < 32)
		fb.asked[fb.calls] = max;
	if (++fb.calls == fb.fail_call)
		return -fb.fail_errno;
	if (!tail_zero(attr))
		fb.dirty_attr++;
	attr->batch.count = 0;
	for (; b < nb; b++) {
		end = (b + 1) * fb.bucket < fk.hash.nr ? (b + 1) * fb.bucket : fk.hash.nr;
		if ((uint32_t)(end - b * fb.bucket) > max - n) {
			if (!n)
				return -ENOSPC;
			break;
		}
		for (i = b * fb.bucket; i < end; i++, n++) {
			keys[n] = fk.hash.keys[i];
			/* Per-CPU: CPU c's slot holds the value + 100 * c. */
			for (c = 0; c < (fb.cpus ? fb.cpus : 1); c++)
				values[n * (fb.cpus ? fb.cpus : 1) + c] =
					fk.hash.values[i] + 100 * c;
		}
	}
	attr->batch.count = n;
	*out = b;
	return b >= nb ? -ENOENT : 0;
}

static long call(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	union bpf_attr *attr = (union bpf_attr *)a2;

	if (nr == __NR_bpf && a1 == BPF_MAP_LOOKUP_BATCH &&
	    attr->batch.map_fd == MAP_FD)
		return fake_batch(attr);
	return fake_call(nr, a1, a2, a3, a4, a5, a6);
}

struct seen {
	int n, bad_value, count[16];
	int stop_after;
};

static int collect(const void *key, const void *value, void *ctx)
{
	struct seen *s = ctx;
	uint32_t k;
	uint64_t v;

	memcpy(&k, key, 4);
	memcpy(&v, value, 8);
	if (k / 10 >= 1 && k / 10 <= 16)
		s->count[k / 10 - 1]++;
	s->bad_value += v != 1000 + k / 10;
	s->n++;
	return s->stop_after && s->n >= s->stop_after ? 7 : 0;
}

/* Keys 10, 20, ... with values 1001, 1002, ... */
static void fill(int n, int bucket)
{
	int i;

	fake_reset();
	memset(&fb, 0, sizeof(fb));
	fb.bucket = bucket;
	fk.hash_fd = MAP_FD;
	for (i = 0; i < n; i++) {
		fk.hash.keys[i] = 10 * (i + 1);
		fk.hash.values[i] = 1000 + i + 1;
		fk.hash.live[i] = true;
	}
	fk.hash.nr = n;
}

static const struct map_spec spec = {
	.name = "fake_hash", .type = BPF_MAP_TYPE_HASH,
	.key_size = 4, .value_size = 8, .max_entries = 16,
};
static struct bb_map map = { .spec = &spec, .fd = MAP_FD };	/* not const: a walk keeps its key buffer in it */

static bool each_once(const struct seen *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s->count[i] != 1)
			return false;
	return s->n == n && !s->bad_value;
}

static void batches(void)
{
	struct seen s = { 0 };

	fill(10, 2);
	is_int(bb_map_for_each_batch(&map, 4, collect, &s), 0, "batches: returns 0");
	ok(each_once(&s, 10), "batches: ten entries, each once, right values");
	is_int(fb.calls, 3, "batches: 4+4+2 in three calls (the last says ENOENT)");
	is_int(fk.hash.next_calls + fk.hash.lookups, 0, "batches: no per-key call");
	is_int(fb.dirty_attr, 0, "batches: attr zero past its batch fields");
}

static void empty(void)
{
	struct seen s = { 0 };

	fill(0, 2);
	is_int(bb_map_for_each_batch(&map, 0, collect, &s), 0, "empty: returns 0");
	is_int(s.n, 0, "empty: nothing reported");
	/* max_entries 16 < MAP_BATCH_DEFAULT: no more room than the map holds */
	is_int(fb.asked[0], spec.max_entries, "batch 0: max_entries, fewer than the default");
}

static void big_bucket_grows(void)
{
	struct seen s = { 0 };

	fill(9, 3);
	is_int(bb_map_for_each_batch(&map, 1, collect, &s), 0, "ENOSPC: returns 0");
	ok(each_once(&s, 9), "ENOSPC: all nine entries, each once");
	ok(fb.asked[0] == 1 && fb.asked[1] == 2 && fb.asked[2] == 4,
	   "ENOSPC: room doubled until a bucket fits (1, 2, 4)");
}

static void fallback(int err, const char *why)
{
	struct seen s = { 0 };

	fill(5, 2);
	fb.fail_call = 1;
	fb.fail_errno = err;
	is_int(bb_map_for_each_batch(&map, 4, collect, &s), 0,
	       "%s: returns 0", why);
	ok(each_once(&s, 5), "%s: per-key walk reports all five", why);
	is_int(fk.hash.lookups, 5, "%s: one LOOKUP_ELEM per key", why);
}

static void errors(void)
{
	struct seen s = { 0 };

	fill(10, 2);
	fb.fail_call = 1;
	fb.fail_errno = EPERM;
	is_int(bb_map_for_each_batch(&map, 4, collect, &s), -EPERM,
	       "EPERM on the first batch is returned");
	is_int(fk.hash.next_calls, 0, "EPERM: no fallback");

	fill(10, 2);
	fb.fail_call = 2;
	fb.fail_errno = EINVAL;
	memset(&s, 0, sizeof(s));
	is_int(bb_map_for_each_batch(&map, 4, collect, &s), -EINVAL,
	       "EINVAL after a first batch is an error, not a fallback");
	is_int(s.n, 4, "the first batch was reported");
	is_int(fk.hash.next_calls, 0, "and no per-key walk followed");
}

static void callback_stops(void)
{
	struct seen s = { .stop_after = 3 };

	fill(10, 2);
	is_int(bb_map_for_each_batch(&map, 4, collect, &s), 7,
	       "callback stop: its value comes back");
	is_int(s.n, 3, "callback stop: no call after it");
	is_int(fb.calls, 1, "callback stop: no further batch");
}

/* CPU c's slot of a per-CPU value: the fake's value + 100 * c. */
static int collect_percpu(const void *key, const void *value, void *ctx)
{
	struct seen *s = ctx;
	uint64_t v;
	uint32_t k;
	int c;

	memcpy(&k, key, 4);
	for (c = 0; c < fb.cpus; c++) {
		memcpy(&v, (const uint8_t *)value + 8 * c, 8);
		s->bad_value += v != 1000 + k / 10 + 100 * c;
	}
	s->n++;
	return 0;
}

/*
 * A per-CPU map's values are one 8-byte slot per possible CPU each: the
 * batch's buffer has room for them, and the callback gets every CPU's.
 */
static void percpu_values(void)
{
	struct map_spec pc = spec;
	struct bb_map m = { .spec = &pc, .fd = MAP_FD };
	struct seen s = { 0 };

	fill(5, 2);
	fb.cpus = bb_possible_cpus();
	pc.type = BPF_MAP_TYPE_PERCPU_HASH;
	is_int(bb_map_for_each_batch(&m, 4, collect_percpu, &s), 0,
	       "per-CPU map: walked");
	is_int(s.n, 5, "per-CPU map: every entry");
	is_int(s.bad_value, 0, "per-CPU map: every CPU's slot of every value (%d CPUs)",
	       fb.cpus);
	map_release(&m);
}

int main(void)
{
	fake_install();
	sys_call = call;
	batches();
	empty();
	big_bucket_grows();
	fallback(EINVAL, "EINVAL (no batch command)");
	fallback(524, "ENOTSUPP (no batch for this map type)");
	fallback(EOPNOTSUPP, "EOPNOTSUPP");
	errors();
	callback_stops();
	percpu_values();
	is_int(fk.unexpected, 0, "no unexpected syscall");
	map_release(&map);
	fake_reset();
	return done_testing();
}
