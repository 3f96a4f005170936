// SPDX-License-Identifier: GPL-2.0
/*
 * ksym.c - __ksym externs resolved against the running kernel, with real
 * effects (kernel/test/ksym.bpf.c):
 *   - ksym_kfunc calls bpf_task_from_pid() (a kfunc, Linux 6.2+) on our
 *     tgid and records the task's tgid; reads the address of the untyped
 *     __ksym bpf_prog_put, which must be /proc/kallsyms's; and finds the
 *     weak kfunc bb_no_such_kfunc absent (bpf_ksym_exists() false) while
 *     the object still loads;
 *   - ksym_var reads bpf_this_cpu_ptr(&runqueues)->cpu, the typed __ksym
 *     runqueues: it must be the CPU the program ran on.  The kernel finds
 *     a VAR's address in kallsyms, which lists variables only with
 *     CONFIG_KALLSYMS_ALL (the 6.1 VM: yes; this 6.18 host: no): where
 *     /proc/kallsyms has no runqueues, the load must fail with our words.
 * On a kernel older than 6.2 (the VM), bpf_task_from_pid does not exist:
 * ksym_kfunc must then be refused, naming it, before any BPF_PROG_LOAD.
 */
#include <sys/syscall.h>
#include <sys/utsname.h>

#include "kernel/test/ksym.h"
#include "loader/load/kallsyms.h"
#include "tests/kernel/attach.h"

static struct bb_object *open_one(const char *prog, struct bb_err *err)
{
	struct bb_object *o = NULL;
	char path[PATH_MAX];
	uint32_t me = getpid();
	uint32_t i;

	attach_obj_path("ksym", path, sizeof(path));
	if (bb_object_open(&o, path, err))
		return NULL;
	for (i = 0; i < o->spec.nr_progs; i++)
		o->progs[i].off = strcmp(o->spec.progs[i].name, prog) != 0;
	if (bb_object_set_var(o, "self_tgid", &me, sizeof(me), err)) {
		bb_object_close(o);
		return NULL;
	}
	return o;
}

static int run(struct bb_object *o, struct bb_err *err)
{
	int ret = bb_object_attach(o, err);

	if (!ret)
		syscall(ATTACH_TEST_SYSCALL);
	attach_detach(o);
	return ret;
}

/* Linux 6.2 or later: bpf_task_from_pid is a kfunc. */
static int has_task_from_pid(void)
{
	struct utsname u;
	int a = 0, b = 0;

	uname(&u);
	sscanf(u.release, "%d.%d", &a, &b);
	return a > 6 || (a == 6 && b >= 2);
}

static void test_kfunc(void)
{
	struct bytes text = { 0 };
	struct bb_err err = { 0 };
	struct bb_object *o = open_one("ksym_kfunc", &err);
	uint64_t addr = 0;
	int ret;

	ret = o ? bb_object_load(o, &err) : -1;
	if (!has_task_from_pid()) {
		like(err.msg, "program 'ksym_kfunc': kfunc 'bpf_task_from_pid' not found in vmlinux or module BTF",
		     "before 6.2 the kfunc is refused by name (%d)", ret);
		bb_object_close(o);
		return;
	}
	if (!ok(ret == 0, "ksym_kfunc loads (kfunc, untyped and weak __ksym)"))
		diag("%s", err.msg);
	ret = ret ? ret : run(o, &err);
	if (!ok(ret == 0, "attached and ran")) {
		bb_object_close(o);
		return;
	}
	is_int(attach_read(o, "out", OUT_TGID), getpid(),
	       "bpf_task_from_pid(our pid)->tgid is our pid");
	ok(kallsyms_read(&text, &err) == 0 &&
	   kallsyms_lookup(&text, "bpf_prog_put", &addr) == 0,
	   "/proc/kallsyms lists bpf_prog_put");
	free((void *)text.data);
	ok(addr && attach_read(o, "out", OUT_ADDR) == addr,
	   "&bpf_prog_put in the program is its kallsyms address (%#llx)",
	   (unsigned long long)addr);
	is_int(attach_read(o, "out", OUT_WEAK), 1,
	       "bpf_ksym_exists(weak absent kfunc) is false");
	bb_object_close(o);
}

static int kallsyms_has(const char *name)
{
	struct bytes text = { 0 };
	struct bb_err err = { 0 };
	uint64_t addr = 0;
	int ret = kallsyms_read(&text, &err);

	ret = ret ? ret : kallsyms_lookup(&text, name, &addr);
	free((void *)text.data);
	return ret == 0;
}

static void test_var(void)
{
	struct bb_err err = { 0 };
	struct bb_object *o = open_one("ksym_var", &err);
	int ret = o ? bb_object_load(o, &err) : -1;

	if (!kallsyms_has("runqueues")) {
		like(err.msg, "found no address for kernel variable 'runqueues' (it lists variables in kallsyms only when built with CONFIG_KALLSYMS_ALL)",
		     "no runqueues in kallsyms: the refusal says why (%d)", ret);
		bb_object_close(o);
		return;
	}
	if (!ok(ret == 0, "ksym_var loads (typed __ksym runqueues)"))
		diag("%s", err.msg);
	ret = ret ? ret : run(o, &err);
	if (!ok(ret == 0, "attached and ran")) {
		bb_object_close(o);
		return;
	}
	is_int(attach_read(o, "out", OUT_RQ_CPU), attach_read(o, "out", OUT_CPU),
	       "this CPU's runqueue says it is this CPU's");
	bb_object_close(o);
}

int main(void)
{
	test_kfunc();
	test_var();
	return done_testing();
}
