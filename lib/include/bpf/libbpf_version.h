/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* bpfkit implements the libbpf 1.8 API and ABI (see lib/api/libbpf-api.txt). */
#ifndef __LIBBPF_VERSION_H
#define __LIBBPF_VERSION_H

#define LIBBPF_MAJOR_VERSION 1
#define LIBBPF_MINOR_VERSION 8

#endif /* __LIBBPF_VERSION_H */
