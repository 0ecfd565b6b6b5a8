// SPDX-License-Identifier: GPL-2.0
/* srcu-config's classes of failure (errors.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "errors.h"
#include "json.h"
#include "tool.h"

/* The symbolic name of the errnos the tool reports. */
static const char *errno_name(int err)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EINTR, "EINTR" },
		{ EIO, "EIO" }, { ENXIO, "ENXIO" }, { EBADF, "EBADF" },
		{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { ENODEV, "ENODEV" }, { EISDIR, "EISDIR" },
		{ EINVAL, "EINVAL" }, { ENOSPC, "ENOSPC" }, { ENOTTY, "ENOTTY" },
		{ E2BIG, "E2BIG" }, { EPROTO, "EPROTO" }, { ESTALE, "ESTALE" },
		{ ETIMEDOUT, "ETIMEDOUT" }, { EPIPE, "EPIPE" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].err == err)
			return names[i].name;
	return "EUNKNOWN";
}

int exit_status(int err)
{
	switch (err) {
	case ENODEV:
		return EXIT_NO_MODULE;
	case ENOENT:
		return EXIT_NO_PATH;
	case ENOTTY:
		return EXIT_NOT_DEVICE;
	case EPROTO:
		return EXIT_OLD_MODULE;
	case EPERM:
	case EACCES:
	case EBADF:
		return EXIT_PERMISSION;
	case ESTALE:
		return EXIT_STALE;
	case E2BIG:
		return EXIT_TOO_BIG;
	case ETIMEDOUT:
		return EXIT_TIMEOUT;
	default:
		return EXIT_ERROR;
	}
}

int report(int status, int err, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!status)
		status = exit_status(err);
	fprintf(stderr, "srcu-config: %s\n", msg);
	if (tool.json) {
		printf("{\"error\":\"%s\",\"errno\":%d,\"exit_status\":%d,\"message\":\"",
		       err ? errno_name(err) : "usage", err, status);
		json_escape(stdout, msg, strlen(msg));
		printf("\"}\n");
		fflush(stdout);
	}
	return status;
}

const char *explain(int err)
{
	switch (err) {
	case EPERM:
		return "changing the configuration needs CAP_SYS_ADMIN (run as root)";
	case EBADF:
		return "the device is not open for writing (a change needs a read-write open)";
	case EINVAL:
		return "the module rejected the request as malformed (flags, reserved fields or struct size); is the loaded srcu_config module older than this tool?";
	case E2BIG:
		return "the module does not know some fields this tool set; is the loaded srcu_config module older than this tool?";
	case EFAULT:
		return "the kernel could not access this program's memory (bad address); this is a bug in srcu-config";
	case ENOMEM:
		return "the kernel is out of memory; nothing was changed: free memory or use a smaller configuration";
	case EINTR:
		return "interrupted by a signal; nothing was changed: try again";
	case ENOTTY:
		return "the device does not know this request; is the loaded srcu_config module older than this tool, or is the device not /dev/srcu_config?";
	case ENOSPC:
		return "the configuration kept growing while it was fetched: try again";
	case ESTALE:
		return "the configuration changed since the expected generation; nothing was changed";
	case ENXIO:
		return "the device is gone; is the srcu_config module being unloaded?";
	case EAGAIN:
		return "the configuration kept changing size while it was fetched: try again";
	default:
		return strerror(err);
	}
}

int fail(const char *what, int err)
{
	return report(0, err, "%s: %s", what, explain(err));
}
