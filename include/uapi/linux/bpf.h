/* PLACEHOLDER: replaced by the uapi owner with our own 6.18 definitions. */
#include_next <linux/bpf.h>
