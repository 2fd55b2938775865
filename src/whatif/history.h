/* The what-if history: every run, kept in memory and persisted as JSON lines
 * under $XDG_STATE_HOME/sagescale/ (default ~/.local/state/sagescale/).
 * Bounded (runs and bytes), written with mode 0600 by whole-line appends
 * (all or nothing: written and synced, or cut back) under a lock and
 * trimmed by an atomic rewrite (temporary file + rename).
 * Never fatal: a corrupt or truncated line is skipped with a warning; a file
 * that is not ours or cannot be read is reported and left untouched. */
#ifndef SAGESCALE_WHATIF_HISTORY_H
#define SAGESCALE_WHATIF_HISTORY_H
#include <stdbool.h>
#include <stddef.h>
#include "whatif/run.h"

#define HISTORY_MAX_RUNS 500
#define HISTORY_MAX_BYTES (1024 * 1024)
#define HISTORY_FILE_NAME "history.jsonl"

struct history_options {
	const char *path; /* NULL: history_default_path() */
	size_t max_runs;  /* 0: HISTORY_MAX_RUNS */
	size_t max_bytes; /* 0: HISTORY_MAX_BYTES */
	bool disabled;    /* --no-history: memory only, the disk is not touched */
};

enum history_status {
	HISTORY_ACTIVE,     /* loaded (or absent) and written to */
	HISTORY_OFF,        /* --no-history */
	HISTORY_FOREIGN,    /* not our file (or not a regular file, or another owner): untouched */
	HISTORY_UNREADABLE, /* could not be read: untouched */
	HISTORY_UNWRITABLE, /* a write failed: kept in memory from then on */
};

struct history;

/* Never NULL.  Warnings (translated sentences) are kept for the caller. */
struct history *history_open(const struct history_options *opts);
void history_close(struct history *h);

enum history_status history_status(const struct history *h);
/* Warnings gathered since the last call (loading, writing), then cleared.
 * Returns the count; *out is an array the caller frees (each string too). */
size_t history_take_warnings(struct history *h, char ***out);

size_t history_count(const struct history *h);
/* i = 0 is the oldest kept run. */
const struct whatif_run *history_get(const struct history *h, size_t i);
const struct whatif_run *history_find(const struct history *h, long long id);

/* Takes a copy of run, gives it the next id (stored in run->id too) and
 * persists it.  Returns 0, or -1 when it could not be written (a warning
 * says why; the run is still kept in memory). */
int history_add(struct history *h, struct whatif_run *run);
/* A full disk (ENOSPC, EDQUOT, EFBIG) is one warning: the runs it holds
 * back wait in memory and are written, in order, by the next history_add,
 * history_flush or history_close once there is space.  How many wait. */
size_t history_pending(const struct history *h);
/* Tries to write the waiting runs now: 0 when none is left. */
int history_flush(struct history *h);

/* $XDG_STATE_HOME/sagescale/history.jsonl, else ~/.local/state/sagescale/... */
char *history_default_path(void);

/* One record as a JSON line (no newline) and back; for tests. */
char *history_encode(const struct whatif_run *run);
int history_decode(const char *line, size_t len, struct whatif_run *run);
/* The first line of every history file. */
#define HISTORY_HEADER "{\"sagescale-history\":1}"

#endif
