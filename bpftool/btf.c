// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * The btf family: show/list loaded BTF objects with the programs and maps
 * using them, and dump BTF from the kernel, a map, a program or a file,
 * either raw (one "[ID] KIND 'name' ..." entry per type) or as C through
 * btf_dump (the vmlinux.h layout).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio_ext.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "pids.h"

static const char *const kind_names[] = {
	[BTF_KIND_UNKN] = "UNKNOWN",	[BTF_KIND_INT] = "INT",
	[BTF_KIND_PTR] = "PTR",		[BTF_KIND_ARRAY] = "ARRAY",
	[BTF_KIND_STRUCT] = "STRUCT",	[BTF_KIND_UNION] = "UNION",
	[BTF_KIND_ENUM] = "ENUM",	[BTF_KIND_FWD] = "FWD",
	[BTF_KIND_TYPEDEF] = "TYPEDEF",	[BTF_KIND_VOLATILE] = "VOLATILE",
	[BTF_KIND_CONST] = "CONST",	[BTF_KIND_RESTRICT] = "RESTRICT",
	[BTF_KIND_FUNC] = "FUNC",	[BTF_KIND_FUNC_PROTO] = "FUNC_PROTO",
	[BTF_KIND_VAR] = "VAR",		[BTF_KIND_DATASEC] = "DATASEC",
	[BTF_KIND_FLOAT] = "FLOAT",	[BTF_KIND_DECL_TAG] = "DECL_TAG",
	[BTF_KIND_TYPE_TAG] = "TYPE_TAG", [BTF_KIND_ENUM64] = "ENUM64",
};

static const char *kind_name(__u16 kind)
{
	if (kind < sizeof(kind_names) / sizeof(kind_names[0]) && kind_names[kind])
		return kind_names[kind];
	return "UNKNOWN";
}

static const char *int_encoding(__u8 enc)
{
	switch (enc) {
	case 0: return "(none)";
	case BTF_INT_SIGNED: return "SIGNED";
	case BTF_INT_CHAR: return "CHAR";
	case BTF_INT_BOOL: return "BOOL";
	default: return "UNKN";
	}
}

static const char *func_linkage(__u16 l)
{
	switch (l) {
	case BTF_FUNC_STATIC: return "static";
	case BTF_FUNC_GLOBAL: return "global";
	case BTF_FUNC_EXTERN: return "extern";
	default: return "(unknown)";
	}
}

static const char *var_linkage(__u32 l)
{
	switch (l) {
	case BTF_VAR_STATIC: return "static";
	case BTF_VAR_GLOBAL_ALLOCATED: return "global";
	case BTF_VAR_GLOBAL_EXTERN: return "extern";
	default: return "(unknown)";
	}
}

static int do_help(int argc, char **argv)
{
	if (json_output) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr,
		"Usage: %1$s %2$s { show | list } [id BTF_ID]\n"
		"       %1$s %2$s dump BTF_SRC [format FORMAT] [root_id ROOT_ID]\n"
		"       %1$s %2$s help\n"
		"\n"
		"       BTF_SRC := { id BTF_ID | prog PROG | map MAP [{key | value | kv | all}] | file FILE }\n"
		"       FORMAT  := { raw | c }\n"
		"       " HELP_SPEC_MAP "\n"
		"       " HELP_SPEC_PROGRAM "\n"
		"       " HELP_SPEC_OPTIONS " |\n"
		"                    {-B|--base-btf} }\n",
		bin_name, "btf");
	return 0;
}

/* ---- raw dump --------------------------------------------------------------- */

static const char *name_or_anon(const struct btf *btf, __u32 off)
{
	const char *s = off ? btf__name_by_offset(btf, off) : NULL;

	return s && *s ? s : "(anon)";
}

static void raw_type_json(const struct btf *btf, __u32 id, const struct btf_type *t)
{
	json_writer_t *w = json_wtr;
	__u16 kind = btf_kind(t), vlen = btf_vlen(t), i;

	jsonw_start_object(w);
	jsonw_uint_field(w, "id", id);
	jsonw_string_field(w, "kind", kind_name(kind));
	jsonw_string_field(w, "name", name_or_anon(btf, t->name_off));
	switch (kind) {
	case BTF_KIND_INT:
		jsonw_uint_field(w, "size", t->size);
		jsonw_uint_field(w, "bits_offset", btf_int_offset(t));
		jsonw_uint_field(w, "nr_bits", btf_int_bits(t));
		jsonw_string_field(w, "encoding", int_encoding(btf_int_encoding(t)));
		break;
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_TYPE_TAG:
		jsonw_uint_field(w, "type_id", t->type);
		break;
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);

		jsonw_uint_field(w, "type_id", a->type);
		jsonw_uint_field(w, "index_type_id", a->index_type);
		jsonw_uint_field(w, "nr_elems", a->nelems);
		break;
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		const struct btf_member *m = btf_members(t);

		jsonw_uint_field(w, "size", t->size);
		jsonw_uint_field(w, "vlen", vlen);
		jsonw_name(w, "members");
		jsonw_start_array(w);
		for (i = 0; i < vlen; i++) {
			__u32 bsz = btf_member_bitfield_size(t, i);

			jsonw_start_object(w);
			jsonw_string_field(w, "name", name_or_anon(btf, m[i].name_off));
			jsonw_uint_field(w, "type_id", m[i].type);
			jsonw_uint_field(w, "bits_offset", btf_member_bit_offset(t, i));
			if (bsz)
				jsonw_uint_field(w, "bitfield_size", bsz);
			jsonw_end_object(w);
		}
		jsonw_end_array(w);
		break;
	}
	case BTF_KIND_ENUM: {
		const struct btf_enum *e = btf_enum(t);

		jsonw_string_field(w, "encoding", btf_kflag(t) ? "SIGNED" : "UNSIGNED");
		jsonw_uint_field(w, "size", t->size);
		jsonw_uint_field(w, "vlen", vlen);
		jsonw_name(w, "values");
		jsonw_start_array(w);
		for (i = 0; i < vlen; i++) {
			jsonw_start_object(w);
			jsonw_string_field(w, "name", name_or_anon(btf, e[i].name_off));
			if (btf_kflag(t))
				jsonw_int_field(w, "val", e[i].val);
			else
				/* widened as a signed int, like the reference */
				jsonw_uint_field(w, "val", (__u64)(__s64)e[i].val);
			jsonw_end_object(w);
		}
		jsonw_end_array(w);
		break;
	}
	case BTF_KIND_ENUM64: {
		const struct btf_enum64 *e = btf_enum64(t);

		jsonw_string_field(w, "encoding", btf_kflag(t) ? "SIGNED" : "UNSIGNED");
		jsonw_uint_field(w, "size", t->size);
		jsonw_uint_field(w, "vlen", vlen);
		jsonw_name(w, "values");
		jsonw_start_array(w);
		for (i = 0; i < vlen; i++) {
			__u64 v = btf_enum64_value(&e[i]);

			jsonw_start_object(w);
			jsonw_string_field(w, "name", name_or_anon(btf, e[i].name_off));
			if (btf_kflag(t))
				jsonw_int_field(w, "val", (__s64)v);
			else
				jsonw_uint_field(w, "val", v);
			jsonw_end_object(w);
		}
		jsonw_end_array(w);
		break;
	}
	case BTF_KIND_FWD:
		jsonw_string_field(w, "fwd_kind", btf_kflag(t) ? "union" : "struct");
		break;
	case BTF_KIND_FUNC:
		jsonw_uint_field(w, "type_id", t->type);
		jsonw_string_field(w, "linkage", func_linkage(vlen));
		break;
	case BTF_KIND_FUNC_PROTO: {
		const struct btf_param *p = btf_params(t);

		jsonw_uint_field(w, "ret_type_id", t->type);
		jsonw_uint_field(w, "vlen", vlen);
		jsonw_name(w, "params");
		jsonw_start_array(w);
		for (i = 0; i < vlen; i++) {
			jsonw_start_object(w);
			jsonw_string_field(w, "name", name_or_anon(btf, p[i].name_off));
			jsonw_uint_field(w, "type_id", p[i].type);
			jsonw_end_object(w);
		}
		jsonw_end_array(w);
		break;
	}
	case BTF_KIND_VAR:
		jsonw_uint_field(w, "type_id", t->type);
		jsonw_string_field(w, "linkage", var_linkage(btf_var(t)->linkage));
		break;
	case BTF_KIND_DATASEC: {
		const struct btf_var_secinfo *v = btf_var_secinfos(t);

		jsonw_uint_field(w, "size", t->size);
		jsonw_uint_field(w, "vlen", vlen);
		jsonw_name(w, "vars");
		jsonw_start_array(w);
		for (i = 0; i < vlen; i++) {
			jsonw_start_object(w);
			jsonw_uint_field(w, "type_id", v[i].type);
			jsonw_uint_field(w, "offset", v[i].offset);
			jsonw_uint_field(w, "size", v[i].size);
			jsonw_end_object(w);
		}
		jsonw_end_array(w);
		break;
	}
	case BTF_KIND_FLOAT:
		jsonw_uint_field(w, "size", t->size);
		break;
	case BTF_KIND_DECL_TAG:
		jsonw_uint_field(w, "type_id", t->type);
		jsonw_int_field(w, "component_idx", btf_decl_tag(t)->component_idx);
		break;
	default:
		break;
	}
	jsonw_end_object(w);
}

static void raw_type_plain(const struct btf *btf, __u32 id, const struct btf_type *t)
{
	__u16 kind = btf_kind(t), vlen = btf_vlen(t), i;
	FILE *o = stdout;

	fprintf(o, "[%u] %s '%s'", id, kind_name(kind), name_or_anon(btf, t->name_off));
	switch (kind) {
	case BTF_KIND_INT:
		fprintf(o, " size=%u bits_offset=%u nr_bits=%u encoding=%s", t->size,
			btf_int_offset(t), btf_int_bits(t),
			int_encoding(btf_int_encoding(t)));
		break;
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_TYPE_TAG:
		fprintf(o, " type_id=%u", t->type);
		break;
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);

		fprintf(o, " type_id=%u index_type_id=%u nr_elems=%u", a->type,
			a->index_type, a->nelems);
		break;
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		const struct btf_member *m = btf_members(t);

		fprintf(o, " size=%u vlen=%u", t->size, vlen);
		for (i = 0; i < vlen; i++) {
			__u32 bsz = btf_member_bitfield_size(t, i);

			fprintf(o, "\n\t'%s' type_id=%u bits_offset=%u",
				name_or_anon(btf, m[i].name_off), m[i].type,
				btf_member_bit_offset(t, i));
			if (bsz)
				fprintf(o, " bitfield_size=%u", bsz);
		}
		break;
	}
	case BTF_KIND_ENUM: {
		const struct btf_enum *e = btf_enum(t);

		fprintf(o, " encoding=%s size=%u vlen=%u",
			btf_kflag(t) ? "SIGNED" : "UNSIGNED", t->size, vlen);
		for (i = 0; i < vlen; i++)
			fprintf(o, btf_kflag(t) ? "\n\t'%s' val=%d" : "\n\t'%s' val=%u",
				name_or_anon(btf, e[i].name_off), e[i].val);
		break;
	}
	case BTF_KIND_ENUM64: {
		const struct btf_enum64 *e = btf_enum64(t);

		fprintf(o, " encoding=%s size=%u vlen=%u",
			btf_kflag(t) ? "SIGNED" : "UNSIGNED", t->size, vlen);
		for (i = 0; i < vlen; i++)
			fprintf(o, btf_kflag(t) ? "\n\t'%s' val=%lldLL" : "\n\t'%s' val=%lluULL",
				name_or_anon(btf, e[i].name_off),
				(unsigned long long)btf_enum64_value(&e[i]));
		break;
	}
	case BTF_KIND_FWD:
		fprintf(o, " fwd_kind=%s", btf_kflag(t) ? "union" : "struct");
		break;
	case BTF_KIND_FUNC:
		fprintf(o, " type_id=%u linkage=%s", t->type, func_linkage(vlen));
		break;
	case BTF_KIND_FUNC_PROTO: {
		const struct btf_param *p = btf_params(t);

		fprintf(o, " ret_type_id=%u vlen=%u", t->type, vlen);
		for (i = 0; i < vlen; i++)
			fprintf(o, "\n\t'%s' type_id=%u", name_or_anon(btf, p[i].name_off),
				p[i].type);
		break;
	}
	case BTF_KIND_VAR:
		fprintf(o, " type_id=%u, linkage=%s", t->type,
			var_linkage(btf_var(t)->linkage));
		break;
	case BTF_KIND_DATASEC: {
		const struct btf_var_secinfo *v = btf_var_secinfos(t);

		fprintf(o, " size=%u vlen=%u", t->size, vlen);
		for (i = 0; i < vlen; i++) {
			const struct btf_type *vt = btf__type_by_id(btf, v[i].type);

			fprintf(o, "\n\ttype_id=%u offset=%u size=%u", v[i].type,
				v[i].offset, v[i].size);
			if (vt)
				fprintf(o, " (%s '%s')", kind_name(btf_kind(vt)),
					name_or_anon(btf, vt->name_off));
		}
		break;
	}
	case BTF_KIND_FLOAT:
		fprintf(o, " size=%u", t->size);
		break;
	case BTF_KIND_DECL_TAG:
		fprintf(o, " type_id=%u component_idx=%d", t->type,
			btf_decl_tag(t)->component_idx);
		break;
	default:
		break;
	}
	putc('\n', o);
}

static void raw_type(const struct btf *btf, __u32 id)
{
	static const struct btf_type void_type;
	const struct btf_type *t = id ? btf__type_by_id(btf, id) : &void_type;

	if (!t)
		return;
	if (json_output)
		raw_type_json(btf, id, t);
	else
		raw_type_plain(btf, id, t);
}

static void dump_raw(const struct btf *btf, const __u32 *roots, int nroots)
{
	const struct btf *base = btf__base_btf(btf);
	__u32 id, start = base ? btf__type_cnt(base) : 1, cnt = btf__type_cnt(btf);
	int i;

	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_name(json_wtr, "types");
		jsonw_start_array(json_wtr);
	}
	if (nroots) {
		for (i = 0; i < nroots; i++)
			raw_type(btf, roots[i]);
	} else {
		for (id = start; id < cnt; id++)
			raw_type(btf, id);
	}
	if (json_output) {
		jsonw_end_array(json_wtr);
		jsonw_end_object(json_wtr);
	}
}

/* ---- C dump ------------------------------------------------------------------ */

static void c_printf(void *ctx, const char *fmt, va_list ap)
{
	vfprintf(stdout, fmt, ap);
}

/* Without roots every type is emitted, a split BTF's base types included. */
static int dump_c(const struct btf *btf, const __u32 *roots, int nroots)
{
	__u32 id, start = 1, cnt = btf__type_cnt(btf);
	struct btf_dump *d;
	int i, err = 0;

	d = btf_dump__new(btf, c_printf, NULL, NULL);
	if (!d) {
		err = -errno;
		p_err("failed to create btf_dump: %s", strerror(errno));
		return err;
	}
	printf("#ifndef __VMLINUX_H__\n"
	       "#define __VMLINUX_H__\n"
	       "\n"
	       "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
	       "#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n"
	       "#endif\n"
	       "\n");
	if (nroots) {
		for (i = 0; i < nroots && !err; i++)
			err = btf_dump__dump_type(d, roots[i]);
	} else {
		for (id = start; id < cnt && !err; id++)
			err = btf_dump__dump_type(d, id);
	}
	printf("#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
	       "#pragma clang attribute pop\n"
	       "#endif\n"
	       "\n"
	       "#endif /* __VMLINUX_H__ */\n");
	btf_dump__free(d);
	return err;
}

/* ---- btf dump ---------------------------------------------------------------- */

static struct btf *load_base(void)
{
	struct btf *base;

	if (!base_btf_path)
		return NULL;
	base = btf__parse(base_btf_path, NULL);
	if (!base)
		p_err("failed to parse base BTF at '%s': %d\n", base_btf_path, -errno);
	return base;
}

static bool is_module_btf(int fd)
{
	struct bpf_btf_info info = {};
	__u32 len = sizeof(info);
	char name[64] = "";

	info.name = (__u64)(unsigned long)name;
	info.name_len = sizeof(name);
	if (bpf_btf_get_info_by_fd(fd, &info, &len))
		return false;
	return info.kernel_btf && strcmp(name, "vmlinux");
}

static int parse_u32(const char *s, __u32 *out, const char *what)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (!*s || *end || errno || v > UINT32_MAX) {
		p_err("can't parse %s as %s", s, what);
		return -1;
	}
	*out = v;
	return 0;
}

static int do_dump(int argc, char **argv)
{
	struct btf *btf = NULL, *base = NULL;
	__u32 roots[16], btf_id = 0;
	bool c_format = false, by_id = false;
	const char *src;
	int nroots = 0, err = -1, fd;

	if (!REQ_ARGS(2)) {
		usage();
		return -1;
	}
	src = GET_ARG();
	if (base_btf_path) {
		base = load_base();
		if (!base)
			return -1;
	}
	if (is_prefix(src, "map")) {
		struct bpf_map_info info = {};
		__u32 len = sizeof(info);

		if (!REQ_ARGS(2))
			usage();

		fd = map_parse_fd_and_info(&argc, &argv, &info, &len);
		if (fd < 0)
			goto out;
		close(fd);
		btf_id = info.btf_id;
		by_id = true;
		if (argc && is_prefix(*argv, "key")) {
			roots[nroots++] = info.btf_key_type_id;
			NEXT_ARG();
		} else if (argc && is_prefix(*argv, "value")) {
			roots[nroots++] = info.btf_value_type_id;
			NEXT_ARG();
		} else if (argc && is_prefix(*argv, "all")) {
			NEXT_ARG();
		} else {
			if (argc && is_prefix(*argv, "kv"))
				NEXT_ARG();
			roots[nroots++] = info.btf_key_type_id;
			roots[nroots++] = info.btf_value_type_id;
		}
	} else if (is_prefix(src, "prog")) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);

		if (!REQ_ARGS(2))
			usage();

		fd = prog_parse_fd(&argc, &argv);
		if (fd < 0)
			goto out;
		if (bpf_prog_get_info_by_fd(fd, &info, &len)) {
			p_err("can't get prog info: %s", strerror(errno));
			close(fd);
			goto out;
		}
		close(fd);
		btf_id = info.btf_id;
		by_id = true;
	} else if (is_prefix(src, "id")) {
		if (parse_u32(*argv, &btf_id, "ID"))
			goto out;
		NEXT_ARG();
		by_id = true;
	} else if (is_prefix(src, "file")) {
		const char *path = *argv;

		btf = btf__parse_split(path, base);
		if (!btf) {
			err = -errno;
			p_err("failed to load BTF from %s: %s", path, strerror(errno));
			goto out;
		}
		NEXT_ARG();
	} else {
		p_err("unrecognized BTF source specifier: '%s'", src);
		goto out;
	}

	while (argc) {
		if (is_prefix(*argv, "format")) {
			NEXT_ARG();
			if (argc < 1) {
				p_err("expecting value for 'format' option\n");
				err = -EINVAL;
				goto out;
			}
			if (!strcmp(*argv, "c")) {
				c_format = true;
			} else if (!strcmp(*argv, "raw")) {
				c_format = false;
			} else {
				p_err("unrecognized format specifier: '%s', possible values: raw, c",
				      *argv);
				err = -EINVAL;
				goto out;
			}
			NEXT_ARG();
		} else if (is_prefix(*argv, "root_id")) {
			__u32 id;

			NEXT_ARG();
			if (argc < 1) {
				p_err("expecting value for 'root_id' option\n");
				err = -EINVAL;
				goto out;
			}
			if (parse_u32(*argv, &id, "root type ID"))
				goto out;
			if (nroots == (int)(sizeof(roots) / sizeof(roots[0]))) {
				p_err("too many root types");
				goto out;
			}
			roots[nroots++] = id;
			NEXT_ARG();
		} else {
			p_err("unrecognized option: '%s'", *argv);
			err = -EINVAL;
			goto out;
		}
	}

	if (by_id) {
		fd = bpf_btf_get_fd_by_id(btf_id);
		if (fd < 0) {
			err = -errno;
			p_err("can't get BTF object by id (%u): %s", btf_id, strerror(errno));
			p_err("get btf by id (%u): %s", btf_id, strerror(-err));
			goto out;
		}
		/* a kernel module's BTF is split on top of vmlinux */
		if (!base && is_module_btf(fd)) {
			base = btf__load_vmlinux_btf();
			if (!base) {
				err = -errno;
				p_err("failed to load vmlinux BTF: %s", strerror(errno));
				close(fd);
				goto out;
			}
		}
		close(fd);
		btf = btf__load_from_kernel_by_id_split(btf_id, base);
		if (!btf) {
			err = -errno;
			p_err("get btf by id (%u): %s", btf_id, strerror(errno));
			goto out;
		}
	}
	for (fd = 0; fd < nroots; fd++) {
		if (roots[fd] >= btf__type_cnt(btf)) {
			p_err("invalid root ID: %u", roots[fd]);
			err = -EINVAL;
			goto out;
		}
	}

	/*
	 * One write() per buffer, not per line (main.c line-buffers stdout),
	 * and no stream lock per character: bpftool has a single thread.
	 */
	fflush(stdout);
	setvbuf(stdout, NULL, _IOFBF, 0);
	__fsetlocking(stdout, FSETLOCKING_BYCALLER);
	if (c_format) {
		if (json_output) {
			p_err("JSON output for C-syntax dump is not supported");
			err = -ENOTSUP;
		} else {
			err = dump_c(btf, roots, nroots);
		}
	} else {
		dump_raw(btf, roots, nroots);
		err = 0;
	}
	fflush(stdout);
	__fsetlocking(stdout, FSETLOCKING_INTERNAL);
	setvbuf(stdout, NULL, _IOLBF, 0);
out:
	btf__free(btf);
	btf__free(base);
	return err;
}

/* ---- btf show ---------------------------------------------------------------- */

/*
 * btf id -> ids of the programs (or maps) using it.  The reference lists
 * them in the order of libbpf's multimap (head insertion into buckets that
 * are rehashed on growth); the same discipline is kept here so that
 * `prog_ids` and `map_ids` come out in the same order.
 */
struct idtab_entry {
	__u32 key, val;
	int next;
};

struct idtab {
	struct idtab_entry *e;
	int *buckets;
	size_t sz, cap_bits, cap_e;
};

static size_t idtab_hash(__u32 key, size_t bits)
{
	if (!bits)
		return 0;
	return ((unsigned long long)key * 11400714819323198485llu) >> (64 - bits);
}

static int idtab_grow(struct idtab *t)
{
	size_t bits = t->cap_bits + 1, old = t->cap_bits ? 1ul << t->cap_bits : 0, b;
	int *nb, cur, next;

	if (bits < 2)
		bits = 2;
	nb = malloc(sizeof(int) << bits);
	if (!nb)
		return -1;
	memset(nb, 0xff, sizeof(int) << bits);
	for (b = 0; b < old; b++) {
		for (cur = t->buckets[b]; cur >= 0; cur = next) {
			size_t h = idtab_hash(t->e[cur].key, bits);

			next = t->e[cur].next;
			t->e[cur].next = nb[h];
			nb[h] = cur;
		}
	}
	free(t->buckets);
	t->buckets = nb;
	t->cap_bits = bits;
	return 0;
}

static int idtab_add(struct idtab *t, __u32 key, __u32 val)
{
	size_t cap = t->cap_bits ? 1ul << t->cap_bits : 0, h;

	if ((!cap || (t->sz + 1) * 4 / 3 > cap) && idtab_grow(t))
		return -1;
	if (t->sz == t->cap_e) {
		size_t n = t->cap_e ? t->cap_e * 2 : 64;
		struct idtab_entry *e = realloc(t->e, n * sizeof(*e));

		if (!e)
			return -1;
		t->e = e;
		t->cap_e = n;
	}
	h = idtab_hash(key, t->cap_bits);
	t->e[t->sz].key = key;
	t->e[t->sz].val = val;
	t->e[t->sz].next = t->buckets[h];
	t->buckets[h] = t->sz;
	t->sz++;
	return 0;
}

static void idtab_free(struct idtab *t)
{
	free(t->e);
	free(t->buckets);
}

/* Calls fn for each id listed under key, in the reference's order. */
#define idtab_for_each(t, k, idx)						\
	for (idx = (t)->cap_bits ? (t)->buckets[idtab_hash(k, (t)->cap_bits)] : -1; \
	     idx >= 0; idx = (t)->e[idx].next)					\
		if ((t)->e[idx].key == (k))

static int build_table(struct idtab *t, bool progs)
{
	__u32 id = 0;
	int fd, err;

	while (true) {
		err = progs ? bpf_prog_get_next_id(id, &id) : bpf_map_get_next_id(id, &id);
		if (err) {
			if (errno == ENOENT)
				return 0;
			p_err("failed to get next %s ID: %s", progs ? "prog" : "map",
			      strerror(errno));
			return -1;
		}
		fd = progs ? bpf_prog_get_fd_by_id(id) : bpf_map_get_fd_by_id(id);
		if (fd < 0) {
			if (errno == ENOENT)
				continue;
			p_err("failed to get %s by ID: %s", progs ? "prog" : "map",
			      strerror(errno));
			return -1;
		}
		if (progs) {
			struct bpf_prog_info info = {};
			__u32 len = sizeof(info);

			err = bpf_prog_get_info_by_fd(fd, &info, &len);
			if (!err && info.btf_id)
				err = idtab_add(t, info.btf_id, id);
		} else {
			struct bpf_map_info info = {};
			__u32 len = sizeof(info);

			err = bpf_map_get_info_by_fd(fd, &info, &len);
			if (!err && info.btf_id)
				err = idtab_add(t, info.btf_id, id);
		}
		close(fd);
		if (err) {
			p_err("failed to get %s info: %s", progs ? "prog" : "map",
			      strerror(errno));
			return -1;
		}
	}
}

struct show_ctx {
	struct idtab progs, maps;
	struct obj_refs_table *refs;
};

static void print_ids_plain(const struct idtab *t, __u32 btf_id, const char *label)
{
	bool first = true;
	int i;

	idtab_for_each(t, btf_id, i) {
		printf("%s%u", first ? label : ",", t->e[i].val);
		first = false;
	}
}

static void print_ids_json(const struct idtab *t, __u32 btf_id, const char *label)
{
	int i;

	jsonw_name(json_wtr, label);
	jsonw_start_array(json_wtr);
	idtab_for_each(t, btf_id, i)
		jsonw_uint(json_wtr, t->e[i].val);
	jsonw_end_array(json_wtr);
}

static int show_btf(int fd, struct show_ctx *c)
{
	struct bpf_btf_info info = {};
	__u32 len = sizeof(info);
	char name[64] = "";

	info.name = (__u64)(unsigned long)name;
	info.name_len = sizeof(name);
	if (bpf_btf_get_info_by_fd(fd, &info, &len)) {
		p_err("can't get BTF object info: %s", strerror(errno));
		return -1;
	}
	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_uint_field(json_wtr, "id", info.id);
		jsonw_uint_field(json_wtr, "size", info.btf_size);
		print_ids_json(&c->progs, info.id, "prog_ids");
		print_ids_json(&c->maps, info.id, "map_ids");
		obj_refs_print_json(c->refs, info.id);
		jsonw_bool_field(json_wtr, "kernel", info.kernel_btf);
		if (*name)
			jsonw_string_field(json_wtr, "name", name);
		jsonw_end_object(json_wtr);
		return 0;
	}
	printf("%u: ", info.id);
	if (info.kernel_btf)
		printf("name [%s]  ", name);
	else if (*name)
		printf("name %s  ", name);
	else
		printf("name <anon>  ");
	printf("size %uB", info.btf_size);
	print_ids_plain(&c->progs, info.id, "  prog_ids ");
	print_ids_plain(&c->maps, info.id, "  map_ids ");
	obj_refs_print_plain(c->refs, info.id, "\n\tpids ");
	printf("\n");
	return 0;
}

static int do_show(int argc, char **argv)
{
	struct show_ctx c = {};
	__u32 id = 0;
	int fd = -1, err = 0;

	if (argc == 2 && is_prefix(*argv, "id")) {
		NEXT_ARG();
		if (parse_u32(*argv, &id, "ID"))
			return -1;
		NEXT_ARG();
		fd = bpf_btf_get_fd_by_id(id);
		if (fd < 0) {
			p_err("can't get BTF object by id (%u): %s", id, strerror(errno));
			return -1;
		}
	} else if (argc) {
		return BAD_ARG();
	}
	if (build_table(&c.progs, true) || build_table(&c.maps, false)) {
		err = -1;
		goto out;
	}
	c.refs = obj_refs_build(BPF_OBJ_BTF);
	if (fd >= 0) {
		err = show_btf(fd, &c);
		goto out;
	}
	if (json_output)
		jsonw_start_array(json_wtr);
	id = 0;
	while (true) {
		if (bpf_btf_get_next_id(id, &id)) {
			if (errno != ENOENT) {
				p_err("can't get next BTF object: %s", strerror(errno));
				err = -1;
			}
			break;
		}
		fd = bpf_btf_get_fd_by_id(id);
		if (fd < 0) {
			if (errno == ENOENT)
				continue;
			p_err("can't get BTF object by id (%u): %s", id, strerror(errno));
			err = -1;
			break;
		}
		err = show_btf(fd, &c);
		close(fd);
		fd = -1;
		if (err)
			break;
	}
	if (json_output)
		jsonw_end_array(json_wtr);
out:
	if (fd >= 0)
		close(fd);
	idtab_free(&c.progs);
	idtab_free(&c.maps);
	obj_refs_free(c.refs);
	return err;
}

static const struct cmd cmds[] = {
	{ "show",	do_show },
	{ "list",	do_show },
	{ "help",	do_help },
	{ "dump",	do_dump },
	{ 0 }
};

int do_btf(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
