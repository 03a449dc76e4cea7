// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpfkit demo: creates a hash map and loads a socket filter, both named
 * "bpfkit_demo", through the plain syscall wrappers of <bpf/bpf.h>, pins
 * them in bpffs and prints their kernel ids:
 *
 *	$ demo
 *	map_id=12
 *	prog_id=34
 *	$ bpftool map show pinned /sys/fs/bpf/bpfkit_demo_map
 *	$ demo --cleanup
 *
 * The objects live on after the process exits because of the pins;
 * --cleanup removes the pins, and with them the objects.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#define DEMO_NAME	"bpfkit_demo"
#define MAP_PIN		"/sys/fs/bpf/bpfkit_demo_map"
#define PROG_PIN	"/sys/fs/bpf/bpfkit_demo_prog"

static int fail(const char *what, int err)
{
	fprintf(stderr, "demo: %s: %s\n", what, strerror(-err));
	if (err == -EPERM || err == -ENOENT)
		fprintf(stderr, "demo: is bpffs mounted on /sys/fs/bpf, and are we root?\n");
	if (err == -EEXIST)
		fprintf(stderr, "demo: already pinned; run 'demo --cleanup' first\n");
	return 1;
}

static int unpin(const char *path)
{
	if (unlink(path) == 0) {
		fprintf(stderr, "demo: removed %s\n", path);
		return 0;
	}
	if (errno == ENOENT) {
		fprintf(stderr, "demo: %s was not pinned\n", path);
		return 0;
	}
	fprintf(stderr, "demo: cannot remove %s: %s\n", path, strerror(errno));
	return 1;
}

static __u32 map_id(int fd)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	return bpf_map_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

static __u32 prog_id(int fd)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	return bpf_prog_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

int main(int argc, char **argv)
{
	/* r0 = 0; exit: a socket filter that lets no bytes through. */
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char log[4096] = "";
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log));
	int map_fd, prog_fd, err, ret = 1;
	__u32 key = 1;
	__u64 value = 42;

	if (argc > 1 && !strcmp(argv[1], "--cleanup"))
		return unpin(MAP_PIN) | unpin(PROG_PIN);
	if (argc > 1) {
		fprintf(stderr, "usage: %s [--cleanup]\n", argv[0]);
		return 2;
	}

	map_fd = bpf_map_create(BPF_MAP_TYPE_HASH, DEMO_NAME, sizeof(key),
				sizeof(value), 16, NULL);
	if (map_fd < 0)
		return fail("map create", map_fd);
	err = bpf_map_update_elem(map_fd, &key, &value, BPF_ANY);
	if (err) {
		ret = fail("map update", err);
		goto out_map;
	}

	prog_fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, DEMO_NAME, "GPL",
				insns, sizeof(insns) / sizeof(insns[0]), &opts);
	if (prog_fd < 0) {
		ret = fail("prog load", prog_fd);
		if (log[0])
			fprintf(stderr, "%s", log);
		goto out_map;
	}

	err = bpf_obj_pin(map_fd, MAP_PIN);
	if (err) {
		ret = fail("pin " MAP_PIN, err);
		goto out_prog;
	}
	err = bpf_obj_pin(prog_fd, PROG_PIN);
	if (err) {
		ret = fail("pin " PROG_PIN, err);
		unlink(MAP_PIN);
		goto out_prog;
	}

	printf("map_id=%u\n", map_id(map_fd));
	printf("prog_id=%u\n", prog_id(prog_fd));
	fprintf(stderr, "demo: map and prog '%s' pinned at %s and %s\n",
		DEMO_NAME, MAP_PIN, PROG_PIN);
	ret = 0;
out_prog:
	close(prog_fd);
out_map:
	close(map_fd);
	return ret;
}
