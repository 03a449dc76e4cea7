// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* prog show / list: plain and JSON layouts of the reference. */
#include <errno.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "prog.h"
#include "pids.h"

static struct pinned_table *prog_pins;
static struct obj_refs_table *prog_refs;

static __u32 *get_map_ids(int fd, __u32 nr)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	__u32 *ids = calloc(nr, sizeof(*ids));

	if (!ids)
		return NULL;
	info.nr_map_ids = nr;
	info.map_ids = (__u64)(unsigned long)ids;
	if (bpf_prog_get_info_by_fd(fd, &info, &len)) {
		free(ids);
		return NULL;
	}
	return ids;
}

static void print_header_plain(const struct bpf_prog_info *info, int fd)
{
	const char *type = libbpf_bpf_prog_type_str(info->type);
	char name[MAX_PROG_FULL_NAME];

	printf("%u: ", info->id);
	if (type)
		printf("%s  ", type);
	else
		printf("type %u  ", info->type);
	if (*info->name) {
		get_prog_full_name(info, fd, name, sizeof(name));
		printf("name %s  ", name);
	}
	printf("tag ");
	fprint_hex(stdout, info->tag, BPF_TAG_SIZE, "");
	print_dev_plain(info->ifindex, info->netns_dev, info->netns_ino);
	printf("%s", info->gpl_compatible ? "  gpl" : "");
	if (info->run_time_ns)
		printf(" run_time_ns %llu run_cnt %llu",
		       (unsigned long long)info->run_time_ns,
		       (unsigned long long)info->run_cnt);
	if (info->recursion_misses)
		printf(" recursion_misses %llu",
		       (unsigned long long)info->recursion_misses);
	printf("\n");
}

static void print_prog_plain(const struct bpf_prog_info *info, int fd)
{
	char *memlock;

	print_header_plain(info, fd);
	if (info->load_time) {
		char buf[32];

		print_boot_time(info->load_time, buf, sizeof(buf));
		printf("\tloaded_at %s  uid %u\n", buf, info->created_by_uid);
	}
	printf("\txlated %uB", info->xlated_prog_len);
	if (info->jited_prog_len)
		printf("  jited %uB", info->jited_prog_len);
	else
		printf("  not jited");
	memlock = get_fdinfo(fd, "memlock");
	if (memlock)
		printf("  memlock %sB", memlock);
	free(memlock);
	if (info->nr_map_ids) {
		__u32 *ids = get_map_ids(fd, info->nr_map_ids), i;

		if (ids) {
			printf("  map_ids ");
			for (i = 0; i < info->nr_map_ids; i++)
				printf("%u%s", ids[i], i == info->nr_map_ids - 1 ? "" : ",");
			free(ids);
		}
	}
	pinned_table_print_plain(prog_pins, info->id);
	if (info->btf_id)
		printf("\n\tbtf_id %u", info->btf_id);
	obj_refs_print_plain(prog_refs, info->id, "\n\tpids ");
	printf("\n");
}

static void print_prog_json(const struct bpf_prog_info *info, int fd)
{
	const char *type = libbpf_bpf_prog_type_str(info->type);
	char name[MAX_PROG_FULL_NAME], tag[2 * BPF_TAG_SIZE + 1];
	char *memlock;
	int i;

	jsonw_start_object(json_wtr);
	jsonw_uint_field(json_wtr, "id", info->id);
	if (type)
		jsonw_string_field(json_wtr, "type", type);
	else
		jsonw_uint_field(json_wtr, "type", info->type);
	if (*info->name) {
		get_prog_full_name(info, fd, name, sizeof(name));
		jsonw_string_field(json_wtr, "name", name);
	}
	for (i = 0; i < BPF_TAG_SIZE; i++)
		snprintf(tag + 2 * i, 3, "%02x", info->tag[i]);
	jsonw_string_field(json_wtr, "tag", tag);
	jsonw_bool_field(json_wtr, "gpl_compatible", info->gpl_compatible);
	if (info->run_time_ns) {
		jsonw_uint_field(json_wtr, "run_time_ns", info->run_time_ns);
		jsonw_uint_field(json_wtr, "run_cnt", info->run_cnt);
	}
	if (info->recursion_misses)
		jsonw_uint_field(json_wtr, "recursion_misses", info->recursion_misses);
	print_dev_json(info->ifindex, info->netns_dev, info->netns_ino);
	if (info->load_time) {
		jsonw_uint_field(json_wtr, "loaded_at",
				 boot_time_to_epoch(info->load_time));
		jsonw_uint_field(json_wtr, "uid", info->created_by_uid);
	}
	jsonw_uint_field(json_wtr, "bytes_xlated", info->xlated_prog_len);
	if (info->jited_prog_len) {
		jsonw_bool_field(json_wtr, "jited", true);
		jsonw_uint_field(json_wtr, "bytes_jited", info->jited_prog_len);
	} else {
		jsonw_bool_field(json_wtr, "jited", false);
	}
	memlock = get_fdinfo(fd, "memlock");
	if (memlock)
		jsonw_int_field(json_wtr, "bytes_memlock", atoll(memlock));
	free(memlock);
	if (info->nr_map_ids) {
		__u32 *ids = get_map_ids(fd, info->nr_map_ids), k;

		if (ids) {
			jsonw_name(json_wtr, "map_ids");
			jsonw_start_array(json_wtr);
			for (k = 0; k < info->nr_map_ids; k++)
				jsonw_uint(json_wtr, ids[k]);
			jsonw_end_array(json_wtr);
			free(ids);
		}
	}
	if (info->btf_id)
		jsonw_int_field(json_wtr, "btf_id", info->btf_id);
	pinned_table_print_json(prog_pins, info->id);
	obj_refs_print_json(prog_refs, info->id);
	jsonw_end_object(json_wtr);
}

static int show_prog(int fd)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_prog_get_info_by_fd(fd, &info, &len)) {
		p_err("can't get prog info: %s", strerror(errno));
		return -1;
	}
	if (json_output)
		print_prog_json(&info, fd);
	else
		print_prog_plain(&info, fd);
	return 0;
}


int prog_do_show(int argc, char **argv)
{
	static const struct show_spec spec = {
		.type = BPF_OBJ_PROG,
		.parse_fds = prog_parse_fds,
		.next_id = bpf_prog_get_next_id,
		.fd_by_id = bpf_prog_get_fd_by_id,
		.show = show_prog,
		.kind = "program",
		.short_kind = "prog",
		.pins = &prog_pins,
		.refs = &prog_refs,
	};

	return show_objects(&spec, argc, argv);
}
