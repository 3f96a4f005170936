// SPDX-License-Identifier: GPL-2.0
/*
 * tutorial.bpf.c - a BPF program as the tutorials write them, for
 * tests/parser/bpf_headers.sh: libbpf's header names, <linux/bpf.h> for
 * the uapi constants, and every macro of ours a tutorial leans on (map
 * definitions, __kconfig __weak, BPF_KPROBE / BPF_KRETPROBE / BPF_PROG,
 * BPF_CORE_READ chains, _INTO, _STR_INTO, bpf_core_field_exists in both
 * forms, bpf_printk, byte order).  The structs are stubs marked
 * preserve_access_index, as vmlinux.h's are.
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct file;
struct qstr { unsigned int len; const unsigned char *name; } __attribute__((preserve_access_index));
struct dentry { struct qstr d_name; struct dentry *d_parent; } __attribute__((preserve_access_index));
struct path { struct dentry *dentry; } __attribute__((preserve_access_index));
struct file { struct path f_path; unsigned int f_flags; } __attribute__((preserve_access_index));
struct task_struct { int pid; int tgid; struct task_struct *real_parent; char comm[16]; } __attribute__((preserve_access_index));

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
	__uint(pinning, LIBBPF_PIN_NONE);
} seen SEC(".maps");

extern int LINUX_KERNEL_VERSION __kconfig __weak;

SEC("kprobe/vfs_read")
int BPF_KPROBE(on_read, struct file *file, char *buf, unsigned long count)
{
	__u32 len = BPF_CORE_READ(file, f_path.dentry, d_parent, d_name.len);
	char name[16];
	__u64 v = count + len + bpf_htons(80) + bpf_ntohl(1);

	BPF_CORE_READ_STR_INTO(&name, file, f_path.dentry, d_name.name);
	if (bpf_core_field_exists(file->f_flags) &&
	    bpf_core_field_exists(struct file, f_path))
		bpf_map_update_elem(&seen, &len, &v, BPF_ANY);
	bpf_printk("read %s %d %lu", name, len, count);
	return buf != 0;
}

SEC("kretprobe/vfs_read")
int BPF_KRETPROBE(on_read_ret, long ret)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	int ppid = BPF_CORE_READ(t, real_parent, tgid);
	char comm[16];

	BPF_CORE_READ_INTO(&comm, t, real_parent, comm);
	bpf_printk("ret %ld ppid %d %s", ret, ppid, comm);
	return LINUX_KERNEL_VERSION > 0;
}

SEC("fentry/do_unlinkat")
int BPF_PROG(on_unlink, int dfd, struct file *name, int x, long y)
{
	bpf_printk("unlink %d %p %d", dfd, name, x + y);
	return 0;
}
