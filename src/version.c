/* version.c: the version, set by the build. */
#include "commands.h"

const char *
fd_version(void)
{
	return FD_VERSION;
}
