// SPDX-License-Identifier: GPL-2.0
/*
 * attach_lsm.c - BPF LSM programs (lsm/HOOK, Linux 5.7+): loaded against
 * the kernel function bpf_lsm_HOOK, attached with BPF_RAW_TRACEPOINT_OPEN,
 * they decide for the kernel.  lsm.bpf.o refuses, with EPERM, an AF_UNIX
 * SOCK_SEQPACKET socket to this process (lsm/socket_create) and any open
 * to a task named "bb_lsm_deny" (lsm/file_open): while attached, those
 * fail and their neighbours do not; once detached, they work again.
 * Where the kernel refuses BPF trampolines (this project's host) the
 * error must say so; BAREBPF_EXPECT_FENTRY=1 (the VM tier, whose kernel
 * has them and has "bpf" among its active LSMs) makes that a failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#include "tests/kernel/attach.h"

/* 0 if socket(AF_UNIX, @type, 0) works, else -errno. */
static int try_socket(int type)
{
	int fd = socket(AF_UNIX, type, 0);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

/* 0 if this thread, named @comm, can open /dev/null, else -errno. */
static int try_open_as(const char *comm)
{
	char old[16] = "";
	int fd, ret;

	prctl(PR_GET_NAME, old);
	prctl(PR_SET_NAME, comm);
	fd = open("/dev/null", O_RDONLY);
	ret = fd < 0 ? -errno : 0;
	prctl(PR_SET_NAME, old);
	if (fd >= 0)
		close(fd);
	return ret;
}

static void effects(struct bb_object *o)
{
	is_int(try_socket(SOCK_SEQPACKET), -EPERM, "attached: socket(AF_UNIX, SOCK_SEQPACKET) fails with EPERM");
	is_int(try_socket(SOCK_STREAM), 0, "socket(AF_UNIX, SOCK_STREAM) works");
	is_int((int)attach_read(o, "hits", SLOT_ENTRY), 1, "lsm/socket_create refused once");
	is_int(try_open_as("bb_lsm_deny"), -EPERM, "open() by a thread named bb_lsm_deny fails with EPERM");
	is_int(try_open_as("bb_lsm_allow"), 0, "open() by a thread named bb_lsm_allow works");
	ok(attach_read(o, "hits", SLOT_RETURN) >= 1, "lsm/file_open refused it");
	attach_detach(o);
	is_int(try_socket(SOCK_SEQPACKET), 0, "detached: the SOCK_SEQPACKET socket works again");
	is_int(try_open_as("bb_lsm_deny"), 0, "and so does the open() by bb_lsm_deny");
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret;

	is_int(try_socket(SOCK_SEQPACKET), 0, "before: socket(AF_UNIX, SOCK_SEQPACKET) works");
	ret = attach_load("lsm", &o, &err);
	if (!ret)
		ret = bb_object_attach(o, &err);
	if (ret) {
		ok(!attach_expect_fentry(), "refusal allowed here (BAREBPF_EXPECT_FENTRY is not 1): %s", err.msg);
		is_int(ret, -EPERM, "refused with EPERM");
		like(err.msg, "this kernel does not support BPF LSM programs",
		     "refused: the error says why");
		like(err.msg, "program 'deny_seqpacket' (section 'lsm/socket_create')",
		     "and names the program");
		bb_object_close(o);
		return done_testing();
	}
	ok(1, "load and attach lsm/socket_create and lsm/file_open");
	is_int(attach_link_type(o->progs[0].attach_fd), BPF_LINK_TYPE_TRACING,
	       "attached through a tracing link");
	effects(o);
	bb_object_close(o);
	return done_testing();
}
