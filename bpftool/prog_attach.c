// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog attach / detach PROG ATTACH_TYPE [MAP]: the map-targeted attach
 * types (sockmap verdicts and parsers) and flow_dissector, which attaches
 * to the caller's network namespace and takes no map.
 */
#include <errno.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "common.h"
#include "prog.h"

static const struct {
	const char *name;
	enum bpf_attach_type type;
} attach_types[] = {
	{ "sk_skb_stream_parser",	BPF_SK_SKB_STREAM_PARSER },
	{ "sk_skb_stream_verdict",	BPF_SK_SKB_STREAM_VERDICT },
	{ "sk_skb_verdict",		BPF_SK_SKB_VERDICT },
	{ "sk_msg_verdict",		BPF_SK_MSG_VERDICT },
	{ "flow_dissector",		BPF_FLOW_DISSECTOR },
};

static int attach_type_by_name(const char *s, enum bpf_attach_type *type)
{
	size_t i;

	for (i = 0; i < sizeof(attach_types) / sizeof(attach_types[0]); i++) {
		if (is_prefix(s, attach_types[i].name)) {
			*type = attach_types[i].type;
			return 0;
		}
	}
	return -1;
}

/* PROG TYPE [MAP]; *map_fd is 0 for flow_dissector (the current netns). */
static int parse_args(int argc, char **argv, int *prog_fd,
		      enum bpf_attach_type *type, int *map_fd)
{
	*prog_fd = -1;
	*map_fd = -1;
	if (!REQ_ARGS(3))
		return -1;
	*prog_fd = prog_parse_fd(&argc, &argv);
	if (*prog_fd < 0)
		return -1;
	if (!argc || attach_type_by_name(*argv, type)) {
		p_err("invalid attach/detach type");
		return -1;
	}
	NEXT_ARG();
	if (*type == BPF_FLOW_DISSECTOR) {
		*map_fd = 0;
		if (argc) {
			p_err("flow_dissector takes no map, got: '%s'", *argv);
			return -1;
		}
		return 0;
	}
	if (!REQ_ARGS(2))
		return -1;
	*map_fd = map_parse_fd(&argc, &argv);
	if (*map_fd < 0)
		return -1;
	if (argc) {
		p_err("too many arguments, got: '%s'", *argv);
		return -1;
	}
	return 0;
}

static int attach_detach(int argc, char **argv, bool attach)
{
	enum bpf_attach_type type;
	int prog_fd, map_fd, err;

	err = parse_args(argc, argv, &prog_fd, &type, &map_fd);
	if (!err) {
		if (attach)
			err = bpf_prog_attach(prog_fd, map_fd, type, 0);
		else
			err = bpf_prog_detach2(prog_fd, map_fd, type);
		if (err)
			p_err(attach ? "failed prog attach to map: %s" :
				       "failed prog detach from map: %s",
			      strerror(errno));
	}
	if (prog_fd >= 0)
		close(prog_fd);
	if (map_fd > 0)
		close(map_fd);
	if (err)
		return -1;
	if (json_output)
		jsonw_null(json_wtr);
	return 0;
}

int prog_do_attach(int argc, char **argv)
{
	return attach_detach(argc, argv, true);
}

int prog_do_detach(int argc, char **argv)
{
	return attach_detach(argc, argv, false);
}
