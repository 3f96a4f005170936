// SPDX-License-Identifier: GPL-2.0
/*
 * sockmap_verdict.bpf.c - sk_msg and sk_skb programs on the TCP sockets
 * of a sockhash and a sockmap (issue 16), attached with BPF_PROG_ATTACH
 * to the map (tests/kernel/sockmap_attach.c):
 *  - drop_bang (sk_msg) drops what a socket of msg_socks sends when it
 *    starts with '!': the sender's send() fails;
 *  - drop_hash (sk_skb/stream_verdict) drops what a socket of skb_socks
 *    receives when it starts with '#': the reader never sees it.
 * Each counts what it dropped.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

#define BPF_MAP_TYPE_SOCKMAP 15
#define BPF_MAP_TYPE_SOCKHASH 18
#define SK_DROP 0
#define SK_PASS 1

/* The uapi's struct sk_msg_md, as far as we read it. */
struct sk_msg_md___bb {
	void *data;
	void *data_end;
};

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} msg_socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} skb_socks SEC(".maps");

__u64 msg_dropped, skb_dropped;

SEC("sk_msg")
int drop_bang(struct sk_msg_md___bb *msg)
{
	char *data = msg->data, *end = msg->data_end;

	if (data + 1 > end || data[0] != '!')
		return SK_PASS;
	__sync_fetch_and_add(&msg_dropped, 1);
	return SK_DROP;
}

SEC("sk_skb/stream_verdict")
int drop_hash(struct __sk_buff *skb)
{
	char c = 0;

	if (bpf_skb_load_bytes(skb, 0, &c, 1) || c != '#')
		return SK_PASS;
	__sync_fetch_and_add(&skb_dropped, 1);
	return SK_DROP;
}
