// SPDX-License-Identifier: GPL-2.0
/*
 * ct_lookup.c - a kfunc defined in a kernel module, called for real
 * (kernel/test/ct_lookup.bpf.c: conntrack's bpf_xdp_ct_lookup() and
 * bpf_ct_release(), issue 16).  Where the kernel has them decides what
 * must happen:
 *   - in module nf_conntrack (the 6.1 VM, whose init.sh loads it and sets
 *     BAREBPF_EXPECT_MODULE_KFUNC=1): the loader finds both in the
 *     module's BTF (/sys/kernel/btf/nf_conntrack) and says so under -v,
 *     with the module's BTF fd at fd_array[1] (insn->off of both calls);
 *   - in vmlinux (this 6.18 host builds conntrack in): found there;
 *   - nowhere: the load is refused, naming the kfunc.
 * Found, the program runs once with BPF_PROG_RUN on a UDP packet we made,
 * whose 4-tuple conntrack cannot know: the kernel's lookup must have set
 * opts.error to -ENOENT and returned no entry.
 */
#include <errno.h>
#include <sys/mman.h>

#include "loader/load/kernel_btf.h"
#include "tests/kernel/attach.h"

#define KFUNC "bpf_xdp_ct_lookup"
#define XDP_PASS 2

enum where { NOWHERE, VMLINUX, MODULE };

static enum where kfunc_where(void)
{
	struct kernel_btf kb;
	struct bb_err err = { 0 };
	int id = -1;

	if (access("/sys/kernel/btf/nf_conntrack", F_OK) == 0)
		return MODULE;
	if (kernel_btf_load(&kb, &err) == 0) {
		id = btf_find(&kb.btf, KFUNC, BTF_KIND_FUNC);
		kernel_btf_free(&kb);
	}
	return id > 0 ? VMLINUX : NOWHERE;
}

/* Ethernet + IPv4 + UDP, 192.0.2.1:@sport -> 198.51.100.1:@dport (TEST-NETs). */
static size_t make_packet(uint8_t *p, uint16_t sport, uint16_t dport)
{
	static const uint8_t head[34] = {
		2, 0, 0, 0, 0, 1,  2, 0, 0, 0, 0, 2,  0x08, 0x00,
		0x45, 0, 0, 32,  0, 0, 0, 0,  64, 17, 0, 0,
		192, 0, 2, 1,  198, 51, 100, 1,
	};

	memcpy(p, head, sizeof(head));
	p[34] = sport >> 8;
	p[35] = sport & 0xff;
	p[36] = dport >> 8;
	p[37] = dport & 0xff;
	p[38] = 0;
	p[39] = 12;		/* UDP length: header + 4 bytes */
	memset(p + 40, 0, 6);	/* no checksum; payload "\0\0\0\0" */
	return 46;
}

/* Load @o with narration into a memfd; what it said, in @log. */
static int load_narrated(struct bb_object *o, char *log, size_t len,
			 struct bb_err *err)
{
	int fd = memfd_create("ct_lookup_narration", 0);
	ssize_t n = 0;
	int ret;

	bb_set_verbose(fd);
	ret = bb_object_load(o, err);
	bb_set_verbose(-1);
	if (fd >= 0 && lseek(fd, 0, SEEK_SET) == 0)
		n = read(fd, log, len - 1);
	log[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
	return ret;
}

/* The narration's word for the module's BTF fd, and the same for both kfuncs. */
static void check_module_narration(const char *log)
{
	const char *a = strstr(log, "ksym: '" KFUNC "': module nf_conntrack BTF id ");
	const char *b = strstr(log, "ksym: 'bpf_ct_release': module nf_conntrack BTF id ");
	int fa = -1, fb = -1, ia = -1, ib = -1;
	char opened[64];
	int na = a ? sscanf(strstr(a, "(its BTF fd "), "(its BTF fd %d, fd_array[%d])", &fa, &ia) : 0;
	int nb = b ? sscanf(strstr(b, "(its BTF fd "), "(its BTF fd %d, fd_array[%d])", &fb, &ib) : 0;

	ok(na == 2, "-v: " KFUNC " found in module nf_conntrack's BTF, fd %d at fd_array[%d]",
	   fa, ia);
	ok(nb == 2, "-v: bpf_ct_release too, fd %d at fd_array[%d]", fb, ib);
	ok(fa > 0 && fa == fb && ia == 1 && ib == 1,
	   "one fd for the module, at fd_array[1] (0 means vmlinux)");
	snprintf(opened, sizeof(opened), "-> fd %d", fa);
	like(log, opened, "-v: that fd came from a narrated bpf() call (%s)", opened);
	like(log, "bpf(BPF_PROG_LOAD) xdp \"ct_lookup\"", "-v: then the program was loaded");
}

static void run(struct bb_object *o)
{
	struct bb_prog *p = bb_object_find_prog(o, "ct_lookup");
	struct bb_err err = { 0 };
	uint16_t sport = 40000 + getpid() % 20000;
	uint32_t retval = 0, found = UINT32_MAX;
	int32_t error = 1;
	uint8_t pkt[64];
	size_t len = make_packet(pkt, sport, 9);
	int ret;

	ret = sys_prog_test_run(p->fd, NULL, 0, pkt, len, &retval);
	ok(ret == 0 && retval == XDP_PASS,
	   "BPF_PROG_RUN on a %zu-byte UDP packet: XDP_PASS (ret %d, retval %u)",
	   len, ret, retval);
	bb_object_get_var(o, "ct_error", &error, sizeof(error), &err);
	bb_object_get_var(o, "ct_found", &found, sizeof(found), &err);
	is_int(error, -ENOENT,
	       "the kernel's conntrack lookup ran: opts.error is -ENOENT (no such connection)");
	is_int(found, 0, "and it returned no entry");
}

int main(void)
{
	static char log[1 << 16];
	const char *v = getenv("BAREBPF_EXPECT_MODULE_KFUNC");
	enum where w = kfunc_where();
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	char path[PATH_MAX];
	int ret;

	if (v && !strcmp(v, "1"))
		ok(w == MODULE, "module nf_conntrack is loaded, with BTF (/sys/kernel/btf/nf_conntrack)");
	attach_obj_path("ct_lookup", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ok(ret == 0, "open ct_lookup.bpf.o"))
		diag("%s", err.msg);
	ret = ret ? ret : load_narrated(o, log, sizeof(log), &err);
	if (w == NOWHERE) {
		like(err.msg, "program 'ct_lookup': kfunc '" KFUNC "' not found in vmlinux or module BTF",
		     "no conntrack in this kernel: refused, naming the kfunc (%d)", ret);
		bb_object_close(o);
		return done_testing();
	}
	if (!ok(ret == 0, "ct_lookup loads (" KFUNC " in %s)",
		w == MODULE ? "module nf_conntrack" : "vmlinux"))
		diag("%s\n%s", err.msg, bb_err_log(&err));
	if (w == MODULE)
		check_module_narration(log);
	else
		like(log, "ksym: kfunc '" KFUNC "': vmlinux BTF id ",
		     "-v: found in vmlinux's BTF");
	if (!ret)
		run(o);
	bb_object_close(o);
	return done_testing();
}
