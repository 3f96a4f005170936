/* SPDX-License-Identifier: GPL-2.0 */
/*
 * map_cmd.h - what the files of `barebpf map` and `barebpf prog` share:
 * a map of the running kernel, found by id, pin or name (map_find.c), its
 * BTF fetched from the kernel (map_btf.c), keys and values read from the
 * command line and printed (map_io.c), and the list lines (list.c).
 */
#ifndef BAREBPF_CMD_MAP_CMD_H
#define BAREBPF_CMD_MAP_CMD_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stdint.h>

#include "elf/btf/btf.h"
#include "loader/cmd/barebpf/cmd.h"

struct map_target {
	struct bb_map *map;		/* bb_map_open_id()/_pinned() */
	struct bpf_map_info info;	/* BPF_OBJ_GET_INFO_BY_FD */
	struct btf btf;			/* the map's BTF, if has_btf */
	void *btf_data;			/* what btf points into */
	bool has_btf;
};

/*
 * Open the map that @by ("id", "pinned" or "name") and @ref name, with
 * its info and, if it has one, its BTF.  A name two maps have is an error
 * listing their ids.  Close with map_target_close() (also after failure).
 */
int map_target_open(struct map_target *t, const char *by, const char *ref,
		    struct bb_err *err);
void map_target_close(struct map_target *t);

/* map_btf.c: fetch BTF object @btf_id (BPF_BTF_GET_FD_BY_ID, then
 * BPF_OBJ_GET_INFO_BY_FD for its bytes) into @t and parse it. */
int map_btf_fetch(struct map_target *t, uint32_t btf_id, struct bb_err *err);

/*
 * map_io.c.  Fill @out (the key's or value's size) from @n words of hex
 * bytes ("0x01" or "01"), or, if @typed, from one value read through the
 * map's BTF type (a number for an integer or enum, a string for a char
 * array).  @what is "key" or "value", for messages.
 */
int map_parse(const struct map_target *t, const char *what, char **words,
	      int n, const char *typed, uint8_t *out, struct bb_err *err);
/* Print the key or value @p: through BTF where it can, else hex bytes. */
void map_print(const struct map_target *t, const char *what,
	       const uint8_t *p);
/* The same as JSON: "key": ["0x01", ...] and, from BTF, "key_btf": "1". */
void map_json(struct json *j, const struct map_target *t, const char *what,
	      const uint8_t *p);

/* list.c: one map's line (or JSON object) from its info, for list and show. */
void map_info_print(const struct bpf_map_info *info, struct json *j);

/*
 * list.c: `@kind list` or `@kind show id N` (argv[0] is the word after
 * "barebpf"), with --json; @kind 0 programs, 1 maps.  0 or -errno;
 * *@usage set if the command line was wrong.
 */
int list_cmd(int kind, int argc, char **argv, struct bb_err *err,
	     bool *usage);

/* A name from the kernel's info (16 bytes), NUL-terminated for sure. */
void info_name(char out[BPF_OBJ_NAME_LEN + 1], const char *name);

int cmd_map(int argc, char **argv);
int cmd_prog(int argc, char **argv);

#endif
