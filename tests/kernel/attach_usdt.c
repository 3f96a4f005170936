// SPDX-License-Identifier: GPL-2.0
/*
 * attach_usdt.c - a USDT probe of this very test binary
 * (usdt//proc/self/exe:bbtest:args, kernel/test/usdt.bpf.c): <sys/sdt.h>
 * (Debian's systemtap-sdt-dev) puts the probe at two sites, with a
 * semaphore and four arguments of different kinds (a constant, a
 * register, memory next to the stack pointer, a negative int).  The
 * program reads them with bpf_usdt_arg(): the test checks each value, the
 * count, the cookies, one uprobe per site, and that the kernel raised the
 * semaphore while the probe was attached, and lowered it after.
 */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

#include "tests/kernel/attach.h"
#include "elf/usdt.h"
#include "loader/sys/file.h"

/* The semaphore <sys/sdt.h> names in the probe's note: PROVIDER_NAME_semaphore. */
__attribute__((section(".probes"), used)) volatile unsigned short bbtest_args_semaphore;

static volatile int zero;	/* keeps values from being constants */
static struct usdt_spec first_spec;	/* site 0's, as we parsed it */
static uint32_t second_slot;	/* 0 if both sites have one spec, else 1 */

/*
 * The probe, at two sites.  @reg is computed at run time (a register);
 * @mem is a volatile local (memory); @neg is negative and signed.  The
 * sites are built without ASan and UBSan (make test SANITIZE=1): ASan
 * moves locals to a frame of its own and gave @mem as a register, and
 * the kinds of operand are what this test checks.
 */
#define SITE __attribute__((noinline, no_sanitize("address", "undefined")))

SITE static void site_one(long reg)
{
	volatile int mem = 1234 + zero;
	int neg = -77 - zero;

	if (bbtest_args_semaphore)
		STAP_PROBE4(bbtest, args, 42, reg, mem, neg);
}

SITE static void site_two(long reg)
{
	volatile int mem = 1234 + zero;
	int neg = -77 - zero;

	STAP_PROBE4(bbtest, args, 42, reg, mem, neg);
}

static int64_t got(struct bb_object *o, uint32_t slot)
{
	int64_t v = INT64_MIN;

	sys_map_lookup_elem(bb_object_find_map(o, "got")->fd, &slot, &v, 0);
	return v;
}

/* The notes as our parser reads them: two sites, the kinds of argument. */
static void parse_self(void)
{
	struct usdt_site *sites = NULL;
	struct bb_err err = { 0 };
	uint32_t nr = 0, i;
	uint8_t *data;
	size_t len;
	int ret;

	ret = file_read_all("/proc/self/exe", &data, &len, &err);
	if (!ret)
		ret = usdt_sites_find(data, len, "bbtest", "args", &sites, &nr, &err);
	if (!ok(ret == 0 && nr == 2, "two sites of bbtest:args in this binary (%u)", nr))
		diag("%s", err.msg);
	for (i = 0; !ret && i < nr; i++) {
		const struct usdt_spec *s = &sites[i].spec;

		ok(sites[i].sema_offset != 0, "site %u: the semaphore has a file offset", i);
		is_int(s->arg_cnt, 4, "site %u: four arguments", i);
		is_int(s->args[0].arg_type, USDT_ARG_CONST, "site %u: #0 is a constant", i);
		is_int(s->args[0].val_off, 42, "site %u: of 42", i);
		is_int(s->args[1].arg_type, USDT_ARG_REG, "site %u: #1 is a register", i);
		is_int(s->args[2].arg_type, USDT_ARG_REG_DEREF, "site %u: #2 is memory", i);
		ok(s->args[3].arg_signed, "site %u: #3 is signed", i);
	}
	if (!ret && nr == 2) {
		first_spec = sites[0].spec;
		second_slot = !!memcmp(&sites[0].spec, &sites[1].spec, sizeof(first_spec));
	}
	free(sites);
	if (!ret)
		free(data);
}

/* __bpf_usdt_specs[0] holds site 0's spec, byte for byte. */
static void specs_check(struct bb_object *o)
{
	struct usdt_spec s;
	uint32_t slot = 0;

	memset(&s, 0xff, sizeof(s));
	sys_map_lookup_elem(bb_object_find_map(o, "__bpf_usdt_specs")->fd, &slot, &s, 0);
	ok(!memcmp(&s, &first_spec, sizeof(s)) && s.arg_cnt == 4,
	   "__bpf_usdt_specs[0] is the first site's spec");
}

/*
 * --fire N: the target of run_usdt.sh (barebpf run attaches the probe):
 * print the semaphore, then fire the probe N times, marked (31337).
 */
static int fire(int n)
{
	printf("semaphore %u\n", bbtest_args_semaphore);
	while (n-- > 0)
		site_one(31337 + zero);
	return 0;
}

int main(int argc, char **argv)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	unsigned sem0, sem1;
	struct bb_prog *p;
	int ret;

	if (argc == 3 && !strcmp(argv[1], "--fire"))
		return fire(atoi(argv[2]));
	parse_self();
	/*
	 * The kernel raises it once per uprobe (an inode and offset), however
	 * many tracers share that uprobe: another tracer of this file
	 * (run_usdt.sh's barebpf) may hold it at 2 already.
	 */
	sem0 = bbtest_args_semaphore;
	if (sem0)
		diag("the semaphore is %u before we attach: someone else probes this file", sem0);
	ret = attach_load("usdt", &o, &err);
	if (!ok(ret == 0, "load usdt.bpf.o (usdt.bpf.h's maps and functions)"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	ret = bb_object_attach(o, &err);
	if (!ok(ret == 0, "attach usdt//proc/self/exe:bbtest:args"))
		diag("%s", err.msg);
	p = bb_object_find_prog(o, "usdt_args");
	is_int(attach_link_type(p->attach_fd), BPF_LINK_TYPE_PERF_EVENT,
	       "the handle is a perf_event link (it carries the cookie)");
	is_int(p->nr_more_fds, 1, "one uprobe per site: a second link");
	sem1 = bbtest_args_semaphore;
	ok(sem1 >= 2, "the kernel raised the semaphore, once per site (%u -> %u)",
	   sem0, sem1);

	site_one(-5000000000 + zero);
	is_int(attach_read(o, "hits", SLOT_ENTRY), 1, "the probe ran once, at the first site");
	is_int(got(o, 0), 42, "constant argument: 42");
	is_int(got(o, 1), -5000000000, "register argument: -5000000000 (8 bytes)");
	is_int(got(o, 2), 1234, "memory argument: 1234");
	is_int(got(o, 3), -77, "negative int argument: -77, sign-extended");
	is_int(got(o, 4), 4, "bpf_usdt_arg_cnt(): 4");
	is_int(got(o, 5), 0, "bpf_usdt_cookie(): 0 (none given)");
	is_int(attach_read(o, "seen", SLOT_ENTRY), 0,
	       "the BPF cookie is the spec's slot: 0, the first");
	specs_check(o);

	site_two(7 + zero);
	is_int(attach_read(o, "hits", SLOT_ENTRY), 2, "and once at the second site");
	is_int(got(o, 1), 7, "which saw its own register argument");
	is_int(attach_read(o, "seen", SLOT_ENTRY), second_slot,
	       "its cookie: slot %u (%s)", second_slot,
	       second_slot ? "its arguments differ" : "the same arguments share one spec");

	bb_object_close(o);
	is_int(bbtest_args_semaphore, sem0, "closed: the semaphore is back to %u", sem0);
	return done_testing();
}
