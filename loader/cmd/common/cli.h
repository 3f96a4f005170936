/* SPDX-License-Identifier: GPL-2.0 */
/* cli.h - small things the command-line tools in loader/cmd/ share. */
#ifndef BAREBPF_CLI_H
#define BAREBPF_CLI_H

#include <getopt.h>		/* struct option and its has_arg values only */
#include <stddef.h>

#include "elf/base/err.h"

/*
 * The options in @argv, one per call, as getopt_long() reads them:
 * --name, --name=VALUE, --name VALUE (required_argument), a unique
 * prefix of a name, one-letter options from @shorts (no arguments:
 * "-h", "-hv"), "--" to end the options; operands may come between
 * options and are moved after them.  Returns the option's val (its
 * argument in @g->arg), '?' after printing what is wrong on stderr, or
 * -1 at the end, when argv[@g->ind] is the first operand.  Start with
 * @g zeroed.  (libc's getopt_long() with its error messages costs a
 * static binary about 4 KiB, most of it stdio.)
 */
struct cli_getopt {
	char *arg;		/* the option's argument, or NULL */
	int ind;		/* at the end: argv[ind] is the first operand */
	int next;		/* the next argv element to read */
	int operands;		/* operands skipped so far, before next */
	const char *cluster;	/* the rest of "-hv" being read */
};

int cli_getopt(struct cli_getopt *g, int argc, char **argv,
	       const char *shorts, const struct option *longs);

/* A whole non-negative decimal number: 0, or -1 if @s is not one. */
int cli_parse_num(const char *s, long *out);

#endif
