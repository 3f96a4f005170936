/* SPDX-License-Identifier: GPL-2.0 */
/*
 * obj_knobs.h - what a tool's command line may change in an object
 * before bb_object_load(), in the "NAME=NUMBER" form barebpf load takes:
 * a global variable (a const volatile knob in .rodata), a map's
 * max_entries, and a default size for the maps an object leaves at 0.
 */
#ifndef BAREBPF_OBJ_KNOBS_H
#define BAREBPF_OBJ_KNOBS_H

#include "loader/core/types.h"

/* --set VAR=VALUE: VALUE a number, written in VAR's own size. */
int obj_knob_set_var(struct bb_object *obj, const char *arg, struct bb_err *err);

/* --max-entries MAP=N */
int obj_knob_max_entries(struct bb_object *obj, const char *arg,
			 struct bb_err *err);

/*
 * --value-size MAP=N: the value size of map MAP (a stack_trace map's
 * frames * 8, which tools set at run time); not for global data.
 */
int obj_knob_value_size(struct bb_object *obj, const char *arg,
			struct bb_err *err);

/*
 * --default-max-entries N: every map declared with max_entries 0, other
 * than perf event arrays (sized to the CPUs by map_create()).
 */
void obj_knob_default_max_entries(struct bb_object *obj, uint32_t n);

#endif
