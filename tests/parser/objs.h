/* SPDX-License-Identifier: GPL-2.0 */
/*
 * objs.h - helpers the parser tests share: read a whole file, and find the
 * BPF objects to test (the command line, or every *.bpf.o under build/).
 */
#ifndef BAREBPF_TESTS_OBJS_H
#define BAREBPF_TESTS_OBJS_H

#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Read all of @path into a malloc'd buffer (malloc's alignment is enough
 * for BTF's 4 bytes).  Works for sysfs files, whose st_size is not the
 * real size, by reading until EOF.
 */
static inline uint8_t *read_whole(const char *path, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	uint8_t *buf = malloc(cap), *nb;
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || !buf)
		goto fail;
	for (;;) {
		if (n == cap) {
			nb = realloc(buf, cap * 2);
			if (!nb)
				goto fail;
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		n += r;
	}
	close(fd);
	*len = n;
	return buf;
fail:
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

struct obj_list {
	char **paths;
	int n;
};

static struct obj_list *objs_found;

static int objs_visit(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	size_t l = strlen(path);
	char **np;

	(void)st;
	(void)ftw;
	if (type != FTW_F || l < 6 || strcmp(path + l - 6, ".bpf.o"))
		return 0;
	np = realloc(objs_found->paths, (objs_found->n + 1) * sizeof(*np));
	if (!np)
		return -1;
	objs_found->paths = np;
	np[objs_found->n++] = strdup(path);
	return 0;
}

static int objs_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* argv[1..] if given, else every *.bpf.o under $BUILD (default build/). */
static inline void objs_collect(struct obj_list *l, int argc, char **argv)
{
	const char *root = getenv("BUILD");
	int i;

	memset(l, 0, sizeof(*l));
	if (argc > 1) {
		l->paths = calloc(argc - 1, sizeof(*l->paths));
		for (i = 1; i < argc && l->paths; i++)
			l->paths[l->n++] = strdup(argv[i]);
		return;
	}
	objs_found = l;
	nftw(root && *root ? root : "build", objs_visit, 16, FTW_PHYS);
	objs_found = NULL;
	if (l->n)
		qsort(l->paths, l->n, sizeof(*l->paths), objs_cmp);
}

static inline void objs_free(struct obj_list *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	memset(l, 0, sizeof(*l));
}

#endif
