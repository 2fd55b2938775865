/* Small file pieces shared by the readers of files (config, fixtures,
 * input) and the writers (export, what-if history): the directory of a
 * path, a whole stream read with a bound, whole writes past short writes
 * and EINTR, and a private temporary file written and flushed before it is
 * put in place; mkdir -p, the home and the state directory. */
#ifndef SAGESCALE_FILEIO_H
#define SAGESCALE_FILEIO_H
#include <stddef.h>
#include <stdio.h>

struct buf;

/* The directory part of path: "." when there is none, "/" for "/x"
 * (newly allocated). */
char *fileio_dirname(const char *path);

/* Appends what is left of f to b.  Returns 0; or -1 with errno EFBIG once
 * b holds more than limit bytes (0: no limit), or with the read error's
 * errno (EIO when there is none).  The bytes pass through a stack buffer
 * that is wiped afterwards: the file may hold secrets. */
int fileio_read_stream(FILE *f, size_t limit, struct buf *b);

/* Writes all n bytes to fd, retrying after EINTR and short writes.
 * Returns 0, or -1 with errno set. */
int fileio_write_all(int fd, const void *data, size_t n);

/* Creates a file from tmpl (a mkstemp() template, rewritten in place to
 * the name made), mode 0600, writes len bytes, fsync()s and closes it.
 * Returns 0 with the file left for the caller to link or rename, or -1
 * with errno set and nothing left behind. */
int fileio_write_temp(char *tmpl, const void *data, size_t len);

/* mkdir -p: creates dir and its missing parents, mode 0700 for what it
 * creates.  Returns 0, or -1 with errno set. */
int fileio_mkdirs(const char *dir);

/* $HOME when set and not empty, else the password database's home, else
 * "/" (borrowed: the environment's or getpwuid()'s storage). */
const char *fileio_home(void);

/* Where sagescale keeps its state: $XDG_STATE_HOME/sagescale when that is
 * an absolute path (the XDG spec says to ignore a relative one), else
 * ~/.local/state/sagescale (newly allocated). */
char *fileio_state_dir(void);

#endif
