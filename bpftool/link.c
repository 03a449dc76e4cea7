// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* The link family: show / list, pin, detach. */
#include <errno.h>
#include <net/if.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "pids.h"

static struct pinned_table *link_pins;
static struct obj_refs_table *link_refs;

static int prog_type_of(__u32 prog_id, __u32 *type)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	int fd, err;

	fd = bpf_prog_get_fd_by_id(prog_id);
	if (fd < 0)
		return -errno;
	err = bpf_prog_get_info_by_fd(fd, &info, &len);
	close(fd);
	if (err)
		return err;
	*type = info.type;
	return 0;
}

/*
 * One row of per-type details.  Plain output prints "key value  " pairs,
 * JSON prints fields; both come from the same calls so they stay in step.
 */
static void field_str(const char *key, const char *value)
{
	if (json_output)
		jsonw_string_field(json_wtr, key, value);
	else
		printf("%s %s  ", key, value);
}

static void field_uint(const char *key, unsigned long long value)
{
	if (json_output)
		jsonw_uint_field(json_wtr, key, value);
	else
		printf("%s %llu  ", key, value);
}

static void new_row(void)
{
	if (!json_output)
		printf("\n\t");
}

static void field_attach_type(__u32 attach_type)
{
	const char *s = libbpf_bpf_attach_type_str(attach_type);

	if (s)
		field_str("attach_type", s);
	else
		field_uint("attach_type", attach_type);
}

static void field_ifindex(__u32 ifindex)
{
	char name[IF_NAMESIZE];

	if (if_indextoname(ifindex, name) && !json_output)
		printf("ifindex %s(%u)  ", name, ifindex);
	else if (json_output) {
		jsonw_uint_field(json_wtr, "ifindex", ifindex);
		if (if_indextoname(ifindex, name))
			jsonw_string_field(json_wtr, "devname", name);
	} else
		printf("ifindex %u  ", ifindex);
}

static void print_perf_event(const struct bpf_link_info *info)
{
	const struct bpf_link_info *i = info;
	const char *name;

	new_row();
	switch (i->perf_event.type) {
	case BPF_PERF_EVENT_TRACEPOINT:
		name = (const char *)(unsigned long)i->perf_event.tracepoint.tp_name;
		field_str("tracepoint", name ? name : "");
		break;
	case BPF_PERF_EVENT_UPROBE:
	case BPF_PERF_EVENT_URETPROBE:
		name = (const char *)(unsigned long)i->perf_event.uprobe.file_name;
		if (json_output) {
			jsonw_bool_field(json_wtr, "retprobe",
					 i->perf_event.type == BPF_PERF_EVENT_URETPROBE);
			jsonw_string_field(json_wtr, "file", name ? name : "");
			jsonw_uint_field(json_wtr, "offset", i->perf_event.uprobe.offset);
		} else {
			printf("%s %s+%#x  ",
			       i->perf_event.type == BPF_PERF_EVENT_URETPROBE ? "uretprobe" : "uprobe",
			       name ? name : "", i->perf_event.uprobe.offset);
		}
		break;
	case BPF_PERF_EVENT_KPROBE:
	case BPF_PERF_EVENT_KRETPROBE:
		name = (const char *)(unsigned long)i->perf_event.kprobe.func_name;
		if (json_output) {
			jsonw_bool_field(json_wtr, "retprobe",
					 i->perf_event.type == BPF_PERF_EVENT_KRETPROBE);
			jsonw_string_field(json_wtr, "func", name ? name : "");
			jsonw_uint_field(json_wtr, "offset", i->perf_event.kprobe.offset);
		} else {
			printf("%s %s+%#x  ",
			       i->perf_event.type == BPF_PERF_EVENT_KRETPROBE ? "kretprobe" : "kprobe",
			       name ? name : "", i->perf_event.kprobe.offset);
		}
		break;
	case BPF_PERF_EVENT_EVENT:
		field_uint("event_type", i->perf_event.event.type);
		field_uint("event_config", i->perf_event.event.config);
		break;
	default:
		field_uint("event_type", i->perf_event.type);
	}
}

static void print_details(int fd, struct bpf_link_info *info)
{
	const char *s;
	__u32 ptype = 0;

	switch (info->type) {
	case BPF_LINK_TYPE_RAW_TRACEPOINT:
		new_row();
		if (json_output)
			jsonw_string_field(json_wtr, "tp_name",
					   (const char *)(unsigned long)info->raw_tracepoint.tp_name);
		else
			printf("tp '%s'  ", (const char *)(unsigned long)info->raw_tracepoint.tp_name);
		break;
	case BPF_LINK_TYPE_TRACING:
		new_row();
		if (!prog_type_of(info->prog_id, &ptype)) {
			s = libbpf_bpf_prog_type_str(ptype);
			if (s)
				field_str("prog_type", s);
			else
				field_uint("prog_type", ptype);
		}
		field_attach_type(info->tracing.attach_type);
		if (info->tracing.target_obj_id || info->tracing.target_btf_id) {
			new_row();
			field_uint("target_obj_id", info->tracing.target_obj_id);
			field_uint("target_btf_id", info->tracing.target_btf_id);
		}
		break;
	case BPF_LINK_TYPE_CGROUP:
		new_row();
		field_uint("cgroup_id", info->cgroup.cgroup_id);
		field_attach_type(info->cgroup.attach_type);
		break;
	case BPF_LINK_TYPE_ITER:
		/* the reference keeps the iterator target on the header line */
		s = (const char *)(unsigned long)info->iter.target_name;
		field_str("target_name", s);
		if (!strcmp(s, "bpf_map_elem") || !strcmp(s, "bpf_sk_storage_map"))
			field_uint("map_id", info->iter.map.map_id);
		break;
	case BPF_LINK_TYPE_NETNS:
		new_row();
		field_uint("netns_ino", info->netns.netns_ino);
		field_attach_type(info->netns.attach_type);
		break;
	case BPF_LINK_TYPE_XDP:
		new_row();
		field_ifindex(info->xdp.ifindex);
		break;
	case BPF_LINK_TYPE_TCX:
		new_row();
		field_ifindex(info->tcx.ifindex);
		field_attach_type(info->tcx.attach_type);
		break;
	case BPF_LINK_TYPE_NETKIT:
		new_row();
		field_ifindex(info->netkit.ifindex);
		field_attach_type(info->netkit.attach_type);
		break;
	case BPF_LINK_TYPE_STRUCT_OPS:
		new_row();
		field_uint("map_id", info->struct_ops.map_id);
		break;
	case BPF_LINK_TYPE_SOCKMAP:
		new_row();
		field_uint("map_id", info->sockmap.map_id);
		field_attach_type(info->sockmap.attach_type);
		break;
	case BPF_LINK_TYPE_NETFILTER:
		new_row();
		field_uint("pf", info->netfilter.pf);
		field_uint("hook", info->netfilter.hooknum);
		if (json_output)
			jsonw_int_field(json_wtr, "prio", info->netfilter.priority);
		else
			printf("prio %d  ", info->netfilter.priority);
		field_uint("flags", info->netfilter.flags);
		break;
	case BPF_LINK_TYPE_KPROBE_MULTI:
		new_row();
		field_str("kprobe_multi", info->kprobe_multi.flags & 1 ? "retprobe" : "probe");
		field_uint("func_cnt", info->kprobe_multi.count);
		break;
	case BPF_LINK_TYPE_UPROBE_MULTI:
		new_row();
		field_str("uprobe_multi", info->uprobe_multi.flags & 1 ? "uretprobe" : "uprobe");
		field_uint("func_cnt", info->uprobe_multi.count);
		if (info->uprobe_multi.pid)
			field_uint("pid", info->uprobe_multi.pid);
		break;
	case BPF_LINK_TYPE_PERF_EVENT:
		print_perf_event(info);
		break;
	default:
		break;
	}
}

static int show_link(int fd)
{
	struct bpf_link_info info;
	__u32 len = sizeof(info);
	char buf[512];
	const char *type;

	memset(&info, 0, sizeof(info));
	buf[0] = '\0';
	/* Names come back through caller buffers; ask for them up front. */
	if (bpf_link_get_info_by_fd(fd, &info, &len)) {
		p_err("can't get link info: %s", strerror(errno));
		return -1;
	}
	if (info.type == BPF_LINK_TYPE_RAW_TRACEPOINT && !info.raw_tracepoint.tp_name) {
		info.raw_tracepoint.tp_name = (unsigned long)buf;
		info.raw_tracepoint.tp_name_len = sizeof(buf);
		if (bpf_link_get_info_by_fd(fd, &info, &len)) {
			p_err("can't get link info: %s", strerror(errno));
			return -1;
		}
	} else if (info.type == BPF_LINK_TYPE_PERF_EVENT &&
		   !info.perf_event.tracepoint.tp_name &&
		   info.perf_event.type != BPF_PERF_EVENT_EVENT) {
		/* tracepoint, uprobe and kprobe keep their name pointer in one place */
		info.perf_event.tracepoint.tp_name = (unsigned long)buf;
		info.perf_event.tracepoint.name_len = sizeof(buf);
		if (bpf_link_get_info_by_fd(fd, &info, &len)) {
			p_err("can't get link info: %s", strerror(errno));
			return -1;
		}
	} else if (info.type == BPF_LINK_TYPE_ITER && !info.iter.target_name) {
		info.iter.target_name = (unsigned long)buf;
		info.iter.target_name_len = sizeof(buf);
		if (bpf_link_get_info_by_fd(fd, &info, &len)) {
			p_err("can't get link info: %s", strerror(errno));
			return -1;
		}
	}

	type = libbpf_bpf_link_type_str(info.type);
	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_uint_field(json_wtr, "id", info.id);
		if (type)
			jsonw_string_field(json_wtr, "type", type);
		else
			jsonw_uint_field(json_wtr, "type", info.type);
		jsonw_uint_field(json_wtr, "prog_id", info.prog_id);
	} else {
		printf("%u: ", info.id);
		if (type)
			printf("%s  ", type);
		else
			printf("type %u  ", info.type);
		printf("prog %u  ", info.prog_id);
	}
	print_details(fd, &info);
	if (json_output) {
		pinned_table_print_json(link_pins, info.id);
		obj_refs_print_json(link_refs, info.id);
		jsonw_end_object(json_wtr);
	} else {
		pinned_table_print_plain(link_pins, info.id);
		obj_refs_print_plain(link_refs, info.id, "\n\tpids ");
		printf("\n");
	}
	return 0;
}

static int do_show(int argc, char **argv)
{
	int fd, err = 0;

	if (argc == 2) {
		fd = link_parse_fd(&argc, &argv);
		if (fd < 0)
			return fd;
	} else if (argc) {
		return BAD_ARG();
	} else {
		fd = -1;
	}
	if (show_pinned)
		link_pins = pinned_table_build(BPF_OBJ_LINK);
	link_refs = obj_refs_build(BPF_OBJ_LINK);
	if (fd >= 0) {
		err = show_link(fd);
		close(fd);
		goto out;
	}
	err = show_each_object(bpf_link_get_next_id, bpf_link_get_fd_by_id,
			       show_link, "link", "link");
out:
	pinned_table_free(link_pins);
	obj_refs_free(link_refs);
	link_pins = NULL;
	link_refs = NULL;
	return err;
}

static int do_pin(int argc, char **argv)
{
	return do_pin_any(argc, argv, link_parse_fd);
}

static int do_detach(int argc, char **argv)
{
	int fd, err;

	if (argc != 2) {
		p_err("link specifier is invalid or missing\n");
		return 1;
	}
	fd = link_parse_fd(&argc, &argv);
	if (fd < 0)
		return 1;
	err = bpf_link_detach(fd);
	if (err)
		err = -errno;
	close(fd);
	if (err) {
		p_err("failed link detach: %s", strerror(-err));
		return 1;
	}
	if (json_output)
		jsonw_null(json_wtr);
	return 0;
}

static int do_help(int argc, char **argv)
{
	if (json_output) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr,
		"Usage: %1$s %2$s { show | list }   [LINK]\n"
		"       %1$s %2$s pin        LINK  FILE\n"
		"       %1$s %2$s detach     LINK\n"
		"       %1$s %2$s help\n"
		"\n"
		"       " HELP_SPEC_LINK "\n"
		"       " HELP_SPEC_OPTIONS " |\n"
		"                    {-f|--bpffs} | {-n|--nomount} }\n",
		bin_name, argv[-2]);
	return 0;
}

static const struct cmd cmds[] = {
	{ "show",	do_show },
	{ "list",	do_show },
	{ "help",	do_help },
	{ "pin",	do_pin },
	{ "detach",	do_detach },
	{ 0 }
};

int do_link(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
