// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * CO-RE from the command line:
 *  - "core check OBJ [btf FILE]" (a bpfkit extension): every CO-RE
 *    relocation of an object and what it becomes against the running
 *    kernel's BTF or FILE, without loading anything;
 *  - "gen min_core_btf IN OUT OBJ...": a BTF holding only the types and
 *    members the objects' relocations use in IN, so that it can ship with
 *    the objects as their btf_custom_path.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "main.h"
#include "btf/btf_ext.h"
#include "core/core.h"
#include "core/objfile.h"

int gen_do_min_core_btf(int argc, char **argv);

/* ---------------------------------------------------------------- */
/* core check                                                        */
/* ---------------------------------------------------------------- */

struct check_out {
	int total;
	int errors;
	const char *obj;
	bool header;
};

static const char *rec_status(const struct core_check_rec *r)
{
	if (r->err)
		return "error";
	if (r->poisoned)
		return "unresolved";
	if (r->found)
		return "resolved";
	if (r->kind == BPF_CORE_TYPE_ID_LOCAL)
		return "local";
	return "absent";
}

static int check_rec_json(const struct core_check_rec *r, void *ctx)
{
	struct check_out *o = ctx;

	o->total++;
	o->errors += !!r->err;
	jsonw_start_object(json_wtr);
	jsonw_string_field(json_wtr, "section", r->sec);
	jsonw_uint_field(json_wtr, "insn_off", r->insn_off);
	jsonw_uint_field(json_wtr, "insn_idx", r->insn_idx);
	if (r->prog)
		jsonw_string_field(json_wtr, "prog", r->prog);
	else
		jsonw_null_field(json_wtr, "prog");
	if (r->line)
		jsonw_string_field(json_wtr, "line", r->line);
	jsonw_string_field(json_wtr, "kind", core_relo_kind_str(r->kind));
	jsonw_string_field(json_wtr, "access", r->access);
	jsonw_string_field(json_wtr, "status", rec_status(r));
	if (!r->err) {
		jsonw_lluint_field(json_wtr, "orig_val", r->orig_val);
		jsonw_lluint_field(json_wtr, "new_val", r->new_val);
	}
	if (r->found) {
		jsonw_uint_field(json_wtr, "target_type_id", r->targ_id);
		jsonw_string_field(json_wtr, "target_access",
				   r->targ_access ? r->targ_access : "");
	}
	if (r->err)
		jsonw_int_field(json_wtr, "errno", -r->err);
	if (r->reason && r->reason[0])
		jsonw_string_field(json_wtr, "reason", r->reason);
	jsonw_end_object(json_wtr);
	return 0;
}

static int check_rec_plain(const struct core_check_rec *r, void *ctx)
{
	struct check_out *o = ctx;

	if (!o->header) {
		printf("%s: CO-RE relocations against %s\n", o->obj, r->target);
		o->header = true;
	}
	o->total++;
	o->errors += !!r->err;
	printf("%s+%u (insn #%zu, prog '%s') %s\n", r->sec, r->insn_off,
	       r->insn_idx, r->prog ? r->prog : "?",
	       r->line ? r->line : "(no line info)");
	printf("    %s %s\n", core_relo_kind_str(r->kind),
	       r->access[0] ? r->access : "(unparsed)");
	if (r->err)
		printf("    ERROR %s: %s\n", strerror(-r->err), r->reason);
	else if (r->poisoned)
		printf("    UNRESOLVED (instruction poisoned): %s\n", r->reason);
	else if (r->found)
		printf("    %llu -> %llu  target [%u]: %s\n",
		       (unsigned long long)r->orig_val,
		       (unsigned long long)r->new_val, r->targ_id,
		       r->targ_access ? r->targ_access : "");
	else if (r->kind == BPF_CORE_TYPE_ID_LOCAL)
		printf("    %llu -> %llu  (local type id)\n",
		       (unsigned long long)r->orig_val,
		       (unsigned long long)r->new_val);
	else
		printf("    %llu -> %llu  absent in target: %s\n",
		       (unsigned long long)r->orig_val,
		       (unsigned long long)r->new_val, r->reason);
	return 0;
}

static int do_check(int argc, char **argv)
{
	struct check_out o = { 0 };
	const char *obj, *btf_path = NULL;
	struct core_obj *cobj;
	int ret;

	if (!REQ_ARGS(1))
		usage();
	obj = GET_ARG();
	while (argc) {
		if (is_prefix(*argv, "btf")) {
			NEXT_ARG();
			if (!REQ_ARGS(1))
				return -1;
			btf_path = GET_ARG();
		} else {
			p_err("unknown arg %s", *argv);
			return -1;
		}
	}
	if (access(obj, R_OK)) {
		p_err("can't open '%s': %s", obj, strerror(errno));
		return -1;
	}
	if (btf_path && access(btf_path, R_OK)) {
		p_err("can't open BTF '%s': %s", btf_path, strerror(errno));
		return -1;
	}
	/* Refuse bad input before any output: one JSON document either way. */
	ret = core_obj_open(obj, &cobj);
	if (ret) {
		p_err("failed to check CO-RE relocations of '%s': %s", obj,
		      strerror(-ret));
		return -1;
	}
	core_obj_close(cobj);
	if (btf_path) {
		struct btf *b = btf__parse(btf_path, NULL);

		if (!b) {
			p_err("failed to check CO-RE relocations of '%s': BTF '%s': %s",
			      obj, btf_path, strerror(errno));
			return -1;
		}
		btf__free(b);
	}
	o.obj = obj;
	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "object", obj);
		jsonw_string_field(json_wtr, "target",
				   btf_path ? btf_path : "/sys/kernel/btf/vmlinux");
		jsonw_name(json_wtr, "relocations");
		jsonw_start_array(json_wtr);
		ret = core_check_object_cb(obj, btf_path, check_rec_json, &o);
		jsonw_end_array(json_wtr);
		if (ret >= 0) {
			jsonw_int_field(json_wtr, "total", o.total);
			jsonw_int_field(json_wtr, "unresolved", ret);
		}
		jsonw_end_object(json_wtr);
		/* An error object after this one would not parse: say it on stderr. */
		if (ret < 0) {
			fprintf(stderr, "Error: failed to check CO-RE relocations of '%s': %s\n",
				obj, strerror(-ret));
			return -1;
		}
	} else {
		ret = core_check_object_cb(obj, btf_path, check_rec_plain, &o);
		if (ret < 0) {
			p_err("failed to check CO-RE relocations of '%s': %s",
			      obj, strerror(-ret));
			return -1;
		}
		if (!o.total)
			printf("%s: no CO-RE relocations\n", obj);
		else
			printf("%d relocation%s, %d unresolved\n", o.total,
			       o.total == 1 ? "" : "s", ret);
	}
	/*
	 * Poisoned instructions are normal (code guarded by
	 * bpf_core_field_exists() and friends); records the loader would
	 * refuse outright make the check fail.
	 */
	return o.errors ? -1 : 0;
}

static int do_core_help(int argc, char **argv)
{
	if (json_output) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr,
		"Usage: %1$s %2$s check OBJ [btf FILE]\n"
		"       %1$s %2$s help\n"
		"\n"
		"       " HELP_SPEC_OPTIONS " }\n",
		bin_name, "core");
	return 0;
}

static const struct cmd core_cmds[] = {
	{ "check",	do_check },
	{ "help",	do_core_help },
	{ 0 }
};

int do_core(int argc, char **argv)
{
	return cmd_select(core_cmds, argc, argv, do_core_help);
}

/* ---------------------------------------------------------------- */
/* gen min_core_btf                                                  */
/* ---------------------------------------------------------------- */

/*
 * What to keep of the source BTF: whole types, and for structs and unions
 * a bitmap of members.  Members not used by any relocation are dropped;
 * the sizes and offsets of those kept stay as in the source, which is all
 * CO-RE looks at.
 */
struct keep_set {
	const struct btf *src;
	__u32 n;		/* type count of src */
	bool *type;
	unsigned char **member;	/* per type, vlen bytes, or NULL */
};

static int keep_member(struct keep_set *k, __u32 id, int idx)
{
	const struct btf_type *t = btf__type_by_id(k->src, id);

	if (!t || idx < 0 || idx >= btf_vlen(t))
		return -EINVAL;
	if (!k->member[id]) {
		k->member[id] = calloc(btf_vlen(t), 1);
		if (!k->member[id])
			return -ENOMEM;
	}
	k->member[id][idx] = 1;
	return 0;
}

static int keep_cb(const struct btf *btf, __u32 id, int member, void *ctx)
{
	struct keep_set *k = ctx;
	const struct btf_type *t;

	if (btf != k->src)
		return 0;	/* a module's type: not part of IN */
	if (!id || id >= k->n)
		return 0;
	k->type[id] = true;
	t = btf__type_by_id(btf, id);
	if (member >= 0 && t && (btf_is_struct(t) || btf_is_union(t)))
		return keep_member(k, id, member);
	return 0;
}

/*
 * Types kept ones depend on to be valid BTF: what a typedef, modifier or
 * array names, the types of kept members.  Pointers are kept but their
 * target only if used elsewhere (it becomes void otherwise).
 */
static void keep_closure(struct keep_set *k)
{
	bool changed = true;
	__u32 id;
	int i;

	while (changed) {
		changed = false;
		for (id = 1; id < k->n; id++) {
			const struct btf_type *t = btf__type_by_id(k->src, id);
			__u32 refs[2] = { 0, 0 };

			if (!k->type[id])
				continue;
			switch (btf_kind(t)) {
			case BTF_KIND_TYPEDEF:
			case BTF_KIND_CONST:
			case BTF_KIND_VOLATILE:
			case BTF_KIND_RESTRICT:
			case BTF_KIND_TYPE_TAG:
				refs[0] = t->type;
				break;
			case BTF_KIND_ARRAY:
				refs[0] = btf_array(t)->type;
				refs[1] = btf_array(t)->index_type;
				break;
			case BTF_KIND_STRUCT:
			case BTF_KIND_UNION:
				if (!k->member[id])
					break;
				for (i = 0; i < btf_vlen(t); i++) {
					__u32 m = btf_members(t)[i].type;

					if (k->member[id][i] && m < k->n && !k->type[m]) {
						k->type[m] = true;
						changed = true;
					}
				}
				break;
			default:
				break;
			}
			for (i = 0; i < 2; i++) {
				if (refs[i] && refs[i] < k->n && !k->type[refs[i]]) {
					k->type[refs[i]] = true;
					changed = true;
				}
			}
		}
	}
}

static int mark_object(struct keep_set *k, struct core_target *t,
		       const char *path)
{
	const struct btf_ext_info_sec *secs;
	struct core_result *res;
	struct core_failure why;
	struct core_obj *obj;
	__u32 cnt = 0, i, j;
	int err;

	err = core_obj_open(path, &obj);
	if (err) {
		p_err("failed to parse BPF object '%s': %s", path, strerror(-err));
		return err;
	}
	if (!obj->ext || btf_ext_sections(obj->ext, BTF_EXT_CORE_RELO, &secs, &cnt)) {
		core_obj_close(obj);
		return 0;
	}
	res = calloc(1, sizeof(*res));
	if (!res) {
		core_obj_close(obj);
		return -ENOMEM;
	}
	for (i = 0; i < cnt && !err; i++) {
		if (secs[i].rec_size < sizeof(struct bpf_core_relo)) {
			p_err("error recording relocations for %s: malformed CO-RE records",
			      path);
			err = -EINVAL;
			break;
		}
		for (j = 0; j < secs[i].num_info && !err; j++) {
			struct bpf_core_relo r;

			memcpy(&r, (const char *)secs[i].data +
			       (size_t)j * secs[i].rec_size, sizeof(r));
			if (r.kind == BPF_CORE_TYPE_ID_LOCAL)
				continue;
			memset(res, 0, sizeof(*res));
			err = core_calc_relo(t, obj->btf, &r, res, &why);
			if (err) {
				p_err("error recording relocations for %s: %s",
				      path, why.reason[0] ? why.reason : strerror(-err));
				break;
			}
			/* Unsatisfiable in IN: nothing to keep for it. */
			if (!res->found)
				continue;
			err = core_spec_walk(&res->targ_spec, keep_cb, k);
			if (err)
				p_err("error recording relocations for %s: %s",
				      path, strerror(-err));
		}
	}
	free(res);
	core_obj_close(obj);
	return err;
}

/* Copies the kept types of k->src into a new BTF, ids renumbered densely. */
static struct btf *build_min_btf(struct keep_set *k)
{
	__u32 *map, id, new_cnt = 1;
	struct btf *dst;
	int i, err = 0;

	map = calloc(k->n, sizeof(*map));
	dst = btf__new_empty();
	if (!map || !dst)
		goto fail;
	for (id = 1; id < k->n; id++)
		if (k->type[id])
			map[id] = new_cnt++;

	/* Pass 1: the types, with type references still pointing into src. */
	for (id = 1; id < k->n && !err; id++) {
		const struct btf_type *t = btf__type_by_id(k->src, id);

		if (!k->type[id])
			continue;
		if (btf_is_struct(t) || btf_is_union(t)) {
			const char *name = btf__name_by_offset(k->src, t->name_off);

			err = btf_is_struct(t) ? btf__add_struct(dst, name, t->size)
					       : btf__add_union(dst, name, t->size);
			for (i = 0; err >= 0 && k->member[id] && i < btf_vlen(t); i++) {
				const struct btf_member *m = btf_members(t) + i;

				if (!k->member[id][i])
					continue;
				err = btf__add_field(dst,
						     btf__name_by_offset(k->src, m->name_off),
						     0, btf_member_bit_offset(t, i),
						     btf_member_bitfield_size(t, i));
			}
		} else {
			err = btf__add_type(dst, k->src, t);
		}
		err = err < 0 ? err : 0;
	}
	if (err)
		goto fail;

	/* Pass 2: point every reference at the new ids (dropped ones: void). */
	for (id = 1; id < k->n; id++) {
		const struct btf_type *st = btf__type_by_id(k->src, id);
		struct btf_type *nt;

		if (!k->type[id])
			continue;
		nt = (struct btf_type *)btf__type_by_id(dst, map[id]);
		if (btf_is_struct(st) || btf_is_union(st)) {
			struct btf_member *nm = btf_members(nt);

			for (i = 0; k->member[id] && i < btf_vlen(st); i++) {
				__u32 ref = btf_members(st)[i].type;

				if (k->member[id][i])
					(nm++)->type = ref < k->n ? map[ref] : 0;
			}
			continue;
		}
		switch (btf_kind(st)) {
		case BTF_KIND_PTR:
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_CONST:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
		case BTF_KIND_FUNC:
		case BTF_KIND_VAR:
		case BTF_KIND_DECL_TAG:
			nt->type = st->type < k->n ? map[st->type] : 0;
			break;
		case BTF_KIND_ARRAY:
			btf_array(nt)->type = map[btf_array(st)->type];
			btf_array(nt)->index_type = map[btf_array(st)->index_type];
			break;
		case BTF_KIND_FUNC_PROTO:
			nt->type = st->type < k->n ? map[st->type] : 0;
			for (i = 0; i < btf_vlen(st); i++) {
				__u32 ref = btf_params(st)[i].type;

				btf_params(nt)[i].type = ref < k->n ? map[ref] : 0;
			}
			break;
		default:
			break;
		}
	}
	free(map);
	return dst;
fail:
	free(map);
	btf__free(dst);
	return NULL;
}

static int write_file(const char *path, const void *data, __u32 size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	n = write(fd, data, size);
	if (n != (ssize_t)size) {
		int err = n < 0 ? -errno : -EIO;

		close(fd);
		unlink(path);
		return err;
	}
	if (close(fd)) {
		unlink(path);
		return -errno;
	}
	return 0;
}

int gen_do_min_core_btf(int argc, char **argv)
{
	struct keep_set k = { 0 };
	struct core_target *t = NULL;
	const char *in, *out;
	struct btf *dst = NULL;
	const void *raw;
	__u32 raw_sz, id;
	int err = -1;

	if (!REQ_ARGS(3))
		usage();
	in = GET_ARG();
	out = GET_ARG();
	if (access(in, R_OK)) {
		p_err("failed parsing '%s' BTF file: %s", in, strerror(errno));
		return -1;
	}
	t = core_target_get(in, NULL);
	if (!t) {
		p_err("failed parsing '%s' BTF file: %s", in, strerror(errno));
		return -1;
	}
	k.src = core_target_btf(t);
	k.n = btf__type_cnt(k.src);
	k.type = calloc(k.n, sizeof(*k.type));
	k.member = calloc(k.n, sizeof(*k.member));
	if (!k.type || !k.member) {
		p_err("out of memory");
		goto out;
	}
	while (argc) {
		const char *obj = GET_ARG();

		if (mark_object(&k, t, obj))
			goto out;
	}
	keep_closure(&k);
	dst = build_min_btf(&k);
	if (!dst) {
		p_err("failed to build the minimized BTF: %s", strerror(errno));
		goto out;
	}
	raw = btf__raw_data(dst, &raw_sz);
	if (!raw) {
		p_err("failed to encode the minimized BTF: %s", strerror(errno));
		goto out;
	}
	err = write_file(out, raw, raw_sz);
	if (err) {
		p_err("failed to write BTF file '%s': %s", out, strerror(-err));
		err = -1;
		goto out;
	}
	err = 0;
out:
	for (id = 0; k.member && id < k.n; id++)
		free(k.member[id]);
	free(k.member);
	free(k.type);
	btf__free(dst);
	core_target_put(t);
	return err;
}
