/* A bpf.h without a helper list. */
#define BPF_ANY 0
