// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The runtime behind generated NAME__open/load/attach/detach/destroy.
 *
 * Everything goes through the public object/map/program/link API, so a
 * skeleton behaves exactly like the same calls made by hand, with one
 * exception: whether a program has an automatic attachment at all is read
 * from its section definition (object/sections.h), because
 * bpf_program__attach() reports both "no automatic attachment" and "the
 * kernel cannot do this" as -EOPNOTSUPP, and only the first may be skipped.
 * The records are walked with the sizes the generated header put in the
 * skeleton.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "object/object.h"
#include "object/sections.h"
#include "skel/skel.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

/* The part of struct bpf_object_skeleton every generator has written. */
#define SKEL_OBJ_MIN_SZ							\
	(offsetof(struct bpf_object_skeleton, progs) +			\
	 sizeof(((struct bpf_object_skeleton *)0)->progs))

static int skel_check(const struct bpf_object_skeleton *s)
{
	if (!s) {
		pr_warn("skel: NULL skeleton\n");
		return -EINVAL;
	}
	if (s->sz < SKEL_OBJ_MIN_SZ) {
		pr_warn("skel: skeleton record too small (%zu bytes, need %zu)\n",
			s->sz, SKEL_OBJ_MIN_SZ);
		return -EINVAL;
	}
	if (!s->name || !s->obj || !s->data || !s->data_sz) {
		pr_warn("skel: skeleton '%s' lacks its name, object pointer or ELF data\n",
			s->name ? s->name : "?");
		return -EINVAL;
	}
	return skel_check_arrays(s->name, s->map_cnt, s->map_skel_sz, s->maps,
				 s->prog_cnt, s->prog_skel_sz, s->progs);
}

/*
 * Our own copy of the caller's open options, so that object_name can
 * default to the skeleton's name (the internal map names "NAME.bss" the
 * header refers to depend on it).
 */
static int skel_copy_opts(struct bpf_object_open_opts *dst,
			  const struct bpf_object_open_opts *opts)
{
	size_t n;

	memset(dst, 0, sizeof(*dst));
	if (opts) {
		if (!OPTS_OK(opts, bpf_object_open_opts))
			return -EINVAL;
		n = opts->sz < sizeof(*dst) ? opts->sz : sizeof(*dst);
		memcpy(dst, opts, n);
	}
	dst->sz = sizeof(*dst);
	return 0;
}

/* Points the skeleton's data section pointers at the maps' memory. */
static void skel_set_mmaped(struct bpf_object_skeleton *s)
{
	int i;

	for (i = 0; i < s->map_cnt; i++) {
		struct bpf_map_skeleton *m = skel_map_at(s->maps, s->map_skel_sz, i);
		size_t sz;

		if (!m->mmaped)
			continue;
		/* an arena's view is its globals, at the end of the arena */
		if (bpf_map__type(*m->map) == BPF_MAP_TYPE_ARENA)
			*m->mmaped = obj_arena_skel_view(*m->map);
		else
			*m->mmaped = bpf_map__initial_value(*m->map, &sz);
	}
}

int bpf_object__open_skeleton(struct bpf_object_skeleton *s,
			      const struct bpf_object_open_opts *opts)
{
	struct bpf_object_open_opts o;
	struct bpf_object *obj;
	int err;

	err = skel_check(s);
	if (err)
		return util_err(err);
	err = skel_copy_opts(&o, opts);
	if (err)
		return util_err(err);
	if (!o.object_name)
		o.object_name = s->name;

	obj = bpf_object__open_mem(s->data, s->data_sz, &o);
	if (!obj) {
		err = -errno;
		pr_warn("skel: '%s': failed to open the embedded object: %s\n",
			s->name, util_errstr(err));
		return util_err(err);
	}
	*s->obj = obj;

	err = skel_find_maps(s->name, obj, s->map_cnt, s->map_skel_sz, s->maps);
	if (!err)
		err = skel_find_progs(s->name, obj, s->prog_cnt, s->prog_skel_sz,
				      s->progs);
	if (err)
		return util_err(err);	/* destroy_skeleton closes the object */

	/* Before load the pointers give access to the initial values. */
	skel_set_mmaped(s);
	return 0;
}

int bpf_object__load_skeleton(struct bpf_object_skeleton *s)
{
	int err;

	err = skel_check(s);
	if (err)
		return util_err(err);
	if (!*s->obj) {
		pr_warn("skel: '%s': load before a successful open\n", s->name);
		return util_err(-EINVAL);
	}
	err = bpf_object__load(*s->obj);
	if (err) {
		err = err < 0 ? err : -EINVAL;
		pr_warn("skel: '%s': failed to load the object: %s\n",
			s->name, util_errstr(err));
		return util_err(err);
	}
	/* After load they point into the kernel maps' mmap()ed memory. */
	skel_set_mmaped(s);
	return 0;
}

/*
 * Does skeleton attach try this program?  Not for sections without an
 * automatic attachment (socket, xdp, struct_ops, ...), nor for those that
 * need a target in the section name and have none (bare SEC("kprobe"),
 * SEC("tp"), SEC("uprobe"), ...).  Custom handlers decide by themselves.
 */
static bool skel_prog_autoattachable(const struct bpf_program *prog)
{
	const struct sec_def *def = obj_prog_sec_def(prog);

	if (!def)
		return false;
	if (def->custom)
		return def->prog_attach_fn != NULL;
	switch (def->attach_kind) {
	case SEC_ATTACH_NONE:
	case SEC_ATTACH_STRUCT_OPS:
		return false;
	case SEC_ATTACH_TRACE:
	case SEC_ATTACH_LSM:
	case SEC_ATTACH_ITER:
		return true;	/* the target comes from BTF or the program */
	default:
		return obj_prog_sec_arg(prog)[0] != '\0';
	}
}

static int skel_attach_progs(struct bpf_object_skeleton *s)
{
	int i, err;

	for (i = 0; i < s->prog_cnt; i++) {
		struct bpf_prog_skeleton *p = skel_prog_at(s->progs, s->prog_skel_sz, i);
		struct bpf_program *prog = *p->prog;

		if (!p->link || *p->link)
			continue;	/* no slot, or attached by the user */
		if (!bpf_program__autoload(prog) || !bpf_program__autoattach(prog))
			continue;
		if (!skel_prog_autoattachable(prog)) {
			pr_debug("skel: '%s': prog '%s': no auto-attach for SEC(\"%s\"), skipped\n",
				 s->name, bpf_program__name(prog),
				 bpf_program__section_name(prog));
			continue;
		}

		*p->link = bpf_program__attach(prog);
		if (*p->link)
			continue;
		err = -errno;
		/* A custom handler may decline with "no link": not an error here. */
		if (err == -EOPNOTSUPP && obj_prog_sec_def(prog)->custom) {
			pr_debug("skel: '%s': prog '%s': custom handler did not attach, skipped\n",
				 s->name, bpf_program__name(prog));
			continue;
		}
		pr_warn("skel: '%s': prog '%s': failed to auto-attach: %s\n",
			s->name, bpf_program__name(prog), util_errstr(err));
		return err;
	}
	return 0;
}

static int skel_attach_struct_ops(struct bpf_object_skeleton *s)
{
	bool has_link = SKEL_HAS(s->map_skel_sz, bpf_map_skeleton, link);
	int i, err;

	for (i = 0; i < s->map_cnt; i++) {
		struct bpf_map_skeleton *m = skel_map_at(s->maps, s->map_skel_sz, i);
		struct bpf_map *map = *m->map;

		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		if (!bpf_map__autocreate(map) || !bpf_map__autoattach(map))
			continue;
		if (!has_link) {
			pr_warn("skel: '%s': map '%s': skeleton from a generator without map links, not attaching struct_ops\n",
				s->name, bpf_map__name(map));
			continue;
		}
		if (!m->link || *m->link)
			continue;

		*m->link = bpf_map__attach_struct_ops(map);
		if (!*m->link) {
			err = -errno;
			pr_warn("skel: '%s': map '%s': failed to auto-attach: %s\n",
				s->name, bpf_map__name(map), util_errstr(err));
			return err;
		}
	}
	return 0;
}

int bpf_object__attach_skeleton(struct bpf_object_skeleton *s)
{
	int err;

	err = skel_check(s);
	if (err)
		return util_err(err);
	if (!*s->obj) {
		pr_warn("skel: '%s': attach before a successful open and load\n",
			s->name);
		return util_err(-EINVAL);
	}
	err = skel_attach_progs(s);
	if (!err)
		err = skel_attach_struct_ops(s);
	return util_err(err);
}

void bpf_object__detach_skeleton(struct bpf_object_skeleton *s)
{
	bool has_link;
	int i;

	if (!s || s->sz < SKEL_OBJ_MIN_SZ)
		return;
	has_link = SKEL_HAS(s->map_skel_sz, bpf_map_skeleton, link);

	for (i = 0; s->progs && i < s->prog_cnt; i++) {
		struct bpf_prog_skeleton *p = skel_prog_at(s->progs, s->prog_skel_sz, i);

		if (!p->link)
			continue;
		bpf_link__destroy(*p->link);
		*p->link = NULL;
	}
	for (i = 0; has_link && s->maps && i < s->map_cnt; i++) {
		struct bpf_map_skeleton *m = skel_map_at(s->maps, s->map_skel_sz, i);

		if (!m->link)
			continue;
		bpf_link__destroy(*m->link);
		*m->link = NULL;
	}
}

/* Also called by generated code on a half-built skeleton (allocation failure). */
void bpf_object__destroy_skeleton(struct bpf_object_skeleton *s)
{
	if (!s)
		return;
	bpf_object__detach_skeleton(s);
	if (s->sz >= SKEL_OBJ_MIN_SZ && s->obj && *s->obj) {
		bpf_object__close(*s->obj);
		*s->obj = NULL;
	}
	free(s->maps);
	free(s->progs);
	free(s);
}
