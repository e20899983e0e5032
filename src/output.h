/*
 * output.h: writing the outputs so that no fault leaves a partial or a
 * stray file (SPEC.md, Diagnostics and Safety).
 *
 * A file is written under a hidden temporary name in its own folder
 * (".NAME.findings-PID-XXXXXX") and renamed over NAME when whole; `build`
 * stages an inspection's files in a hidden folder of the output folder
 * (".findings-build-PID-XXXXXX"). A signal that ends the program
 * (SIGTERM, SIGINT, SIGHUP, SIGQUIT) removes the temporary file and the
 * staging folder before it takes effect, and is passed on to build's
 * workers; a file-size limit (SIGXFSZ) or a closed pipe (SIGPIPE) becomes
 * a write error, reported with exit 3. What a run killed beyond that
 * (SIGKILL, a power cut) leaves is removed by the next run that writes
 * into the same folder: only names of this form, owned by the same user,
 * whose process no longer runs.
 *
 * Layering: system calls only; no library of the pipeline.
 */
#ifndef FD_OUTPUT_H
#define FD_OUTPUT_H

#include <sys/types.h>

/* Installs the signal handling above; once, at the start of main. */
void fd_out_signals(void);

/*
 * Removes from folder dir the temporary files and staging folders of our
 * form left by processes of this user that no longer run. Errors are
 * ignored: a leftover that cannot be removed harms nothing.
 */
void fd_out_sweep(const char *dir);

/*
 * Makes a staging folder inside outdir, registered so that a signal
 * removes it and what is in it. Returns its path (the caller frees it
 * after fd_out_unstage), or NULL with errno set.
 */
char *fd_out_stage(const char *outdir);
/* The staging folder is empty and removed, or about to be: forget it. */
void fd_out_unstage(void);

/*
 * While on, fd_write_atomic does not fsync each file: the caller makes
 * them durable together with fd_out_sync before renaming them into
 * place (build: one sync for an inspection's files, not one a file).
 */
void fd_out_defer_sync(int on);
/* Flushes the file system that holds dir to disk; 0 or an errno value. */
int fd_out_sync(const char *dir);

/*
 * fork() for a worker: the child forgets the parent's workers and
 * registered files; the parent passes a terminating signal on to the
 * child until fd_out_reaped(pid).
 */
pid_t fd_out_fork(void);
void fd_out_reaped(pid_t pid);

#endif
