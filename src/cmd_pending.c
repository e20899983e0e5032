/*
 * cmd_pending.c: commands whose implementation has not landed yet. Each
 * says so and exits with the usage status; each is deleted from here when
 * its own file implements it.
 */
#include <stdio.h>

#include "commands.h"
#include "diag.h"

static int
pending(const char *name)
{
	fprintf(stderr, "findings %s: not available in this build yet\n", name);
	return FD_EXIT_USAGE;
}

int
fd_cmd_diff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return pending("diff");
}
