// SPDX-License-Identifier: GPL-2.0
/*
 * inspect_externs.c - `barebpf inspect`: the externs the loader fills in,
 * __kconfig ones (a value in the .kconfig map) and __ksym ones (found in
 * the running kernel at load: loader/load/ksym.c).  Nothing is looked up
 * here: inspect runs without root, on any machine.
 */
#include "loader/cmd/barebpf/cmd.h"
#include "loader/sys/out.h"

static const char *ksym_what(enum ksym_kind kind)
{
	switch (kind) {
	case KSYM_FUNC:
		return "__ksym kfunc: calls get its BTF id in vmlinux or a module (BPF_PSEUDO_KFUNC_CALL)";
	case KSYM_VAR:
		return "__ksym variable: ld_imm64 gets the BTF id of its VAR (BPF_PSEUDO_BTF_ID)";
	case KSYM_ADDR:
		return "__ksym of no type: ld_imm64 gets its address from /proc/kallsyms";
	}
	return "?";
}

static void one(struct json *j, const char *name, const char *kind,
		const char *what, int weak)
{
	if (j) {
		json_begin(j, NULL, '{');
		json_str(j, "name", name);
		json_str(j, "kind", kind);
		json_u64(j, "weak", weak);
		json_end(j, '}');
		return;
	}
	out_printf(out_stdout, "  %s: %s%s\n", name, what,
		   weak ? "; __weak: 0 if the kernel lacks it" : "");
}

void inspect_externs(const struct obj_spec *spec, struct json *j)
{
	uint32_t i, n = spec->nr_ksyms;

	for (i = 0; i < spec->nr_vars; i++)
		n += spec->maps[spec->vars[i].map].kconfig;
	if (!n)
		return;
	if (j)
		json_begin(j, "externs", '[');
	else
		out_printf(out_stdout, "\nExterns:\n");
	for (i = 0; i < spec->nr_vars; i++)
		if (spec->maps[spec->vars[i].map].kconfig)
			one(j, spec->vars[i].name, "kconfig",
			    "__kconfig: a value in the .kconfig map", 0);
	for (i = 0; i < spec->nr_ksyms; i++)
		one(j, spec->ksyms[i].name,
		    spec->ksyms[i].kind == KSYM_FUNC ? "kfunc" :
		    spec->ksyms[i].kind == KSYM_VAR ? "ksym_var" : "ksym_addr",
		    ksym_what(spec->ksyms[i].kind), spec->ksyms[i].weak);
	if (j)
		json_end(j, ']');
}
