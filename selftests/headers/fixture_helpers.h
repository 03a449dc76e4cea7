/* Fixture for the bpf_helper_defs.h generator test (not a real header). */
/*
 * Written in both the kernel's spellings (u32, struct bpf_map, struct
 * sk_buff) and the BPF program spellings; both must come out the latter.
 *
 * @helper 1 void *bpf_map_lookup_elem(struct bpf_map *map, const void *key)
 * @helper 2 long bpf_map_update_elem(void *map, const void *key, const void *value, __u64 flags)
 * @helper 3 long bpf_trace_printk(const char *fmt, u32 fmt_size, ...)
 * @helper 4 u64 bpf_ktime_get_ns(void)
 * @helper 5 long bpf_skb_store_bytes(struct sk_buff *skb, u32 offset, const void *from, u32 len, u64 flags)
 * @helper 6 u32 bpf_get_smp_processor_id(void)
 * @helper 7 struct bpf_sock *bpf_sk_fullsock(struct bpf_sock *sk)
 * @helper 8 long bpf_xdp_adjust_head(struct xdp_buff *xdp_md, int delta)
 * @helper 9 long bpf_msg_apply_bytes(struct sk_msg_buff *msg, u32 bytes)
 * @helper 10 s64 bpf_csum_diff(__be32 *from, u32 from_size, __be32 *to, u32 to_size, __wsum seed)
 */
