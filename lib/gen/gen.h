/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The loader-program generator (bpf_object__gen_loader): what lib/object
 * calls instead of talking to the kernel when obj->gen is set.  Every step
 * of the load is recorded as instructions of a BPF_PROG_TYPE_SYSCALL
 * program plus the data it needs; nothing here calls bpf().
 */
#ifndef BPFKIT_GEN_GEN_H
#define BPFKIT_GEN_GEN_H

struct bpf_object;
struct bpf_program;
struct gen_loader;
struct gen_loader_opts;

/* A recorder for obj (its maps and programs fix the context layout). */
struct gen_loader *gen_new(struct bpf_object *obj, struct gen_loader_opts *opts);
void gen_free(struct gen_loader *gen);

/* -EOPNOTSUPP, with a message naming the feature, for what it cannot do. */
int gen_check_object(struct bpf_object *obj);
/* The object's BTF load (before maps and programs). */
int gen_record_btf(struct bpf_object *obj);
/* Every map: creation, initial contents, freeze. */
int gen_record_maps(struct bpf_object *obj);
/* One (main) program, code relocated with map indexes. */
int gen_record_prog(struct bpf_object *obj, struct bpf_program *prog);
/* End of the load: err != 0 drops the recording, else the blobs are
 * assembled and handed out through the gen_loader_opts. */
int gen_finish(struct bpf_object *obj, int err);

#endif
