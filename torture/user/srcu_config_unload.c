// SPDX-License-Identifier: GPL-2.0
/*
 * srcu-config-unload: queue deferred frees, then unload srcu_config at
 * once, from one process, so that the frees are still waiting for their
 * grace period when the module's teardown runs: srcu_barrier() there is
 * all that stands between them and freed module memory.
 *
 *   srcu-config-unload [N]
 *
 * Makes N (default 3) deferred changes of /dev/srcu_config, closes it,
 * reads deferred_pending, and calls delete_module(2). Prints one line:
 *
 *   <delete_module return> <errno, or 0> <deferred frees pending just before>
 *
 * Exit status: 0 when the module was unloaded, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "srcu-config.h"

#define PENDING "/sys/class/misc/srcu_config/deferred_pending"

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 3;
	char text[64], pending[32] = "?";
	int fd, i, rc, err;
	ssize_t len;

	fd = srcu_config_open(NULL, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", SRCU_CONFIG_DEVICE, strerror(-fd));
		return 1;
	}
	for (i = 0; i < n; i++) {
		len = snprintf(text, sizeof(text), "unload: deferred %d\n", i);
		err = srcu_config_set(fd, text, len, SRCU_CONFIG_SET_DEFERRED, 0,
				      NULL);
		if (err)
			fprintf(stderr, "SET: %s\n", strerror(-err));
	}
	close(fd);

	fd = open(PENDING, O_RDONLY);
	if (fd >= 0) {
		len = read(fd, pending, sizeof(pending) - 1);
		pending[len > 0 ? len - 1 : 0] = '\0';
		close(fd);
	}
	rc = syscall(SYS_delete_module, "srcu_config", O_NONBLOCK);
	err = rc ? errno : 0;
	printf("%d %d %s\n", rc, err, pending);
	return rc ? 1 : 0;
}
