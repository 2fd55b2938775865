/* Small file pieces shared by the export and the what-if history: the
 * directory of a path, whole writes past short writes and EINTR, and a
 * private temporary file written and flushed before it is put in place. */
#ifndef SAGESCALE_FILEIO_H
#define SAGESCALE_FILEIO_H
#include <stddef.h>

/* The directory part of path: "." when there is none, "/" for "/x"
 * (newly allocated). */
char *fileio_dirname(const char *path);

/* Writes all n bytes to fd, retrying after EINTR and short writes.
 * Returns 0, or -1 with errno set. */
int fileio_write_all(int fd, const void *data, size_t n);

/* Creates a file from tmpl (a mkstemp() template, rewritten in place to
 * the name made), mode 0600, writes len bytes, fsync()s and closes it.
 * Returns 0 with the file left for the caller to link or rename, or -1
 * with errno set and nothing left behind. */
int fileio_write_temp(char *tmpl, const void *data, size_t len);

#endif
