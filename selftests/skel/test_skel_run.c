// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Generated skeletons against the real kernel: open, set .rodata, load,
 * attach a tracepoint, watch .bss change; subskeletons onto the same
 * object; hand-made skeletons with the record sizes of older and newer
 * generators; and the runtime's answers to broken skeletons.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "skel_test_types.h"
#include "skel_test.skel.h"
#include "skel_test_sub.skel.h"
#include "skel_kp.skel.h"

static void trigger(int n)
{
	while (n--)
		getpgid(0);
}

static void check_initial_values(struct skel_test *skel)
{
	ASSERT_PTR(skel->bss);
	ASSERT_PTR(skel->data);
	ASSERT_PTR(skel->rodata);
	ASSERT_PTR(skel->data_custom);
	ASSERT_EQ(skel->bss->calls, 0);
	ASSERT_EQ(skel->data->big, 0x1122334455667788ULL);
	ASSERT_EQ(skel->data->after_hidden, 9);
	ASSERT_STREQ(skel->data->greeting, "hello");
	ASSERT_EQ(skel->data->origin.x, 3);
	ASSERT_EQ(skel->data->origin.y, -4);
	ASSERT_EQ(skel->rodata->flag, 1);
	ASSERT_EQ(skel->data_custom->custom_val, 42);
	ASSERT_PTR(skel->maps.counters);
	ASSERT_PTR(skel->progs.handle_getpgid);
	ASSERT_PTR(skel->progs.sock_prog);
}

static void check_attached(struct skel_test *skel)
{
	ASSERT_PTR(skel->links.handle_getpgid);
	ASSERT_TRUE(skel->links.sock_prog == NULL);	/* SEC("socket"): no auto-attach */
	ASSERT_FD(bpf_program__fd(skel->progs.sock_prog));

	trigger(3);
	ASSERT_EQ(skel->bss->calls, 3);
	ASSERT_EQ(skel->bss->tail_buf[0], 'x');
	ASSERT_EQ(skel->bss->where.x, 42 + 9);
	ASSERT_EQ(skel->bss->where.y, (long long)0x1122334455667788ULL);

	skel_test__detach(skel);
	ASSERT_TRUE(skel->links.handle_getpgid == NULL);
	trigger(2);
	ASSERT_EQ(skel->bss->calls, 3);

	/* attach again after detach */
	ASSERT_OK(skel_test__attach(skel));
	trigger(1);
	ASSERT_EQ(skel->bss->calls, 4);
}

TEST(skel_open_load_attach)
{
	struct skel_test *skel;
	int err;

	skel = skel_test__open();
	ASSERT_PTR(skel);
	check_initial_values(skel);
	if (test_failed())
		goto out;

	skel->rodata->target_pid = getpid();
	err = skel_test__load(skel);
	if (err) {
		test_fail_at(__FILE__, __LINE__, "load: %d", err);
		goto out;
	}
	/* after load the views point into the kernel maps */
	ASSERT_EQ(skel->rodata->target_pid, getpid());
	ASSERT_EQ(skel->data->after_hidden, 9);

	err = skel_test__attach(skel);
	if (err) {
		test_fail_at(__FILE__, __LINE__, "attach: %d", err);
		goto out;
	}
	check_attached(skel);
out:
	skel_test__destroy(skel);
}

TEST(skel_open_and_load_wrappers)
{
	struct skel_test *skel = skel_test__open_and_load();
	const void *bytes;
	size_t sz = 0;

	ASSERT_PTR(skel);
	bytes = skel_test__elf_bytes(&sz);
	if (!bytes || sz < 64 || memcmp(bytes, "\177ELF", 4))
		test_fail_at(__FILE__, __LINE__, "elf bytes %p size %zu", bytes, sz);
	else if (bpf_program__fd(skel->progs.handle_getpgid) < 0)
		test_fail_at(__FILE__, __LINE__, "program not loaded");
	skel_test__destroy(skel);
	skel_test__destroy(NULL);
}

/* open_opts: our options are passed on; the object keeps the skeleton's name. */
TEST(skel_open_opts)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .kernel_log_level = 0);
	struct skel_test *skel = skel_test__open_opts(&opts);

	ASSERT_PTR(skel);
	if (strcmp(bpf_object__name(skel->obj), "skel_test"))
		test_fail_at(__FILE__, __LINE__, "object name '%s'", bpf_object__name(skel->obj));
	skel_test__destroy(skel);
}

TEST(skel_open_opts_unknown_tail)
{
	struct {
		struct bpf_object_open_opts o;
		long future;
	} big;
	struct skel_test *skel;

	memset(&big, 0, sizeof(big));
	big.o.sz = sizeof(big);
	big.future = 1;		/* an option this library does not know */
	skel = skel_test__open_opts(&big.o);
	if (skel)
		skel_test__destroy(skel);
	ASSERT_TRUE(skel == NULL);
	ASSERT_EQ(errno, EINVAL);
}

static void check_subskel(struct skel_test *skel, struct skel_test_sub *sub)
{
	ASSERT_TRUE(sub->maps.counters == skel->maps.counters);
	ASSERT_TRUE(sub->maps.bss == skel->maps.bss);
	ASSERT_TRUE(sub->progs.handle_getpgid == skel->progs.handle_getpgid);
	ASSERT_TRUE(sub->bss.calls == &skel->bss->calls);
	ASSERT_TRUE((char *)sub->data.greeting == skel->data->greeting);
	ASSERT_TRUE(sub->data.after_hidden == &skel->data->after_hidden);
	ASSERT_TRUE(sub->rodata.target_pid == &skel->rodata->target_pid);
	ASSERT_EQ(*sub->data_custom.custom_val, 42);
	ASSERT_EQ((*sub->data.greeting)[1], 'e');
}

TEST(subskel_view_of_object)
{
	struct skel_test *skel = skel_test__open();
	struct skel_test_sub *sub;

	ASSERT_PTR(skel);
	sub = skel_test_sub__open(skel->obj);
	if (!sub) {
		test_fail_at(__FILE__, __LINE__, "subskeleton open: errno %d", errno);
		skel_test__destroy(skel);
		return;
	}
	check_subskel(skel, sub);
	skel_test_sub__destroy(sub);

	/* and after load, where the views moved into the maps' mmap */
	skel->rodata->target_pid = getpid();
	if (skel_test__load(skel)) {
		test_fail_at(__FILE__, __LINE__, "load failed");
	} else {
		sub = skel_test_sub__open(skel->obj);
		if (sub) {
			check_subskel(skel, sub);
			skel_test_sub__destroy(sub);
		} else {
			test_fail_at(__FILE__, __LINE__, "subskeleton after load: errno %d", errno);
		}
	}
	skel_test__destroy(skel);
}

/*
 * Skeletons made by hand, as generators with other record layouts would:
 * 24-byte map records (before the link field) and 48-byte ones (a future
 * generator), 40-byte program records.
 */
struct rec_map_old { const char *name; struct bpf_map **map; void **mmaped; };
struct rec_map_new { struct bpf_map_skeleton cur; void *future[2]; };
struct rec_prog_new { struct bpf_prog_skeleton cur; void *future[2]; };

struct hand_skel {
	struct bpf_object *obj;
	struct bpf_map *counters, *bss;
	struct bpf_program *handle, *sock;
	struct bpf_link *handle_link, *sock_link;
	void *bss_data;
};

static struct bpf_object_skeleton *hand_make(struct hand_skel *h, bool old_maps)
{
	struct bpf_object_skeleton *s = calloc(1, sizeof(*s));
	struct rec_prog_new *p;
	size_t sz;

	if (!s)
		return NULL;
	s->sz = sizeof(*s);
	s->name = "skel_test";
	s->obj = &h->obj;
	s->data = skel_test__elf_bytes(&sz);
	s->data_sz = sz;
	s->map_cnt = 2;
	if (old_maps) {
		struct rec_map_old *m = calloc(2, sizeof(*m));

		if (m) {
			m[0].name = "counters";
			m[0].map = &h->counters;
			m[1].name = "skel_test.bss";
			m[1].map = &h->bss;
			m[1].mmaped = &h->bss_data;
		}
		s->maps = (struct bpf_map_skeleton *)m;
		s->map_skel_sz = sizeof(*m);
	} else {
		struct rec_map_new *m = calloc(2, sizeof(*m));

		if (m) {
			m[0].cur.name = "counters";
			m[0].cur.map = &h->counters;
			m[1].cur.name = "skel_test.bss";
			m[1].cur.map = &h->bss;
			m[1].cur.mmaped = &h->bss_data;
		}
		s->maps = (struct bpf_map_skeleton *)m;
		s->map_skel_sz = sizeof(*m);
	}
	p = calloc(2, sizeof(*p));
	if (p) {
		p[0].cur.name = "handle_getpgid";
		p[0].cur.prog = &h->handle;
		p[0].cur.link = &h->handle_link;
		p[1].cur.name = "sock_prog";
		p[1].cur.prog = &h->sock;
		p[1].cur.link = &h->sock_link;
	}
	s->progs = (struct bpf_prog_skeleton *)p;
	s->prog_cnt = 2;
	s->prog_skel_sz = sizeof(*p);
	if (!s->maps || !s->progs) {
		bpf_object__destroy_skeleton(s);
		return NULL;
	}
	return s;
}

static void hand_run(bool old_maps)
{
	struct hand_skel h;
	struct bpf_object_skeleton *s;
	int err;

	memset(&h, 0, sizeof(h));
	s = hand_make(&h, old_maps);
	ASSERT_PTR(s);
	err = bpf_object__open_skeleton(s, NULL);
	if (err || !h.counters || !h.bss || !h.handle || !h.sock || !h.bss_data) {
		test_fail_at(__FILE__, __LINE__, "open: %d", err);
		goto out;
	}
	err = bpf_object__load_skeleton(s);
	if (err) {
		test_fail_at(__FILE__, __LINE__, "load: %d", err);
		goto out;
	}
	err = bpf_object__attach_skeleton(s);
	if (err || !h.handle_link || h.sock_link)
		test_fail_at(__FILE__, __LINE__, "attach: %d", err);
out:
	bpf_object__destroy_skeleton(s);
}

TEST(skel_old_map_records)
{
	hand_run(true);
}

TEST(skel_newer_records)
{
	hand_run(false);
}

TEST(skel_bad_skeletons)
{
	struct bpf_object_skeleton s;
	struct bpf_object *obj = NULL;
	size_t sz;

	ASSERT_ERR(bpf_object__open_skeleton(NULL, NULL), -EINVAL);

	memset(&s, 0, sizeof(s));
	s.sz = 8;		/* far too small */
	ASSERT_ERR(bpf_object__open_skeleton(&s, NULL), -EINVAL);
	ASSERT_LOG("skeleton record too small");

	memset(&s, 0, sizeof(s));
	s.sz = sizeof(s);
	s.name = "skel_test";
	s.obj = &obj;
	s.data = skel_test__elf_bytes(&sz);
	s.data_sz = sz;
	s.map_cnt = 1;		/* but no records */
	s.map_skel_sz = sizeof(struct bpf_map_skeleton);
	ASSERT_ERR(bpf_object__open_skeleton(&s, NULL), -EINVAL);
	ASSERT_LOG("bad map records");

	s.map_cnt = 0;
	s.data_sz = 16;		/* truncated ELF */
	ASSERT_TRUE(bpf_object__open_skeleton(&s, NULL) < 0);
	ASSERT_LOG("skel: 'skel_test': failed to open the embedded object");
	ASSERT_TRUE(obj == NULL);

	ASSERT_ERR(bpf_object__load_skeleton(NULL), -EINVAL);
	ASSERT_ERR(bpf_object__attach_skeleton(NULL), -EINVAL);
	bpf_object__detach_skeleton(NULL);
	bpf_object__destroy_skeleton(NULL);
}

/* A map the object does not have: -ESRCH naming it. */
TEST(skel_missing_map)
{
	struct bpf_object_skeleton *s = calloc(1, sizeof(*s));
	struct bpf_map_skeleton *m = calloc(1, sizeof(*m));
	struct bpf_object *obj = NULL;
	struct bpf_map *map = NULL;
	size_t sz;
	int err;

	ASSERT_PTR(s);
	s->sz = sizeof(*s);
	s->name = "skel_test";
	s->obj = &obj;
	s->data = skel_test__elf_bytes(&sz);
	s->data_sz = sz;
	s->maps = m;
	s->map_cnt = m ? 1 : 0;
	s->map_skel_sz = sizeof(*m);
	if (m) {
		m->name = "no_such_map";
		m->map = &map;
	}
	err = bpf_object__open_skeleton(s, NULL);
	bpf_object__destroy_skeleton(s);
	ASSERT_PTR(m);
	ASSERT_ERR(err, -ESRCH);
	ASSERT_LOG("map 'no_such_map' is not in the object");
}

TEST(subskel_bad)
{
	struct bpf_object_subskeleton s;

	ASSERT_ERR(bpf_object__open_subskeleton(NULL), -EINVAL);
	memset(&s, 0, sizeof(s));
	s.sz = sizeof(s);	/* no object */
	ASSERT_ERR(bpf_object__open_subskeleton(&s), -EINVAL);
	bpf_object__destroy_subskeleton(NULL);
}

/* A failing auto-attach (kprobes are off on this kernel) fails the attach. */
TEST(skel_attach_failure_reported)
{
	struct skel_kp *skel = skel_kp__open_and_load();
	int err;

	if (!skel)
		TEST_SKIP("kprobe program does not load here (errno %d)", errno);
	err = skel_kp__attach(skel);
	if (!err) {
		/* a kernel with kprobes: then it must really be attached */
		if (!skel->links.kp_prog)
			test_fail_at(__FILE__, __LINE__, "attach returned 0 without a link");
	} else {
		if (err >= 0 || skel->links.kp_prog)
			test_fail_at(__FILE__, __LINE__, "attach: %d, link %p", err,
				     (void *)skel->links.kp_prog);
		if (!test_log_contains("prog 'kp_prog': failed to auto-attach"))
			test_fail_at(__FILE__, __LINE__, "no message naming kp_prog:\n%s", test_log());
	}
	skel_kp__destroy(skel);
}
