// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* map show / list in the reference's plain and JSON layouts. */
#include <errno.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "map.h"
#include "pids.h"

static struct pinned_table *map_pins;
static struct obj_refs_table *map_refs;

static int fdinfo_int(int fd, const char *key, bool *present)
{
	char *v = get_fdinfo(fd, key);
	int n = 0;

	*present = v != NULL;
	if (v)
		n = atoi(v);
	free(v);
	return n;
}

static void print_map_plain(const struct bpf_map_info *info, int fd)
{
	const char *type = libbpf_bpf_map_type_str(info->type);
	bool has_owner, has_jited, has_frozen;
	int owner, jited, frozen;
	char *memlock;

	printf("%u: ", info->id);
	if (type)
		printf("%s  ", type);
	else
		printf("type %u  ", info->type);
	if (*info->name)
		printf("name %s  ", info->name);
	printf("flags 0x%x", info->map_flags);
	print_dev_plain(info->ifindex, info->netns_dev, info->netns_ino);
	printf("\n\tkey %uB  value %uB  max_entries %u", info->key_size,
	       info->value_size, info->max_entries);
	memlock = get_fdinfo(fd, "memlock");
	if (memlock)
		printf("  memlock %sB", memlock);
	free(memlock);
	if (info->type == BPF_MAP_TYPE_PROG_ARRAY) {
		owner = fdinfo_int(fd, "owner_prog_type", &has_owner);
		jited = fdinfo_int(fd, "owner_jited", &has_jited);
		if (has_owner || has_jited)
			printf("\n\t");
		if (has_owner) {
			const char *s = libbpf_bpf_prog_type_str(owner);

			if (s)
				printf("owner_prog_type %s  ", s);
			else
				printf("owner_prog_type %d  ", owner);
		}
		if (has_jited)
			printf("owner%s jited", jited ? "" : " not");
	}
	pinned_table_print_plain(map_pins, info->id);
	frozen = fdinfo_int(fd, "frozen", &has_frozen);
	if (info->btf_id || frozen)
		printf("\n\t");
	if (info->btf_id)
		printf("btf_id %u", info->btf_id);
	if (frozen)
		printf("%sfrozen", info->btf_id ? "  " : "");
	obj_refs_print_plain(map_refs, info->id, "\n\tpids ");
	printf("\n");
}

static void print_map_json(const struct bpf_map_info *info, int fd)
{
	const char *type = libbpf_bpf_map_type_str(info->type);
	bool has_owner, has_jited, has_frozen;
	int owner, jited, frozen;
	char *memlock;

	jsonw_start_object(json_wtr);
	jsonw_uint_field(json_wtr, "id", info->id);
	if (type)
		jsonw_string_field(json_wtr, "type", type);
	else
		jsonw_uint_field(json_wtr, "type", info->type);
	if (*info->name)
		jsonw_string_field(json_wtr, "name", info->name);
	jsonw_name(json_wtr, "flags");
	jsonw_printf(json_wtr, "%d", info->map_flags);
	print_dev_json(info->ifindex, info->netns_dev, info->netns_ino);
	jsonw_uint_field(json_wtr, "bytes_key", info->key_size);
	jsonw_uint_field(json_wtr, "bytes_value", info->value_size);
	jsonw_uint_field(json_wtr, "max_entries", info->max_entries);
	memlock = get_fdinfo(fd, "memlock");
	if (memlock)
		jsonw_int_field(json_wtr, "bytes_memlock", atoll(memlock));
	free(memlock);
	if (info->type == BPF_MAP_TYPE_PROG_ARRAY) {
		owner = fdinfo_int(fd, "owner_prog_type", &has_owner);
		jited = fdinfo_int(fd, "owner_jited", &has_jited);
		if (has_owner) {
			const char *s = libbpf_bpf_prog_type_str(owner);

			if (s)
				jsonw_string_field(json_wtr, "owner_prog_type", s);
			else
				jsonw_uint_field(json_wtr, "owner_prog_type", owner);
		}
		if (has_jited)
			jsonw_bool_field(json_wtr, "owner_jited", jited);
	}
	frozen = fdinfo_int(fd, "frozen", &has_frozen);
	if (has_frozen)
		jsonw_int_field(json_wtr, "frozen", frozen);
	if (info->btf_id)
		jsonw_int_field(json_wtr, "btf_id", info->btf_id);
	pinned_table_print_json(map_pins, info->id);
	obj_refs_print_json(map_refs, info->id);
	jsonw_end_object(json_wtr);
}

static int show_map(int fd)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	if (bpf_map_get_info_by_fd(fd, &info, &len)) {
		p_err("can't get map info: %s", strerror(errno));
		return -1;
	}
	if (json_output)
		print_map_json(&info, fd);
	else
		print_map_plain(&info, fd);
	return 0;
}


int map_do_show(int argc, char **argv)
{
	static const struct show_spec spec = {
		.type = BPF_OBJ_MAP,
		.parse_fds = map_parse_fds,
		.next_id = bpf_map_get_next_id,
		.fd_by_id = bpf_map_get_fd_by_id,
		.show = show_map,
		.kind = "map",
		.short_kind = "map",
		.pins = &map_pins,
		.refs = &map_refs,
	};

	return show_objects(&spec, argc, argv);
}
