// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Kconfig and ksym externs resolved at load. */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

struct ext_bss {
	__u64 version;
	int hz, syscall, jit, missing, extra;
	__u64 fops, nosym;
};

/* The address /proc/kallsyms gives name, read the plain way. */
static unsigned long long kallsyms_addr(const char *name)
{
	unsigned long long a, found = 0;
	char sym[256], type;
	FILE *f = fopen("/proc/kallsyms", "re");

	if (!f)
		return 0;
	while (fscanf(f, "%llx %c %255s%*[^\n]\n", &a, &type, sym) == 3) {
		if (!strcmp(sym, name)) {
			found = a;
			break;
		}
	}
	fclose(f);
	return found;
}

TEST(externs_kconfig_and_ksyms)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts,
		    .kconfig = "CONFIG_BPFKIT_EXTRA=0x2a\nCONFIG_HZ=1000");
	struct bpf_object *obj;
	struct bpf_map *kc, *bss, *data;
	struct utsname u;
	unsigned int a, b;
	int fd, *d;
	__u64 *q;
	size_t sz;

	obj = bpf_object__open_file(test_prog_path("obj_externs.bpf.o"), &opts);
	ASSERT_PTR(obj);
	kc = bpf_object__find_map_by_name(obj, ".kconfig");
	ASSERT_PTR(kc);
	ASSERT_TRUE(bpf_map__is_internal(kc));
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_FD(bpf_object__btf_fd(obj));	/* BTF was fixed up and loaded */
	fd = bpf_program__fd(bpf_object__find_program_by_name(obj, "read_externs"));
	ASSERT_OK(bpf_prog_test_run_opts(fd, NULL));

	bss = bpf_object__find_map_by_name(obj, ".bss");
	data = bpf_object__find_map_by_name(obj, ".data");
	ASSERT_PTR(bss);
	ASSERT_PTR(data);
	q = bpf_map__initial_value(bss, &sz);
	ASSERT_PTR(q);
	uname(&u);
	ASSERT_EQ(sscanf(u.release, "%u.%u", &a, &b), 2);
	/* version, then the ints: the layout follows the declarations */
	ASSERT_EQ(q[0] >> 8, (a << 8) | b);
	d = (int *)(q + 1);
	ASSERT_EQ(d[0], 1000);		/* from the kconfig option, not the file */
	ASSERT_EQ(d[1], 1);		/* CONFIG_BPF_SYSCALL=y */
	ASSERT_TRUE(d[2] == 1 || d[2] == 0);	/* tristate JIT */
	ASSERT_EQ(d[3], 42);		/* CONFIG_BPFKIT_EXTRA */
	d = bpf_map__initial_value(data, &sz);
	ASSERT_EQ(d[0], 0);		/* the weak missing option reads 0 */
	q = bpf_map__initial_value(bss, &sz);
	ASSERT_NE(q[3], 0);		/* _stext from kallsyms */
	ASSERT_EQ(q[3], kallsyms_addr("_stext"));
	ASSERT_EQ(*(__u64 *)((char *)d + 8), 0);	/* weak missing ksym */
	bpf_object__close(obj);
}

TEST(externs_missing_strong_kconfig)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .kconfig = "CONFIG_HZ=bad");
	struct bpf_object *obj;

	obj = bpf_object__open_file(test_prog_path("obj_externs.bpf.o"), &opts);
	ASSERT_PTR(obj);
	ASSERT_ERR(bpf_object__load(obj), -EINVAL);
	ASSERT_LOG("extern (kcfg) 'CONFIG_HZ': bad number 'bad'");
	bpf_object__close(obj);
}

TEST(externs_kfuncs)
{
	struct bpf_object *obj;
	struct bpf_map *data;
	size_t sz;
	int *d;

	obj = bpf_object__open_file(test_prog_path("obj_kfuncs.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_OK(bpf_prog_test_run_opts(bpf_program__fd(
		bpf_object__find_program_by_name(obj, "use_kfuncs")), NULL));
	data = bpf_object__find_map_by_name(obj, ".data");
	d = bpf_map__initial_value(data, &sz);
	ASSERT_EQ(d[0], 1);	/* bpf_task_acquire exists */
	ASSERT_EQ(d[1], 0);	/* the missing weak kfunc does not */
	bpf_object__close(obj);
}
