// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A user of a light skeleton: lskelgen_count.lskel.h, written by
 * "bpftool gen skeleton -L lskelgen_count.bpf.o name lskelgen_count" from
 * selftests/progs/lskelgen_count.bpf.c.  selftests/bpftool/gen_light.bats
 * generates the header, compiles this file with -Wall -Werror as C and as
 * C++ without libbpf (the header needs only <bpf/skel_internal.h>) and
 * runs both.
 *
 * open, .rodata/.data set before load, load, attach (two programs that
 * attach, one that does not), the counters in .bss and an ordinary map
 * follow getppid() calls of this process, .data changed through the
 * mapping after load, detach stops counting, destroy leaves no fd open;
 * then the same through open_and_load.  Exit 0 on success, 1 on failure.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lskelgen_count.lskel.h"

static int failures;

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__,	\
				__LINE__, #cond);			\
			fprintf(stderr, __VA_ARGS__);			\
			fprintf(stderr, "\n");				\
			failures++;					\
		}							\
	} while (0)

static int open_fds(void)
{
	struct dirent *e;
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1;	/* the directory's own fd */
}

static void getppid_n(int n)
{
	while (n--)
		syscall(SYS_getppid);
}

/* The map is read through bpf() directly: there is no libbpf here. */
static int lookup_u64(int map_fd, unsigned int key, unsigned long long *val)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = map_fd;
	attr.key = (unsigned long)&key;
	attr.value = (unsigned long)val;
	return skel_sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr, sizeof(attr));
}

static void run_full_cycle(void)
{
	struct lskelgen_count *skel;
	unsigned long long last = 0;
	unsigned long long raw, btf;
	int err;

	skel = lskelgen_count__open();
	CHECK(skel, "open failed");
	if (!skel)
		return;
	CHECK(skel->data->step == 1, "initial .data step %d", skel->data->step);
	CHECK(!strcmp(skel->data->tag, "lskel"), "initial .data tag '%s'",
	      skel->data->tag);
	CHECK(skel->rodata->watch_nr == -1, "initial .rodata watch_nr %ld",
	      skel->rodata->watch_nr);
	CHECK(skel->bss->raw_hits == 0, "initial .bss");

	/* before load: the loader copies these into the maps */
	skel->rodata->target_pid = getpid();
	skel->rodata->watch_nr = SYS_getppid;
	skel->data->step = 2;

	err = lskelgen_count__load(skel);
	CHECK(err == 0, "load: %d (%s)", err, strerror(err < 0 ? -err : 0));
	if (err)
		goto out;
	CHECK(skel->maps.last_nr.map_fd > 0, "map fd %d", skel->maps.last_nr.map_fd);
	CHECK(skel->maps.bss.map_fd > 0, "bss fd %d", skel->maps.bss.map_fd);
	CHECK(skel->progs.lskelgen_raw.prog_fd > 0, "raw prog fd");
	CHECK(skel->progs.lskelgen_btf.prog_fd > 0, "btf prog fd");
	CHECK(skel->progs.lskelgen_xdp.prog_fd > 0, "xdp prog fd");
	/* after load the views are the maps themselves */
	CHECK(skel->rodata->target_pid == getpid(), ".rodata after load %d",
	      skel->rodata->target_pid);
	CHECK(skel->data->step == 2, ".data after load %d", skel->data->step);

	err = lskelgen_count__attach(skel);
	CHECK(err == 0, "attach: %d", err);
	CHECK(skel->links.lskelgen_raw_fd > 0, "raw_tp link fd %d",
	      skel->links.lskelgen_raw_fd);
	CHECK(skel->links.lskelgen_btf_fd > 0, "tp_btf link fd %d",
	      skel->links.lskelgen_btf_fd);
	CHECK(skel->links.lskelgen_xdp_fd == 0, "xdp is not auto-attached");

	getppid_n(10);
	raw = skel->bss->raw_hits;
	btf = skel->bss->btf_hits;
	CHECK(raw == 20, "raw_tp counted %llu, want 20 (10 calls, step 2)", raw);
	CHECK(btf == 10, "tp_btf counted %llu, want 10", btf);
	CHECK(lookup_u64(skel->maps.last_nr.map_fd, 0, &last) == 0,
	      "map lookup");
	CHECK(last == SYS_getppid, "map holds %llu, want %d", last, SYS_getppid);

	/* .data is shared with the program */
	skel->data->step = 5;
	getppid_n(1);
	CHECK(skel->bss->raw_hits == 25, "after step 5: %llu",
	      (unsigned long long)skel->bss->raw_hits);

	lskelgen_count__detach(skel);
	CHECK(skel->links.lskelgen_raw_fd == 0, "detach clears the link fds");
	getppid_n(5);
	CHECK(skel->bss->raw_hits == 25, "counted after detach: %llu",
	      (unsigned long long)skel->bss->raw_hits);
	CHECK(skel->bss->btf_hits == 11, "tp_btf counted after detach: %llu",
	      (unsigned long long)skel->bss->btf_hits);

	/* attach again after detach */
	err = lskelgen_count__attach(skel);
	CHECK(err == 0, "re-attach: %d", err);
	getppid_n(1);
	CHECK(skel->bss->raw_hits == 30, "after re-attach: %llu",
	      (unsigned long long)skel->bss->raw_hits);
out:
	lskelgen_count__destroy(skel);
}

static void run_open_and_load(void)
{
	struct lskelgen_count *skel;

	skel = lskelgen_count__open_and_load();
	CHECK(skel, "open_and_load failed");
	if (!skel)
		return;
	/* target_pid stays 0: nothing of ours is counted */
	CHECK(lskelgen_count__attach(skel) == 0, "attach");
	getppid_n(3);
	CHECK(skel->bss->raw_hits == 0, "counted %llu for pid 0",
	      (unsigned long long)skel->bss->raw_hits);
	lskelgen_count__destroy(skel);
	lskelgen_count__destroy(NULL);
}

int main(void)
{
	int before = open_fds(), after;

	lskelgen_count__assert(NULL);
	run_full_cycle();
	after = open_fds();
	CHECK(after == before, "fds open: %d before, %d after", before, after);
	run_open_and_load();
	after = open_fds();
	CHECK(after == before, "fds open: %d before, %d after open_and_load",
	      before, after);
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("light skeleton: all checks passed\n");
	return 0;
}
