// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * The struct_ops family: struct_ops maps (kernel structures of function
 * pointers implemented by BPF programs): show, dump, register an object's
 * maps, unregister one.
 */
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf_dumper.h"
#include "common.h"

#define STRUCT_OPS_VALUE_PREFIX "bpf_struct_ops_"

static struct btf *vmlinux_btf;

/* "tcp_congestion_ops" for a map whose value is bpf_struct_ops_tcp_congestion_ops. */
static const char *kern_struct_name(const struct bpf_map_info *info)
{
	const struct btf_type *t;
	const char *name;

	if (!vmlinux_btf) {
		vmlinux_btf = btf__load_vmlinux_btf();
		if (!vmlinux_btf)
			return "";
	}
	t = btf__type_by_id(vmlinux_btf, info->btf_vmlinux_value_type_id);
	if (!t)
		return "";
	name = btf__name_by_offset(vmlinux_btf, t->name_off);
	if (name && !strncmp(name, STRUCT_OPS_VALUE_PREFIX, strlen(STRUCT_OPS_VALUE_PREFIX)))
		return name + strlen(STRUCT_OPS_VALUE_PREFIX);
	return name ? name : "";
}

/* How a command names its map: all of them, by id, or by name. */
struct selector {
	enum { SEL_ALL, SEL_ID, SEL_NAME } kind;
	__u32 id;
	const char *name;
};

static int parse_selector(int argc, char **argv, struct selector *s)
{
	char *end;

	s->kind = SEL_ALL;
	if (!argc)
		return 0;
	if (argc != 2)
		usage();
	if (is_prefix(argv[0], "id")) {
		s->kind = SEL_ID;
		s->id = strtoul(argv[1], &end, 0);
		if (*end || !argv[1][0]) {
			p_err("can't parse %s as ID", argv[1]);
			return -1;
		}
	} else if (is_prefix(argv[0], "name")) {
		s->kind = SEL_NAME;
		s->name = argv[1];
		if (strlen(s->name) > BPF_OBJ_NAME_LEN - 1) {
			p_err("struct_ops name too long");
			return -1;
		}
	} else {
		usage();
	}
	return 0;
}

typedef int (*sops_fn)(int fd, const struct bpf_map_info *info);

/*
 * Calls fn for every struct_ops map the selector names.  Returns the
 * number of maps visited, or -1 after reporting an error.
 */
static int for_each_sops(const struct selector *s, sops_fn fn)
{
	struct bpf_map_info info;
	__u32 id = 0, len;
	int fd, n = 0;

	if (s->kind == SEL_ID) {
		fd = bpf_map_get_fd_by_id(s->id);
		if (fd < 0) {
			p_err("can't get map by id (%u): %s", s->id, strerror(errno));
			return -1;
		}
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		if (bpf_map_get_info_by_fd(fd, &info, &len)) {
			p_err("can't get map info: %s", strerror(errno));
			close(fd);
			return -1;
		}
		if (info.type != BPF_MAP_TYPE_STRUCT_OPS) {
			p_err("%s id %u is not a struct_ops map", info.name, info.id);
			close(fd);
			return -1;
		}
		n = fn(fd, &info) ? -1 : 1;
		close(fd);
		return n;
	}
	while (!bpf_map_get_next_id(id, &id)) {
		fd = bpf_map_get_fd_by_id(id);
		if (fd < 0)
			continue;	/* freed meanwhile */
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		if (bpf_map_get_info_by_fd(fd, &info, &len) ||
		    info.type != BPF_MAP_TYPE_STRUCT_OPS ||
		    (s->kind == SEL_NAME && strcmp(info.name, s->name))) {
			close(fd);
			continue;
		}
		if (fn(fd, &info)) {
			close(fd);
			return -1;
		}
		close(fd);
		n++;
	}
	if (s->kind == SEL_NAME && !n && !json_output) {
		p_err("no struct_ops found for %s", s->name);
		return -1;
	}
	return n;
}

static int show_one(int fd, const struct bpf_map_info *info)
{
	const char *kname = kern_struct_name(info);

	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_uint_field(json_wtr, "id", info->id);
		jsonw_string_field(json_wtr, "name", info->name);
		jsonw_string_field(json_wtr, "kernel_struct_ops", kname);
		jsonw_end_object(json_wtr);
	} else {
		printf("%u: %-15s %-32s\n", info->id, info->name, kname);
	}
	return 0;
}

/* ---- the value's function pointers, as "PROTO PROG/prog_id:ID" ---- */

/* C spelling of a type for a prototype: "u32", "struct sock *", ... */
static void type_str(const struct btf *btf, __u32 id, char *buf, size_t sz)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	const char *name;
	char inner[128];

	if (!id || !t) {
		snprintf(buf, sz, "void");
		return;
	}
	name = btf__name_by_offset(btf, t->name_off);
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
		type_str(btf, t->type, inner, sizeof(inner));
		snprintf(buf, sz, "%s *", inner);
		return;
	case BTF_KIND_CONST:
		type_str(btf, t->type, inner, sizeof(inner));
		snprintf(buf, sz, "const %s", inner);
		return;
	case BTF_KIND_VOLATILE:
		type_str(btf, t->type, inner, sizeof(inner));
		snprintf(buf, sz, "volatile %s", inner);
		return;
	case BTF_KIND_STRUCT:
		snprintf(buf, sz, "struct %s", name);
		return;
	case BTF_KIND_UNION:
		snprintf(buf, sz, "union %s", name);
		return;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		snprintf(buf, sz, "enum %s", name);
		return;
	default:
		snprintf(buf, sz, "%s", name && *name ? name : "?");
		return;
	}
}

/* "u32 (struct sock *, u32)" for a function prototype. */
static void proto_str(const struct btf *btf, const struct btf_type *proto,
		      char *buf, size_t sz)
{
	const struct btf_param *p = btf_params(proto);
	size_t len;
	char arg[128];
	int i;

	type_str(btf, proto->type, buf, sz);
	len = strlen(buf);
	len += snprintf(buf + len, len < sz ? sz - len : 0, " (");
	for (i = 0; i < btf_vlen(proto) && len < sz; i++) {
		type_str(btf, p[i].type, arg, sizeof(arg));
		len += snprintf(buf + len, sz - len, "%s%s", i ? ", " : "", arg);
	}
	if (len < sz)
		snprintf(buf + len, sz - len, ")");
}

/* The prototype a member points to, or NULL if it is not a function pointer. */
static const struct btf_type *func_ptr_proto(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t)))
		t = btf__type_by_id(btf, t->type);
	if (!t || !btf_is_ptr(t))
		return NULL;
	t = btf__type_by_id(btf, t->type);
	while (t && (btf_is_mod(t) || btf_is_typedef(t)))
		t = btf__type_by_id(btf, t->type);
	return t && btf_is_func_proto(t) ? t : NULL;
}

/*
 * The kernel's structure inside the value: function pointers hold the ids
 * of the programs implementing them; the rest goes to the BTF dumper.
 */
static int dump_ops_struct(const struct btf_dumper *d, __u32 id,
			   const unsigned char *data)
{
	const struct btf_type *t = btf__type_by_id(d->btf, id);
	const struct btf_member *m;
	char proto[512], name[MAX_PROG_FULL_NAME];
	int i, err;

	for (i = 0; t && btf_is_struct(t) && i < btf_vlen(t); i++)
		if (btf_member_bitfield_size(t, i))
			t = NULL;	/* not the usual layout: dump it as is */
	if (!t || !btf_is_struct(t))
		return btf_dumper_type(d, id, data);
	jsonw_start_object(d->jw);
	for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++) {
		const struct btf_type *fp = func_ptr_proto(d->btf, m->type);
		const unsigned char *field = data + btf_member_bit_offset(t, i) / 8;
		__u64 prog_id;

		jsonw_name(d->jw, btf__name_by_offset(d->btf, m->name_off));
		if (!fp) {
			err = btf_dumper_type(d, m->type, field);
			if (err)
				return err;
			continue;
		}
		memcpy(&prog_id, field, sizeof(prog_id));
		proto_str(d->btf, fp, proto, sizeof(proto));
		name[0] = '\0';
		if (prog_id) {
			struct bpf_prog_info info = {};
			__u32 len = sizeof(info);
			int fd = bpf_prog_get_fd_by_id(prog_id);

			if (fd >= 0) {
				if (!bpf_prog_get_info_by_fd(fd, &info, &len))
					get_prog_full_name(&info, fd, name, sizeof(name));
				close(fd);
			}
		}
		if (prog_id)
			jsonw_printf(d->jw, "\"%s %s/prog_id:%llu\"", proto, name,
				     (unsigned long long)prog_id);
		else
			jsonw_printf(d->jw, "\"%s 0\"", proto);
	}
	jsonw_end_object(d->jw);
	return 0;
}

/* bpf_struct_ops_<name> { common; data; }: common as is, data by hand. */
static int dump_value(const struct btf_dumper *d, __u32 id,
		      const unsigned char *value)
{
	const struct btf_type *t = btf__type_by_id(d->btf, id);
	const struct btf_member *m;
	int i, err;

	if (!t || !btf_is_struct(t))
		return btf_dumper_type(d, id, value);
	jsonw_start_object(d->jw);
	for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++) {
		const char *mname = btf__name_by_offset(d->btf, m->name_off);
		const unsigned char *field = value + btf_member_bit_offset(t, i) / 8;

		jsonw_name(d->jw, mname);
		if (!strcmp(mname, "data"))
			err = dump_ops_struct(d, m->type, field);
		else
			err = btf_dumper_type(d, m->type, field);
		if (err)
			return err;
	}
	jsonw_end_object(d->jw);
	return 0;
}

/* The writer dump uses: -j's, or a pretty one of its own in plain mode. */
static json_writer_t *dump_wtr;

/*
 * The value as the kernel sees it, typed by its vmlinux BTF: state,
 * refcount and the structure, with program ids in the function pointers.
 * Plain mode prints the same as pretty JSON, as the reference does.
 */
static int dump_one(int fd, const struct bpf_map_info *info)
{
	struct btf_dumper d = { .jw = dump_wtr, .is_plain_text = !json_output };
	const struct btf_type *t;
	unsigned char *value;
	__u32 zero = 0;
	int err;

	kern_struct_name(info);	/* loads vmlinux_btf */
	if (!vmlinux_btf) {
		p_err("can't load the kernel BTF: %s", strerror(errno));
		return -1;
	}
	d.btf = vmlinux_btf;
	t = btf__type_by_id(vmlinux_btf, info->btf_vmlinux_value_type_id);
	value = calloc(1, info->value_size ? info->value_size : 1);
	if (!value) {
		p_err("out of memory");
		return -1;
	}
	if (bpf_map_lookup_elem(fd, &zero, value)) {
		p_err("can't lookup struct_ops map %s id %u: %s", info->name,
		      info->id, strerror(errno));
		free(value);
		return -1;
	}
	jsonw_start_object(dump_wtr);
	jsonw_name(dump_wtr, "bpf_map_info");
	jsonw_start_object(dump_wtr);
	jsonw_uint_field(dump_wtr, "type", info->type);
	jsonw_uint_field(dump_wtr, "id", info->id);
	jsonw_uint_field(dump_wtr, "key_size", info->key_size);
	jsonw_uint_field(dump_wtr, "value_size", info->value_size);
	jsonw_uint_field(dump_wtr, "max_entries", info->max_entries);
	jsonw_uint_field(dump_wtr, "map_flags", info->map_flags);
	jsonw_string_field(dump_wtr, "name", info->name);
	jsonw_uint_field(dump_wtr, "ifindex", info->ifindex);
	jsonw_uint_field(dump_wtr, "btf_vmlinux_value_type_id",
			 info->btf_vmlinux_value_type_id);
	jsonw_uint_field(dump_wtr, "netns_dev", info->netns_dev);
	jsonw_uint_field(dump_wtr, "netns_ino", info->netns_ino);
	jsonw_uint_field(dump_wtr, "btf_id", info->btf_id);
	jsonw_uint_field(dump_wtr, "btf_key_type_id", info->btf_key_type_id);
	jsonw_uint_field(dump_wtr, "btf_value_type_id", info->btf_value_type_id);
	jsonw_uint_field(dump_wtr, "btf_vmlinux_id", info->btf_vmlinux_id);
	jsonw_uint_field(dump_wtr, "map_extra", info->map_extra);
	jsonw_uint_field(dump_wtr, "hash", info->hash);
	jsonw_uint_field(dump_wtr, "hash_size", info->hash_size);
	jsonw_end_object(dump_wtr);
	jsonw_end_object(dump_wtr);
	jsonw_start_object(dump_wtr);
	jsonw_name(dump_wtr, t ? btf__name_by_offset(vmlinux_btf, t->name_off) : "value");
	err = dump_value(&d, info->btf_vmlinux_value_type_id, value);
	jsonw_end_object(dump_wtr);
	free(value);
	if (err) {
		p_err("can't print the value of struct_ops %s: %s", info->name,
		      strerror(-err));
		return -1;
	}
	return 0;
}

static int run_listing(int argc, char **argv, sops_fn fn, json_writer_t *w)
{
	struct selector s;
	int n;

	if (parse_selector(argc, argv, &s))
		return -1;
	/* One map named by id is one object; otherwise a list. */
	if (s.kind == SEL_ID)
		w = NULL;
	if (w)
		jsonw_start_array(w);
	n = for_each_sops(&s, fn);
	if (w)
		jsonw_end_array(w);
	btf__free(vmlinux_btf);
	vmlinux_btf = NULL;
	return n < 0 ? -1 : 0;
}

static int do_show(int argc, char **argv)
{
	return run_listing(argc, argv, show_one, json_output ? json_wtr : NULL);
}

static int do_dump(int argc, char **argv)
{
	int err;

	if (json_output) {
		dump_wtr = json_wtr;
		return run_listing(argc, argv, dump_one, dump_wtr);
	}
	dump_wtr = jsonw_new(stdout);
	if (!dump_wtr) {
		p_err("failed to create JSON writer");
		return -1;
	}
	jsonw_pretty(dump_wtr, true);
	err = run_listing(argc, argv, dump_one, dump_wtr);
	jsonw_destroy(&dump_wtr);
	return err;
}

static int unregister_one(int fd, const struct bpf_map_info *info)
{
	__u32 zero = 0;

	if (bpf_map_delete_elem(fd, &zero)) {
		p_err("failed to unregister struct_ops %s id %u: %s", info->name,
		      info->id, strerror(errno));
		return -1;
	}
	if (!json_output)
		printf("Unregistered %s %s id %u\n", kern_struct_name(info),
		       info->name, info->id);
	return 0;
}

static int do_unregister(int argc, char **argv)
{
	struct selector s;
	int n;

	if (argc != 2)
		usage();
	if (parse_selector(argc, argv, &s))
		return -1;
	n = for_each_sops(&s, unregister_one);
	btf__free(vmlinux_btf);
	vmlinux_btf = NULL;
	if (n < 0)
		return -1;
	if (!n) {
		p_err("no struct_ops found for %s", s.name ? s.name : "id");
		return -1;
	}
	if (json_output)
		jsonw_null(json_wtr);
	return 0;
}

static int do_register(int argc, char **argv)
{
	const char *file, *link_dir = NULL;
	struct bpf_object *obj;
	struct bpf_map *map;
	int registered = 0, err = 0;
	char path[PATH_MAX];

	if (argc < 1 || argc > 2)
		usage();
	file = argv[0];
	if (argc == 2)
		link_dir = argv[1];
	if (link_dir && mount_bpffs_for_pin(link_dir, true))
		return -1;

	obj = bpf_object__open(file);
	if (!obj) {
		p_err("failed to open object file %s: %s", file, strerror(errno));
		return -1;
	}
	if (bpf_object__load(obj)) {
		p_err("failed to load object file %s: %s", file, strerror(errno));
		bpf_object__close(obj);
		return -1;
	}
	bpf_object__for_each_map(map, obj) {
		struct bpf_map_info info = {};
		__u32 len = sizeof(info);
		struct bpf_link *link;

		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		link = bpf_map__attach_struct_ops(map);
		if (!link) {
			p_err("can't register struct_ops %s: %s", bpf_map__name(map),
			      strerror(errno));
			err = -1;
			continue;
		}
		if (bpf_map_get_info_by_fd(bpf_map__fd(map), &info, &len))
			memset(&info, 0, sizeof(info));
		if (!json_output)
			printf("Registered %s %s id %u\n", kern_struct_name(&info),
			       info.name, info.id);
		registered++;
		if (!(bpf_map__map_flags(map) & BPF_F_LINK)) {
			/* Registered in the map itself: outlives this process. */
			bpf_link__disconnect(link);
			bpf_link__destroy(link);
			continue;
		}
		if (!link_dir)
			p_info("%s is registered through a link: without LINK_DIR it is unregistered when bpftool exits",
			       bpf_map__name(map));
		if (link_dir) {
			snprintf(path, sizeof(path), "%s/%s", link_dir,
				 bpf_map__name(map));
			if (bpf_link__pin(link, path)) {
				p_err("failed to pin link for %s at %s: %s",
				      bpf_map__name(map), path, strerror(errno));
				err = -1;
			}
		}
		/* Unpinned links go away with the process, as the kernel says. */
		bpf_link__disconnect(link);
		bpf_link__destroy(link);
	}
	bpf_object__close(obj);
	btf__free(vmlinux_btf);
	vmlinux_btf = NULL;
	if (!registered && !err) {
		p_err("no struct_ops found in %s", file);
		return -1;
	}
	if (!err && json_output)
		jsonw_null(json_wtr);
	return err;
}

static int do_help(int argc, char **argv)
{
	if (json_output) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr,
		"Usage: %1$s %2$s { show | list } [STRUCT_OPS_MAP]\n"
		"       %1$s %2$s dump [STRUCT_OPS_MAP]\n"
		"       %1$s %2$s register OBJ [LINK_DIR]\n"
		"       %1$s %2$s unregister STRUCT_OPS_MAP\n"
		"       %1$s %2$s help\n"
		"\n"
		"       STRUCT_OPS_MAP := [ id STRUCT_OPS_MAP_ID | name STRUCT_OPS_MAP_NAME ]\n"
		"       " HELP_SPEC_OPTIONS " }\n",
		bin_name, "struct_ops");
	return 0;
}

static const struct cmd cmds[] = {
	{ "show",	do_show },
	{ "list",	do_show },
	{ "register",	do_register },
	{ "unregister",	do_unregister },
	{ "dump",	do_dump },
	{ "help",	do_help },
	{ 0 }
};

int do_struct_ops(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
