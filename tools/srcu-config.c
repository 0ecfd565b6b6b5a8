// SPDX-License-Identifier: GPL-2.0
/*
 * srcu-config: read, replace and watch the configuration held by
 * /dev/srcu_config (see Documentation/userspace-api.rst).
 *
 *   srcu-config [OPTIONS] get [-o FILE] [--read]
 *   srcu-config [OPTIONS] set [FILE|-] [--expedited|--deferred]
 *                             [--if-generation N]
 *   srcu-config [OPTIONS] info
 *   srcu-config [OPTIONS] watch [--count N] [--timeout SECONDS]
 *
 * OPTIONS: -d DEVICE, -v (timings and details on stderr), --json (one JSON
 * object per line on stdout, and one for a failure). The exit statuses
 * are errors.h's, documented in Documentation/man/srcu-config.1.rst.
 *
 * This file is the command line; commands.c talks to the device,
 * output.c prints each command's result, errors.c classifies and reports
 * failures, json.c encodes.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "errors.h"
#include "srcu-config.h"
#include "tool.h"

struct tool_settings tool = { .device = SRCU_CONFIG_DEVICE };

static int print_usage(FILE *out)
{
	fprintf(out,
		"usage: srcu-config [-v] [--json] [-d DEVICE] COMMAND [ARGS]\n"
		"\n"
		"  get [-o FILE] [--read]   print the configuration (GET: one generation);\n"
		"                           --read uses one read(2) call instead\n"
		"  set [FILE|-] [--expedited|--deferred] [--if-generation N]\n"
		"                           replace it with FILE or stdin\n"
		"  info                     show generation, size, limits and counters\n"
		"  watch [--count N] [--timeout SECONDS]\n"
		"                           print each new generation as it is set\n"
		"\n"
		"  -d, --device DEVICE      default " SRCU_CONFIG_DEVICE "\n"
		"  -v, --verbose            timings and details (on stderr)\n"
		"  -j, --json               one JSON object per line on stdout\n"
		"\n"
		"exit status: 0 success, 1 error, 2 usage, 3 module not loaded,\n"
		"  4 no such device path, 5 not the srcu_config device, 6 module\n"
		"  older than the tool, 7 permission denied, 8 generation moved\n"
		"  (--if-generation), 9 too large, 10 watch timed out\n");
	return out == stdout ? 0 : EXIT_USAGE;
}

static int usage_error(const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	report(EXIT_USAGE, 0, "%s", msg);
	fputs("Try 'srcu-config --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

static bool parse_u64(const char *s, unsigned long long *out)
{
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return false;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return !errno && !*end;
}

enum {
	OPT_DEFERRED = 256,
	OPT_READ,
};

static const struct option long_options[] = {
	{ "device", required_argument, NULL, 'd' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "read", no_argument, NULL, OPT_READ },
	{ "expedited", no_argument, NULL, 'e' },
	{ "deferred", no_argument, NULL, OPT_DEFERRED },
	{ "if-generation", required_argument, NULL, 'g' },
	{ "count", required_argument, NULL, 'n' },
	{ "timeout", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

/* Which command each command-specific option belongs to. */
static const char *option_command(int opt, const char **name)
{
	const struct option *o;

	for (o = long_options; o->name; o++)
		if (o->val == opt)
			*name = o->name;
	switch (opt) {
	case 'o':
	case OPT_READ:
		return "get";
	case 'e':
	case OPT_DEFERRED:
	case 'g':
		return "set";
	case 'n':
	case 't':
		return "watch";
	default:
		return NULL;
	}
}

int main(int argc, char **argv)
{
	struct options opt = { 0 };
	const char *cmd, *owner, *name = NULL, *used[8], *names[8];
	int c, nused = 0, i;
	char *end;

	/* Usage errors are reported as JSON too: know it before parsing. */
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j"))
			tool.json = true;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:vjho:eg:n:t:", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'd':
			tool.device = optarg;
			break;
		case 'v':
			tool.verbose = true;
			break;
		case 'j':
			tool.json = true;
			break;
		case 'h':
			return print_usage(stdout);
		case 'o':
			opt.output = optarg;
			break;
		case OPT_READ:
			opt.read_mode = true;
			break;
		case 'e':
			opt.expedited = true;
			break;
		case OPT_DEFERRED:
			opt.deferred = true;
			break;
		case 'g':
			/* Generations start at 1: 0 is never one. */
			if (!parse_u64(optarg, &opt.expected_generation) ||
			    !opt.expected_generation)
				return usage_error("--if-generation needs a generation number (1 or more), not '%s'",
						   optarg);
			opt.if_generation = true;
			break;
		case 'n':
			if (!parse_u64(optarg, &opt.count) || !opt.count)
				return usage_error("--count needs a positive number, not '%s'",
						   optarg);
			break;
		case 't':
			errno = 0;
			opt.timeout = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(opt.timeout >= 0) ||
			    opt.timeout > 1e9)
				return usage_error("--timeout needs a number of seconds, not '%s'",
						   optarg);
			opt.has_timeout = true;
			break;
		case ':':
			return usage_error("option '%s' needs an argument", argv[optind - 1]);
		default:
			if (optopt) {
				char opt_name[3] = { '-', (char)optopt, 0 };

				return usage_error("unknown option '%s'", opt_name);
			}
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
		owner = option_command(c, &name);
		if (owner && nused < (int)ARRAY_SIZE(used)) {
			names[nused] = name;
			used[nused++] = owner;
		}
	}
	if (optind >= argc) {
		if (tool.json)
			return usage_error("%s", "no command given");
		print_usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[optind++];
	if (strcmp(cmd, "get") && strcmp(cmd, "set") && strcmp(cmd, "info") &&
	    strcmp(cmd, "watch"))
		return usage_error("unknown command '%s'", cmd);
	for (i = 0; i < nused; i++) {
		if (strcmp(used[i], cmd)) {
			char msg[128];

			snprintf(msg, sizeof(msg), "--%s is an option of '%s', not of '%s'",
				 names[i], used[i], cmd);
			return usage_error("%s", msg);
		}
	}
	if (opt.expedited && opt.deferred)
		return usage_error("%s", "--expedited and --deferred exclude each other");
	if (opt.read_mode && tool.json)
		return usage_error("%s", "--read gives bytes only; it does not combine with --json");
	if (!strcmp(cmd, "set")) {
		if (argc - optind > 1)
			return usage_error("set takes one FILE, not '%s'", argv[optind + 1]);
		return cmd_set(optind < argc ? argv[optind] : NULL, &opt);
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!strcmp(cmd, "get"))
		return cmd_get(&opt);
	if (!strcmp(cmd, "info"))
		return cmd_info();
	return cmd_watch(&opt);
}
