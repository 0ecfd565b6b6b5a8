// SPDX-License-Identifier: GPL-2.0
/*
 * srcu-config-failload: load a module with its Nth fault point failing.
 *
 *   srcu-config-failload MODULE.ko N [PARAMS]
 *
 * Reads the module into memory, arms /proc/thread-self/fail-nth with N
 * (Documentation/fault-injection/fault-injection.rst) and calls
 * init_module(2) from the same thread, so that the Nth allocation the
 * fault-injection filters let through fails. Prints one line:
 *
 *   <init_module return> <errno, or 0> <injected: 1 if the Nth fault
 *   point was reached, 0 if the load needed fewer than N>
 *
 * Exit status: 0 when it printed that line, 2 on a usage or set-up error,
 * 4 when fail-nth does not exist (a kernel without FAULT_INJECTION).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *params = argc > 3 ? argv[3] : "";
	char armed[32], left[32] = "";
	int fd, nth, rc, err;
	struct stat st;
	ssize_t n;
	char *image;

	if (argc < 3) {
		fprintf(stderr, "usage: %s MODULE.ko N [PARAMS]\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || fstat(fd, &st)) {
		perror(argv[1]);
		return 2;
	}
	image = malloc(st.st_size);
	if (!image || read(fd, image, st.st_size) != st.st_size) {
		perror("read");
		return 2;
	}
	close(fd);

	nth = open("/proc/thread-self/fail-nth", O_RDWR);
	if (nth < 0) {
		perror("/proc/thread-self/fail-nth");
		return 4;
	}
	snprintf(armed, sizeof(armed), "%s", argv[2]);
	if (write(nth, armed, strlen(armed)) != (ssize_t)strlen(armed)) {
		perror("fail-nth");
		return 2;
	}
	rc = syscall(SYS_init_module, image, (unsigned long)st.st_size, params);
	err = rc ? errno : 0;
	/* 0 once the fault was injected, what was left of N otherwise. */
	n = pread(nth, left, sizeof(left) - 1, 0);
	if (write(nth, "0", 1) != 1 || n <= 0) {
		perror("fail-nth");
		return 2;
	}
	left[n] = '\0';
	printf("%d %d %d\n", rc, err, atoi(left) == 0);
	return 0;
}
