// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Error strings, the 0.x error-pointer check, strict mode, version. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "util/err.h"

static const char *const libbpf_errmsg[] = {
	[LIBBPF_ERRNO__LIBELF - __LIBBPF_ERRNO__START]	= "Something wrong in libelf",
	[LIBBPF_ERRNO__FORMAT - __LIBBPF_ERRNO__START]	= "BPF object format invalid",
	[LIBBPF_ERRNO__KVERSION - __LIBBPF_ERRNO__START] = "'version' section incorrect or lost",
	[LIBBPF_ERRNO__ENDIAN - __LIBBPF_ERRNO__START]	= "Endian mismatch",
	[LIBBPF_ERRNO__INTERNAL - __LIBBPF_ERRNO__START] = "Internal error in libbpf",
	[LIBBPF_ERRNO__RELOC - __LIBBPF_ERRNO__START]	= "Relocation failed",
	[LIBBPF_ERRNO__LOAD - __LIBBPF_ERRNO__START]	= "Program load failed for an unknown reason",
	[LIBBPF_ERRNO__VERIFY - __LIBBPF_ERRNO__START]	= "Kernel verifier blocks program loading",
	[LIBBPF_ERRNO__PROG2BIG - __LIBBPF_ERRNO__START] = "Program too big",
	[LIBBPF_ERRNO__KVER - __LIBBPF_ERRNO__START]	= "Incorrect kernel version",
	[LIBBPF_ERRNO__PROGTYPE - __LIBBPF_ERRNO__START] = "Kernel doesn't support this program type",
	[LIBBPF_ERRNO__WRNGPID - __LIBBPF_ERRNO__START]	= "Wrong pid in netlink message",
	[LIBBPF_ERRNO__INVSEQ - __LIBBPF_ERRNO__START]	= "Invalid netlink sequence",
	[LIBBPF_ERRNO__NLPARSE - __LIBBPF_ERRNO__START]	= "Incorrect netlink message parsing",
};

/* Copies msg (or "<prefix> <n>" when msg is NULL) into buf; -ERANGE if cut. */
static int put_msg(char *buf, size_t size, const char *msg, const char *prefix,
		   int n)
{
	int len;

	if (msg)
		len = snprintf(buf, size, "%s", msg);
	else
		len = snprintf(buf, size, "%s %d", prefix, n);
	buf[size - 1] = '\0';
	return len < 0 || (size_t)len >= size ? -ERANGE : 0;
}

LIBBPF_API int libbpf_strerror(int err, char *buf, size_t size)
{
	int ret;

	if (!buf || !size)
		return util_err(-EINVAL);
	if (err < 0)
		err = -err;

	if (err < __LIBBPF_ERRNO__START) {
		const char *desc = strerrordesc_np(err);

		if (!desc) {
			ret = put_msg(buf, size, NULL, "Unknown error", err);
			return util_err(ret ? ret : -EINVAL);
		}
		return util_err(put_msg(buf, size, desc, NULL, 0));
	}
	if (err < __LIBBPF_ERRNO__END)
		return util_err(put_msg(buf, size,
					libbpf_errmsg[err - __LIBBPF_ERRNO__START],
					NULL, 0));
	ret = put_msg(buf, size, NULL, "Unknown libbpf error", err);
	return util_err(ret ? ret : -ENOENT);
}

/* Pointers in the last page of the address space encode -errno (0.x API). */
#define MAX_ERRNO 4095

LIBBPF_API long libbpf_get_error(const void *ptr)
{
	unsigned long v = (unsigned long)ptr;

	if (ptr && v < (unsigned long)-MAX_ERRNO)
		return 0;
	if (ptr)
		errno = -(long)v;
	/* NULL: the failing call left its error in errno. */
	return -errno;
}

LIBBPF_API int libbpf_set_strict_mode(enum libbpf_strict_mode mode)
{
	/* 1.x is always strict; kept for programs written against 0.x. */
	return 0;
}

LIBBPF_API __u32 libbpf_major_version(void)
{
	return LIBBPF_MAJOR_VERSION;
}

LIBBPF_API __u32 libbpf_minor_version(void)
{
	return LIBBPF_MINOR_VERSION;
}

#define VERSION_STR_(x) #x
#define VERSION_STR(x) VERSION_STR_(x)

LIBBPF_API const char *libbpf_version_string(void)
{
	return "v" VERSION_STR(LIBBPF_MAJOR_VERSION) "." VERSION_STR(LIBBPF_MINOR_VERSION);
}
