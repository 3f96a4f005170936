// SPDX-License-Identifier: GPL-2.0
/*
 * events.c - `barebpf run`'s event streams: every perf event array and
 * ring buffer of the object is opened as a stream, and each record is
 * printed as it arrives, one line each:
 *
 *	event MAPNAME cpu N size S: 01 02 03 ...	(raw bytes)
 *	event MAPNAME cpu N size S: {pid=1, ...}	(--event-type STRUCT)
 *	event MAPNAME cpu N size S: {...} (8 bytes short: zeros)
 *	lost MAPNAME cpu N: C events			(the perf ring was full)
 *
 * A ring buffer is one ring shared by all CPUs, so its records carry no
 * CPU: "cpu -".  Neither map type names the record's type in BTF (the
 * program may send anything), hence --event-type: a struct in the
 * object's BTF to decode every record as.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "loader/sys/out.h"
#include "loader/sys/sys.h"
#include "loader/stream/perf_buffer.h"
#include "loader/stream/ringbuf.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/cmd/barebpf/btf_str.h"

struct stream {
	struct events *ev;
	const char *name;
	struct bb_perf_buffer *pb;
	struct bb_ringbuf *rb;
};

struct events {
	const struct btf *btf;	/* NULL: raw bytes only */
	uint32_t type_id;	/* 0: raw bytes only */
	uint32_t type_size;
	uint32_t nr;
	struct stream *s;
};

static void hex(const uint8_t *data, uint32_t size)
{
	uint32_t i;

	for (i = 0; i < size; i++)
		out_printf(out_stdout, "%s%02x", i ? " " : "", data[i]);
}

/*
 * Decode as --event-type's struct.  A perf record is padded to 8 bytes,
 * so it may be a little longer than the struct: the rest is not shown.
 * A shorter record (execsnoop sends only the args it filled) is decoded
 * with the missing bytes as zeros, and says so.  -errno: print hex.
 */
static int decode(const struct events *ev, const uint8_t *data, uint32_t size)
{
	uint8_t *full;
	int ret;

	if (size >= ev->type_size)
		return btf_value_print(out_stdout, ev->btf, ev->type_id, data,
				       ev->type_size);
	full = calloc(1, ev->type_size);
	if (!full)
		return -ENOMEM;
	memcpy(full, data, size);
	ret = btf_value_print(out_stdout, ev->btf, ev->type_id, full,
			      ev->type_size);
	if (!ret)
		out_printf(out_stdout, " (%u bytes short: zeros)",
			   ev->type_size - size);
	free(full);
	return ret;
}

static void print_record(const struct stream *s, const char *cpu,
			 const uint8_t *data, uint32_t size)
{
	out_printf(out_stdout, "event %s cpu %s size %u: ", s->name, cpu, size);
	if (!s->ev->type_id || decode(s->ev, data, size))
		hex(data, size);
	out_printf(out_stdout, "\n");
}

static void on_perf(void *ctx, int cpu, void *data, uint32_t size)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", cpu);
	print_record(ctx, buf, data, size);
}

static void on_lost(void *ctx, int cpu, __u64 count)
{
	const struct stream *s = ctx;

	out_printf(out_stdout, "lost %s cpu %d: %llu events\n", s->name, cpu,
		   (unsigned long long)count);
}

static int on_ring(void *ctx, void *data, size_t size)
{
	print_record(ctx, "-", data, size);
	return 0;
}

static int set_type(struct events *ev, const struct bb_object *obj,
		    const char *type, struct bb_err *err)
{
	int id;

	if (!obj->spec.has_btf)
		return bb_errf(err, -ENOENT,
			       "--event-type %s: the object has no BTF", type);
	id = btf_find(&obj->spec.btf, type, BTF_KIND_STRUCT);
	if (id <= 0)
		return bb_errf(err, -ENOENT,
			       "--event-type %s: no struct %s in the object's BTF",
			       type, type);
	ev->btf = &obj->spec.btf;
	ev->type_id = id;
	return btf_type_size(ev->btf, id, &ev->type_size, err);
}

int events_open(struct events **out, const struct bb_object *obj,
		const char *type, struct bb_err *err)
{
	struct events *ev;
	uint32_t i;
	int ret = 0;

	ev = calloc(1, sizeof(*ev));
	if (ev)
		ev->s = calloc(obj->spec.nr_maps + 1, sizeof(*ev->s));
	if (!ev || !ev->s) {
		free(ev);
		return bb_errf(err, -ENOMEM, "event streams: out of memory");
	}
	*out = ev;
	if (type)
		ret = set_type(ev, obj, type, err);
	for (i = 0; !ret && i < obj->spec.nr_maps; i++) {
		const struct bb_map *m = &obj->maps[i];
		struct stream *s = &ev->s[ev->nr];

		s->ev = ev;
		s->name = m->spec->name;
		if (m->spec->type == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			ret = bb_perf_buffer_open(&s->pb, m, 64, on_perf, on_lost,
						  s, err);
		else if (m->spec->type == BPF_MAP_TYPE_RINGBUF)
			ret = bb_ringbuf_open(&s->rb, m, on_ring, s, err);
		else
			continue;
		if (!ret)
			ev->nr++;
	}
	return ret;
}

uint32_t events_count(const struct events *ev)
{
	return ev ? ev->nr : 0;
}

int events_poll(struct events *ev, int timeout_ms, struct bb_err *err)
{
	uint32_t i;
	int ret = 0;

	/* Wait on the first stream only; then take what the others have. */
	for (i = 0; ret >= 0 && i < ev->nr; i++) {
		struct stream *s = &ev->s[i];
		int t = i ? 0 : timeout_ms;

		ret = s->pb ? bb_perf_buffer_poll(s->pb, t, err) :
			      bb_ringbuf_poll(s->rb, t, err);
	}
	if (ret >= 0)
		ret = out_check(out_stdout, err);
	return ret < 0 ? ret : 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);	/* vDSO: no syscall */
	return ts.tv_sec * 1000ull + ts.tv_nsec / 1000000;
}

int events_wait(struct events *ev, const sigset_t *stop, long ms,
		struct bb_err *err)
{
	uint64_t end = now_ms() + ms, t;
	int ret;

	do {
		t = now_ms();
		t = end > t ? end - t : 0;
		if (events_count(ev)) {
			ret = events_poll(ev, t < 50 ? (int)t : 50, err);
			if (ret)
				return ret;
			t = 0;	/* below: only look for a signal */
		}
		ret = sys_sigwait_ms(stop, (long)t);
		if (ret > 0)
			return 1;
		if (ret != -EAGAIN && ret != -EINTR)
			return bb_errf(err, ret, "rt_sigtimedwait: %s",
				       strerror(-ret));
	} while (now_ms() < end);
	return 0;
}

void events_free(struct events *ev)
{
	uint32_t i;

	if (!ev)
		return;
	for (i = 0; i < ev->nr; i++) {
		bb_perf_buffer_free(ev->s[i].pb);
		bb_ringbuf_free(ev->s[i].rb);
	}
	free(ev->s);
	free(ev);
}
