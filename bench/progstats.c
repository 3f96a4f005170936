// SPDX-License-Identifier: GPL-2.0
/*
 * progstats - run time per invocation of the BPF programs a process holds.
 *
 *	progstats PID
 *
 * Finds the programs through /proc/PID/fdinfo (a program fd shows its
 * "prog_id:"), opens each by id and asks BPF_OBJ_GET_INFO_BY_FD for its
 * run_cnt and run_time_ns, which the kernel counts only while the sysctl
 * kernel.bpf_stats_enabled is 1.  Prints, a line per program:
 *	name id run_cnt run_time_ns ns_per_run
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader/sys/sys.h"

static void show(uint32_t id)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);
	int fd = sys_prog_get_fd_by_id(id);

	memset(&info, 0, sizeof(info));
	if (fd < 0 || sys_obj_get_info_by_fd(fd, &info, &len)) {
		fprintf(stderr, "progstats: program id %u: cannot read its info\n", id);
	} else {
		printf("%s %u %llu %llu %.0f\n", info.name, id,
		       (unsigned long long)info.run_cnt,
		       (unsigned long long)info.run_time_ns,
		       info.run_cnt ? (double)info.run_time_ns / info.run_cnt : 0.0);
	}
	if (fd >= 0)
		sys_close(fd);
}

/* The program id in one fdinfo file, or 0. */
static uint32_t prog_id(const char *dir, const char *fd)
{
	char path[512], line[256];
	unsigned id = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, fd);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "prog_id: %u", &id) == 1)
			break;
	if (f)
		fclose(f);
	return id;
}

int main(int argc, char **argv)
{
	uint32_t ids[64], id;
	int n = 0, i;
	char dir[64];
	struct dirent *e;
	DIR *d;

	if (argc != 2) {
		fprintf(stderr, "usage: progstats PID\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "/proc/%s/fdinfo", argv[1]);
	d = opendir(dir);
	if (!d) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d)) && n < 64) {
		id = e->d_name[0] != '.' ? prog_id(dir, e->d_name) : 0;
		for (i = 0; id && i < n; i++)
			if (ids[i] == id)
				id = 0;	/* a link shows its program's id too */
		if (id)
			ids[n++] = id;
	}
	closedir(d);
	for (i = 0; i < n; i++)
		show(ids[i]);
	return n ? 0 : 1;
}
