/*
 * @helper 1 void *bpf_map_lookup_elem(void *map, const void *key)
 * @helper 3 long bpf_trace_printk(const char *fmt, __u32 fmt_size, ...)
 */
