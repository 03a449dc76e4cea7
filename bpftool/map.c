// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* The map family: dispatch, help, and the element and lifecycle commands. */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "map.h"

bool map_is_per_cpu(__u32 type)
{
	return type == BPF_MAP_TYPE_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

bool map_is_map_of_maps(__u32 type)
{
	return type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	       type == BPF_MAP_TYPE_HASH_OF_MAPS;
}

bool map_is_map_of_progs(__u32 type)
{
	return type == BPF_MAP_TYPE_PROG_ARRAY;
}

unsigned int map_value_buf_size(const struct bpf_map_info *info)
{
	if (!map_is_per_cpu(info->type))
		return info->value_size;
	return ((info->value_size + 7) & ~7u) * libbpf_num_possible_cpus();
}

static int do_help(int argc, char **argv)
{
	if (json_output) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr,
		"Usage: %1$s %2$s { show | list }   [MAP]\n"
		"       %1$s %2$s create     FILE type TYPE key KEY_SIZE value VALUE_SIZE \\\n"
		"                                  entries MAX_ENTRIES name NAME [flags FLAGS] \\\n"
		"                                  [inner_map MAP] [offload_dev NAME]\n"
		"       %1$s %2$s dump       MAP\n"
		"       %1$s %2$s update     MAP [key DATA] [value VALUE] [UPDATE_FLAGS]\n"
		"       %1$s %2$s lookup     MAP [key DATA]\n"
		"       %1$s %2$s getnext    MAP [key DATA]\n"
		"       %1$s %2$s delete     MAP  key DATA\n"
		"       %1$s %2$s pin        MAP  FILE\n"
		"       %1$s %2$s event_pipe MAP [cpu N index M]\n"
		"       %1$s %2$s peek       MAP\n"
		"       %1$s %2$s push       MAP value VALUE\n"
		"       %1$s %2$s pop        MAP\n"
		"       %1$s %2$s enqueue    MAP value VALUE\n"
		"       %1$s %2$s dequeue    MAP\n"
		"       %1$s %2$s freeze     MAP\n"
		"       %1$s %2$s help\n"
		"\n"
		"       " HELP_SPEC_MAP "\n"
		"       DATA := { [hex] BYTES }\n"
		"       " HELP_SPEC_PROGRAM "\n"
		"       VALUE := { DATA | MAP | PROG }\n"
		"       UPDATE_FLAGS := { any | exist | noexist }\n"
		"       TYPE := { hash | array | prog_array | perf_event_array | percpu_hash |\n"
		"                 percpu_array | stack_trace | cgroup_array | lru_hash |\n"
		"                 lru_percpu_hash | lpm_trie | array_of_maps | hash_of_maps |\n"
		"                 devmap | devmap_hash | sockmap | cpumap | xskmap | sockhash |\n"
		"                 cgroup_storage | reuseport_sockarray | percpu_cgroup_storage |\n"
		"                 queue | stack | sk_storage | struct_ops | ringbuf | inode_storage |\n"
		"                 task_storage | bloom_filter | user_ringbuf | cgrp_storage | arena }\n"
		"       " HELP_SPEC_OPTIONS " |\n"
		"                    {-f|--bpffs} | {-n|--nomount} }\n",
		bin_name, argv[-2]);
	return 0;
}

/*
 * key_size/value_size say what the command takes (0: none), so that a word
 * given twice reads "duplicate" and one the command has no use for reads
 * "unnecessary"; key/value are NULL once parsed.
 */
static int parse_elem(char **argv, const struct bpf_map_info *info, void *key,
		      void *value, __u32 key_size, __u32 value_size,
		      __u32 *flags, __u32 **value_fd)
{
	if (!*argv) {
		if (!key && !value)
			return 0;
		p_err("did not find %s", key ? "key" : "value");
		return -1;
	}
	if (is_prefix(*argv, "key")) {
		if (!key) {
			p_err(key_size ? "duplicate key" : "unnecessary key");
			return -1;
		}
		argv = parse_bytes(argv + 1, "key", key, info->key_size);
		if (!argv)
			return -1;
		return parse_elem(argv, info, NULL, value, key_size, value_size,
				  flags, value_fd);
	}
	if (is_prefix(*argv, "value")) {
		int fd, argc = 2;

		if (!value) {
			p_err(value_size ? "duplicate value" : "unnecessary value");
			return -1;
		}
		argv++;
		if (map_is_map_of_maps(info->type) || map_is_map_of_progs(info->type)) {
			bool maps = map_is_map_of_maps(info->type);

			if (info->value_size != 4) {
				p_err("value smaller than 4B for map %s?",
				      maps ? "in map" : "of progs");
				return -1;
			}
			if (!argv[0] || !argv[1]) {
				p_err("not enough value arguments for map %s",
				      maps ? "in map" : "of progs");
				return -1;
			}
			fd = maps ? map_parse_fd(&argc, &argv) : prog_parse_fd(&argc, &argv);
			if (fd < 0)
				return -1;
			*value_fd = value;
			**value_fd = fd;
		} else {
			argv = parse_bytes(argv, "value", value, info->value_size);
			if (!argv)
				return -1;
			if (map_is_per_cpu(info->type)) {
				unsigned int step = (info->value_size + 7) & ~7u;
				int cpu, n = libbpf_num_possible_cpus();

				for (cpu = 1; cpu < n; cpu++)
					memcpy((char *)value + cpu * step, value,
					       info->value_size);
			}
		}
		return parse_elem(argv, info, key, NULL, key_size, value_size,
				  flags, NULL);
	}
	if (is_prefix(*argv, "any") || is_prefix(*argv, "noexist") ||
	    is_prefix(*argv, "exist")) {
		if (!flags) {
			p_err("flags specified multiple times: %s", *argv);
			return -1;
		}
		if (is_prefix(*argv, "any"))
			*flags = BPF_ANY;
		else if (is_prefix(*argv, "noexist"))
			*flags = BPF_NOEXIST;
		else
			*flags = BPF_EXIST;
		return parse_elem(argv + 1, info, key, value, key_size, value_size,
				  NULL, value_fd);
	}
	p_err("expected key or value, got: %s", *argv);
	return -1;
}

int map_parse_kv(const struct bpf_map_info *info, int argc, char **argv,
		 const char *error_msg, void *key, void *value, __u32 **value_fd)
{
	__u32 flags;

	(void)argc;
	(void)error_msg;
	return parse_elem(argv, info, key, value, key ? info->key_size : 0,
			  value ? info->value_size : 0, &flags, value_fd);
}

int map_do_update(int argc, char **argv)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info), *value_fd = NULL, flags = BPF_ANY;
	void *key = NULL, *value = NULL;
	int fd, err;

	if (argc < 2)
		usage();
	fd = map_parse_fd_and_info(&argc, &argv, &info, &len);
	if (fd < 0)
		return -1;
	key = calloc(1, info.key_size ? info.key_size : 1);
	value = calloc(1, map_value_buf_size(&info) ? map_value_buf_size(&info) : 1);
	if (!key || !value) {
		p_err("mem alloc failed");
		err = -1;
		goto out;
	}
	err = parse_elem(argv, &info, info.key_size ? key : NULL, value,
			 info.key_size, info.value_size, &flags, &value_fd);
	if (err)
		goto out;
	err = bpf_map_update_elem(fd, info.key_size ? key : NULL, value, flags);
	if (err) {
		p_err("update failed: %s", strerror(errno));
		goto out;
	}
	if (json_output)
		jsonw_null(json_wtr);
out:
	if (value_fd)
		close(*value_fd);
	free(key);
	free(value);
	close(fd);
	return err ? -1 : 0;
}

int map_do_delete(int argc, char **argv)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	void *key;
	int fd, err;

	if (argc < 2)
		usage();
	fd = map_parse_fd_and_info(&argc, &argv, &info, &len);
	if (fd < 0)
		return -1;
	key = calloc(1, info.key_size ? info.key_size : 1);
	if (!key) {
		p_err("mem alloc failed");
		close(fd);
		return -1;
	}
	err = parse_elem(argv, &info, key, NULL, info.key_size, 0, NULL, NULL);
	if (!err) {
		err = bpf_map_delete_elem(fd, key);
		if (err)
			p_err("delete failed: %s", strerror(errno));
	}
	if (!err && json_output)
		jsonw_null(json_wtr);
	free(key);
	close(fd);
	return err ? -1 : 0;
}

int map_do_pin(int argc, char **argv)
{
	return do_pin_any(argc, argv, map_parse_fd);
}

int map_do_freeze(int argc, char **argv)
{
	int fd, err;

	if (!REQ_ARGS(2))
		return -1;
	fd = map_parse_fd(&argc, &argv);
	if (fd < 0)
		return -1;
	if (argc) {
		close(fd);
		return BAD_ARG();
	}
	err = bpf_map_freeze(fd);
	close(fd);
	if (err) {
		p_err("failed to freeze map: %s", strerror(errno));
		return err;
	}
	if (json_output)
		jsonw_null(json_wtr);
	return 0;
}

static int map_type_from_str(const char *s)
{
	const char *name;
	int type;

	for (type = 0; (name = libbpf_bpf_map_type_str(type)) || type < 64; type++) {
		if (name && !strcmp(name, s))
			return type;
	}
	return -1;
}

static int parse_u32_word(char **argv, __u32 *out, const char *what)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(*argv, &end, 0);
	if (!**argv || *end || errno || v > UINT32_MAX) {
		p_err("can't parse %s", what);
		return -1;
	}
	*out = v;
	return 0;
}

int map_do_create(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_map_create_opts, attr);
	__u32 key_size = 0, value_size = 0, max_entries = 0;
	const char *file, *map_name = NULL;
	enum bpf_map_type map_type = BPF_MAP_TYPE_UNSPEC;
	int fd = -1, err = -1, inner_fd = -1;

	if (!REQ_ARGS(7))
		return -1;
	file = GET_ARG();
	while (argc) {
		if (!REQ_ARGS(2))
			goto out;
		if (is_prefix(*argv, "type")) {
			int t;

			NEXT_ARG();
			if (map_type) {
				p_err("map type already specified");
				goto out;
			}
			t = map_type_from_str(*argv);
			if (t <= 0) {
				p_err("unrecognized map type: %s", *argv);
				goto out;
			}
			map_type = t;
			NEXT_ARG();
		} else if (is_prefix(*argv, "name")) {
			NEXT_ARG();
			map_name = GET_ARG();
		} else if (is_prefix(*argv, "key")) {
			NEXT_ARG();
			if (parse_u32_word(argv, &key_size, "key size"))
				goto out;
			NEXT_ARG();
		} else if (is_prefix(*argv, "value")) {
			NEXT_ARG();
			if (parse_u32_word(argv, &value_size, "value size"))
				goto out;
			NEXT_ARG();
		} else if (is_prefix(*argv, "entries")) {
			NEXT_ARG();
			if (parse_u32_word(argv, &max_entries, "max entries"))
				goto out;
			NEXT_ARG();
		} else if (is_prefix(*argv, "flags")) {
			__u32 flags;

			NEXT_ARG();
			if (parse_u32_word(argv, &flags, "flags"))
				goto out;
			attr.map_flags = flags;
			NEXT_ARG();
		} else if (is_prefix(*argv, "dev") || is_prefix(*argv, "offload_dev")) {
			NEXT_ARG();
			attr.map_ifindex = if_nametoindex(*argv);
			if (!attr.map_ifindex) {
				p_err("unrecognized netdevice '%s': %s", *argv,
				      strerror(errno));
				goto out;
			}
			NEXT_ARG();
		} else if (is_prefix(*argv, "inner_map")) {
			struct bpf_map_info info = {};
			__u32 len = sizeof(info);

			NEXT_ARG();
			if (inner_fd >= 0) {
				p_err("inner_map already specified");
				goto out;
			}
			inner_fd = map_parse_fd_and_info(&argc, &argv, &info, &len);
			if (inner_fd < 0)
				goto out;
			attr.inner_map_fd = inner_fd;
		} else {
			p_err("unknown arg %s", *argv);
			goto out;
		}
	}
	if (!map_name) {
		p_err("map name not specified");
		goto out;
	}
	if (!map_type) {
		p_err("map type not specified");
		goto out;
	}
	fd = bpf_map_create(map_type, map_name, key_size, value_size,
			    max_entries, &attr);
	if (fd < 0) {
		p_err("map create failed: %s", strerror(errno));
		goto out;
	}
	err = do_pin_fd(fd, file);
	if (!err && json_output)
		jsonw_null(json_wtr);
out:
	if (fd >= 0)
		close(fd);
	if (inner_fd >= 0)
		close(inner_fd);
	return err;
}

static const struct cmd cmds[] = {
	{ "show",	map_do_show },
	{ "list",	map_do_show },
	{ "help",	do_help },
	{ "dump",	map_do_dump },
	{ "update",	map_do_update },
	{ "lookup",	map_do_lookup },
	{ "getnext",	map_do_getnext },
	{ "delete",	map_do_delete },
	{ "pin",	map_do_pin },
	{ "event_pipe",	map_do_event_pipe },
	{ "create",	map_do_create },
	{ "peek",	map_do_peek },
	{ "push",	map_do_push },
	{ "enqueue",	map_do_enqueue },
	{ "pop",	map_do_pop },
	{ "dequeue",	map_do_dequeue },
	{ "freeze",	map_do_freeze },
	{ 0 }
};

int do_map(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
