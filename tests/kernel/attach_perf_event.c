// SPDX-License-Identifier: GPL-2.0
/*
 * attach_perf_event.c - a perf_event program on the CPU clock at 1000 Hz
 * counts the samples that catch this test while it burns CPU: on every
 * online CPU (one event each), then following this process only (its
 * pid as attach target, through bb_prog_attach()), then through perf
 * links.  Counts grow while we burn, and stop once detached.  Host and
 * VM tiers alike: the software CPU clock needs no hardware counter.
 */
#include <time.h>

#include "tests/kernel/attach.h"
#include "loader/attach/perf_event.h"
#include "loader/sys/cpus.h"

#define BURN_MS 300

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ull + ts.tv_nsec / 1000000;
}

/* Spin on the CPU for @ms (wall clock: on a busy machine, less CPU). */
static void burn(unsigned int ms)
{
	uint64_t end = now_ms() + ms;
	volatile uint64_t x = 0;

	while (now_ms() < end)
		x++;
}

static uint32_t online_cpus(void)
{
	struct bb_err err = { 0 };
	uint32_t *cpus, nr = 0;

	if (!cpus_read(CPUS_ONLINE_PATH, &cpus, &nr, &err))
		free(cpus);
	return nr;
}

static void every_cpu(struct bb_object *o, bool link)
{
	const char *how = link ? "perf links" : "SET_BPF+ENABLE";
	struct bb_prog *p = bb_object_find_prog(o, "sample");
	struct bb_err err = { 0 };
	uint64_t mine;
	int ret;

	attach_reset(o);
	obj_use_perf_link(o, link);
	ret = bb_object_attach(o, &err);
	if (!ok(ret == 0, "%s: attach on every online CPU", how)) {
		diag("%s", err.msg);
		return;
	}
	is_int(p->nr_more_fds + 1, online_cpus(), "%s: one event per online CPU (%u)",
	       how, online_cpus());
	if (link)
		is_int(attach_link_type(p->attach_fd), BPF_LINK_TYPE_PERF_EVENT,
		       "%s: the handles are perf_event links", how);
	burn(BURN_MS);
	mine = attach_read(o, "hits", SLOT_ENTRY);
	ok(mine > 0, "%s: %llu samples caught us burning %d ms at 1000 Hz", how,
	   (unsigned long long)mine, BURN_MS);
	ok(attach_read(o, "hits", SLOT_RETURN) >= mine,
	   "%s: and all samples (%llu) are at least ours", how,
	   (unsigned long long)attach_read(o, "hits", SLOT_RETURN));
	attach_detach(o);
	sys_close_each(&p->more_fds, &p->nr_more_fds);
}

static void one_process(struct bb_object *o)
{
	struct bb_prog *p = bb_object_find_prog(o, "sample");
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };
	uint64_t before, after;
	int ret;

	attach_reset(o);
	obj_use_perf_link(o, false);
	bb_prog_set_attach_target(p, getpid());
	ret = bb_prog_attach(p, &link, &err);
	if (!ok(ret == 0, "pid %d: attach one event that follows this process", getpid())) {
		diag("%s", err.msg);
		return;
	}
	burn(BURN_MS);
	before = attach_read(o, "hits", SLOT_ENTRY);
	ok(before > 0, "pid: %llu samples of us", (unsigned long long)before);
	burn(BURN_MS);
	after = attach_read(o, "hits", SLOT_ENTRY);
	ok(after > before, "pid: the count grows as we burn (%llu -> %llu)",
	   (unsigned long long)before, (unsigned long long)after);
	bb_link_destroy(link);
	is_int(attach_read(o, "hits", SLOT_RETURN), attach_read(o, "hits", SLOT_ENTRY),
	       "pid: and no sample of anyone else");
	burn(50);
	before = attach_read(o, "hits", SLOT_ENTRY);
	burn(BURN_MS);
	is_int(attach_read(o, "hits", SLOT_ENTRY), before,
	       "pid: bb_link_destroy() stops the sampling");
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret;

	ret = attach_load("perf_event", &o, &err);
	if (!ok(ret == 0, "load perf_event.bpf.o"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	obj_set_sample_freq(o, 1000);
	every_cpu(o, false);
	every_cpu(o, true);
	one_process(o);
	bb_object_close(o);
	return done_testing();
}
