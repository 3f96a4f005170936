/* SPDX-License-Identifier: GPL-2.0 */
/*
 * raw_tp.h - attach with BPF_RAW_TRACEPOINT_OPEN: raw tracepoints by name,
 * and the BTF-typed programs (tp_btf, fentry, fexit) whose target the
 * kernel already knows from their attach_btf_id.
 */
#ifndef BAREBPF_RAW_TP_H
#define BAREBPF_RAW_TP_H

#include "loader/core/types.h"

/* "raw_tp/sys_enter": the tracepoint's name, without its category. */
int raw_tp_attach(struct bb_prog *prog, struct bb_err *err);

/* tp_btf/fentry/fexit: the target was fixed at BPF_PROG_LOAD. */
int btf_prog_attach(struct bb_prog *prog, struct bb_err *err);

#endif
