// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpfkit demo: the whole path of a BPF tool through our library.
 *
 *	demo [-o OBJ] [-n COUNT]   open, load and attach demo.bpf.o (a tracepoint
 *	                           on openat counting per command), pin program,
 *	                           map and link under /sys/fs/bpf/bpfkit_demo/,
 *	                           open COUNT files, print what the program saw
 *	demo --cleanup             remove the pins, detaching the program
 *
 * The objects outlive the process through their pins, so that bpftool can
 * show them afterwards (scripts/demo.sh does).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#define PIN_DIR  "/sys/fs/bpf/bpfkit_demo"
#define PROG_PIN PIN_DIR "/prog"
#define MAP_PIN  PIN_DIR "/opens_by_comm"
#define LINK_PIN PIN_DIR "/link"

static int cleanup(void)
{
	const char *pins[] = { LINK_PIN, PROG_PIN, MAP_PIN };
	int ret = 0;
	size_t i;

	for (i = 0; i < sizeof(pins) / sizeof(pins[0]); i++) {
		if (unlink(pins[i]) && errno != ENOENT) {
			fprintf(stderr, "demo: cannot remove %s: %s\n", pins[i], strerror(errno));
			ret = 1;
		}
	}
	if (rmdir(PIN_DIR) && errno != ENOENT) {
		fprintf(stderr, "demo: cannot remove %s: %s\n", PIN_DIR, strerror(errno));
		ret = 1;
	}
	if (!ret)
		fprintf(stderr, "demo: removed %s (program detached)\n", PIN_DIR);
	return ret;
}

/* demo.bpf.o is installed next to the demo binary. */
static const char *default_object(const char *argv0, char *buf, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n <= 0)
		snprintf(self, sizeof(self), "%s", argv0);
	else
		self[n] = '\0';
	snprintf(buf, size, "%s/demo.bpf.o", dirname(self));
	return buf;
}

static void trigger_opens(int count)
{
	int i;

	for (i = 0; i < count; i++) {
		int fd = open("/etc/hostname", O_RDONLY | O_CLOEXEC);

		if (fd >= 0)
			close(fd);
	}
}

static int show_counts(struct bpf_map *map)
{
	char key[16] = "", next[16];
	__u64 count;
	int n = 0;

	while (!bpf_map__get_next_key(map, n ? key : NULL, next, sizeof(next))) {
		if (!bpf_map__lookup_elem(map, next, sizeof(next), &count, sizeof(count), 0))
			printf("  %-16.16s %llu\n", next, (unsigned long long)count);
		memcpy(key, next, sizeof(key));
		n++;
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *obj_path = NULL;
	char obj_buf[PATH_MAX];
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *link = NULL;
	struct bpf_map *map, *bss;
	int opt, count = 100, err;
	__u64 *total;

	if (argc == 2 && !strcmp(argv[1], "--cleanup"))
		return cleanup();
	while ((opt = getopt(argc, argv, "o:n:h")) != -1) {
		switch (opt) {
		case 'o':
			obj_path = optarg;
			break;
		case 'n':
			count = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: %s [-o OBJ] [-n COUNT] | --cleanup\n", argv[0]);
			return 2;
		}
	}
	if (!obj_path)
		obj_path = default_object(argv[0], obj_buf, sizeof(obj_buf));

	obj = bpf_object__open_file(obj_path, NULL);
	if (!obj) {
		fprintf(stderr, "demo: cannot open %s: %s\n", obj_path, strerror(errno));
		return 1;
	}
	err = bpf_object__load(obj);
	if (err) {
		fprintf(stderr, "demo: cannot load %s: %s\n", obj_path, strerror(-err));
		goto out;
	}
	prog = bpf_object__find_program_by_name(obj, "count_openat");
	map = bpf_object__find_map_by_name(obj, "opens_by_comm");
	bss = bpf_object__find_map_by_name(obj, ".bss");
	if (!prog || !map || !bss) {
		fprintf(stderr, "demo: %s lacks the expected program or maps\n", obj_path);
		err = -ENOENT;
		goto out;
	}
	link = bpf_program__attach(prog);
	if (!link) {
		err = -errno;
		fprintf(stderr, "demo: cannot attach: %s\n", strerror(errno));
		goto out;
	}
	printf("loaded %s: prog '%s' attached to %s\n", obj_path,
	       bpf_program__name(prog), bpf_program__section_name(prog));

	trigger_opens(count);

	total = bpf_map__initial_value(bss, NULL);
	printf("openat calls seen: %llu (this process opened %d files)\n",
	       total ? (unsigned long long)*total : 0ULL, count);
	printf("per command:\n");
	show_counts(map);

	mkdir(PIN_DIR, 0700);
	if ((err = bpf_program__pin(prog, PROG_PIN)) ||
	    (err = bpf_map__pin(map, MAP_PIN)) ||
	    (err = bpf_link__pin(link, LINK_PIN))) {
		fprintf(stderr, "demo: cannot pin under %s: %s\n", PIN_DIR, strerror(-err));
		cleanup();
		goto out;
	}
	printf("pinned under %s; remove with: demo --cleanup\n", PIN_DIR);
out:
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return err ? 1 : 0;
}
