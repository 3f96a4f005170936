// SPDX-License-Identifier: GPL-2.0
/*
 * perf_event.c - perf_event programs on a sampling event (perf_event.h).
 *
 * The event is the software CPU clock (PERF_COUNT_SW_CPU_CLOCK: a timer,
 * so it works in a VM and without hardware counters) in frequency mode:
 * attr.freq = 1 and sample_freq = N make the kernel adjust the period so
 * that about N samples a second arrive (the most is
 * /proc/sys/kernel/perf_event_max_sample_rate).  Each sample runs the
 * program with a struct bpf_perf_event_data (the registers at the sample
 * and the period) instead of writing a record to a ring.
 *
 * A perf event counts either one task (pid, cpu -1) or one CPU (pid -1,
 * cpu N), never every CPU at once: sampling the whole machine takes one
 * event per online CPU, all hanging the same program.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/attach/perf_attach.h"
#include "loader/attach/perf_event.h"
#include "loader/sys/cpus.h"
#include "loader/sys/file.h"
#include "loader/sys/sys.h"

/* One sampling event hung with @prog; its handle, or -errno. */
static int sample_on(struct bb_prog *prog, int pid, int cpu,
		     struct bb_err *err)
{
	struct perf_event_attr attr;
	int fd, ret;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_CPU_CLOCK;
	attr.freq = 1;
	attr.sample_freq = prog->sample_freq ? prog->sample_freq :
			   PERF_EVENT_DEFAULT_FREQ;
	fd = sys_perf_event_open(&attr, pid, cpu, -1, 0);
	if (fd < 0)
		return bb_errf(err, fd,
			       "program '%s': perf_event_open(cpu-clock %llu Hz, pid %d, cpu %d): %s%s",
			       prog->spec->name,
			       (unsigned long long)attr.sample_freq, pid, cpu,
			       errno_text(-fd), fd == -EINVAL ?
			       " (above /proc/sys/kernel/perf_event_max_sample_rate?)" :
			       errno_hint(fd));
	ret = perf_attach(prog, fd, "perf_event", err);
	if (ret)
		return ret;
	fd = prog->attach_fd;
	prog->attach_fd = -1;
	return fd;
}

/* One event per online CPU: fds[0] becomes attach_fd, the rest more_fds. */
static int sample_cpus(struct bb_prog *prog, struct bb_err *err)
{
	uint32_t *cpus, nr, i;
	int *fds, ret;

	ret = cpus_read(CPUS_ONLINE_PATH, &cpus, &nr, err);
	if (ret)
		return ret;
	fds = calloc(nr, sizeof(*fds));
	if (!fds)
		ret = bb_errf(err, -ENOMEM, "out of memory");
	for (i = 0; fds && i < nr; i++) {
		fds[i] = sample_on(prog, -1, cpus[i], err);
		if (fds[i] < 0) {
			ret = fds[i];
			break;
		}
	}
	free(cpus);
	return perf_attach_fds(prog, fds, i, nr, ret);	/* i events opened */
}

int perf_event_attach(struct bb_prog *prog, struct bb_err *err)
{
	int fd;

	if (!prog->has_attach_target)
		return sample_cpus(prog, err);
	fd = sample_on(prog, prog->attach_target, -1, err);
	if (fd < 0)
		return fd;
	prog->attach_fd = fd;
	return 0;
}

void obj_set_sample_freq(struct bb_object *obj, uint32_t hz)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_progs; i++)
		obj->progs[i].sample_freq = hz;
}
