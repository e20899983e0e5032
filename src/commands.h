/*
 * commands.h: the subcommands of findings(1). Each parses its own options
 * and returns the exit status (enum fd_exit).
 */
#ifndef FD_COMMANDS_H
#define FD_COMMANDS_H

int fd_cmd_check(int argc, char **argv);
int fd_cmd_render(int argc, char **argv);
int fd_cmd_timeline(int argc, char **argv);
int fd_cmd_diff(int argc, char **argv);
int fd_cmd_build(int argc, char **argv);
int fd_cmd_overview(int argc, char **argv);
int fd_cmd_typeset(int argc, char **argv);
int fd_cmd_fa_import(int argc, char **argv);
int fd_cmd_new(int argc, char **argv);

/* The program's version string. */
const char *fd_version(void);

#endif
