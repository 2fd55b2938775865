/* Writing an export to a file safely: never over an existing file unless
 * told to, created with mode 0600, and atomically (a reader sees the old
 * file or the whole new one, never half of it). */
#ifndef SAGESCALE_EXPORT_FILE_H
#define SAGESCALE_EXPORT_FILE_H
#include <stdbool.h>
#include <stddef.h>

enum export_file_status {
	EXPORT_FILE_OK = 0,
	EXPORT_FILE_EXISTS, /* path exists and overwrite was false: nothing written */
	EXPORT_FILE_ERROR,  /* *err says what failed */
};

/* Writes len bytes to path ("~/" expands to $HOME).  The data goes to a
 * temporary file beside path, is flushed, then linked into place (which
 * fails if path appeared meanwhile) or, with overwrite, renamed over it. */
enum export_file_status export_file_write(const char *path, const void *data, size_t len,
					  bool overwrite, char **err);
/* path with a leading "~/" expanded (newly allocated). */
char *export_file_expand(const char *path);

#endif
