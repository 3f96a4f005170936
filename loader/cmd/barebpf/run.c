// SPDX-License-Identifier: GPL-2.0
/* run.c - placeholder, replaced below. */
#include "barebpf.h"
int cmd_run(int argc, char **argv) { (void)argc; (void)argv; return 2; }
int cmd_load(int argc, char **argv) { (void)argc; (void)argv; return 2; }
