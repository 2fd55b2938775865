/* --bench-keys FILE: replays keys from FILE once the first result is in,
 * timing each (handling + drawing + doupdate), and writes the figures to
 * FILE.out.  For bench/tui-keys.sh; not a user feature. */
#ifndef SAGESCALE_TUI_BENCH_H
#define SAGESCALE_TUI_BENCH_H
#include <stdbool.h>
#include "tui/worker.h"

struct tui;
typedef void (*tui_draw_fn)(struct tui *t);
typedef unsigned (*tui_dispatch_fn)(struct tui *t, int key, bool func);
typedef void (*tui_job_fn)(struct tui *t, struct worker_job *job);

/* Returns 0 (or the signal that interrupted it). */
int tui_bench_run(struct tui *t, const char *file, tui_draw_fn draw, tui_dispatch_fn dispatch,
		  tui_job_fn job_back);

#endif
