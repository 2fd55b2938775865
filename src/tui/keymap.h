/* Key bindings as data.  Each view, dialog and widget has ONE table of
 * struct tui_bind; its key handling (keymap_find), its lines of `?` help
 * (keymap_help_lines) and its status-bar hints (keymap_hints) all come
 * from it, and `sagescale --dump-keys` (tui_dump_keys) prints every table (tests compare
 * the screen, the man page and the README with that dump).
 *
 *	static const struct tui_bind foo_bindings[] = {
 *		{ 's', 0, foo_start, 0, N_("start the sweep"), N_("start") },
 *		{ '+', 0, rerun, +1, N_("rerun at +1 / -1"), NULL },
 *		{ '-', TB_ALSO, rerun, -1 },	// shares the line above: "+ / -"
 *		{ KEY_NPAGE, TB_FUNC, NULL, LIST_PAGE_DOWN, N_("a page") },
 *		{ 0 }
 *	};
 *
 * fn NULL: a widget's table, arg is the widget's action (enum tree_action,
 * enum lineedit_action, ...) and the widget acts on it.  Key names are
 * made here, once (keymap_key_name), so that they agree everywhere. */
#ifndef SAGESCALE_TUI_KEYMAP_H
#define SAGESCALE_TUI_KEYMAP_H
#include <stdbool.h>
#include <stdio.h>

struct tui;
struct tui_view;
struct buf;

enum tui_bind_flags {
	TB_FUNC = 1u << 0,   /* key is a curses KEY_* code, else a character */
	TB_ALSO = 1u << 1,   /* on the help line and hint of the binding above */
	TB_FORM = 1u << 2,   /* global: also while typing in the form */
	TB_WRITES = 1u << 3, /* changes things on AWS: hidden and refused with --read-only */
	TB_SIGNAL = 1u << 4, /* the terminal makes it a signal (Ctrl-C): listed only */
	/* Where the hint shows (the key works regardless): */
	TB_BUSY = 1u << 5,    /* only while a request runs */
	TB_FKEYS = 1u << 6,   /* only on a terminal with function keys */
	TB_NOFKEYS = 1u << 7, /* only on one without: the vt100 alternative */
	TB_IN_FORM = 1u << 8, /* only while the form has the focus */
	TB_IN_VIEW = 1u << 9, /* only while the views have it */
	/* How the hint keeps its place when the bar is full: */
	TB_FIRST = 1u << 10,     /* before every other hint */
	TB_KEEP = 1u << 11,      /* never dropped (help, quit); drawn last */
	TB_MINOR = 1u << 12,     /* dropped first */
	TB_HINT_WHEN = 1u << 13, /* when() decides the hint only: the key always works */
};

typedef unsigned (*tui_bind_fn)(struct tui *t, struct tui_view *v, long arg);

struct tui_bind {
	int key;        /* a character or KEY_* (TB_FUNC); 0 ends the table */
	unsigned flags; /* enum tui_bind_flags */
	tui_bind_fn fn; /* NULL: a widget's action, arg tells which */
	long arg;
	const char *help; /* N_(): the `?` line; NULL: none (TB_ALSO: the one above) */
	const char *hint; /* N_(): the word in the status bar; NULL: not shown there */
	/* Optional: the binding holds only while it returns true (else the
	 * key goes on to the next table, and no hint shows). */
	bool (*when)(struct tui *t, struct tui_view *v);
};

/* The binding of key (func: a KEY_* code) in tab, or NULL; skips the
 * bindings whose when() is false (t, v are passed to it) and TB_SIGNAL. */
const struct tui_bind *keymap_find(const struct tui_bind *tab, int key, bool func, struct tui *t,
				   struct tui_view *v);
/* Calls the binding's fn (never NULL here) and returns its tui_flags. */
unsigned keymap_run(const struct tui_bind *b, struct tui *t, struct tui_view *v);

/* A key's name, translated ("F10", "Strg-W", "Leertaste"), in buf (of
 * at least 32 bytes); returns buf. */
const char *keymap_key_name(int key, bool func, char *buf, size_t size);
/* The reverse for the English names (bench's key files, tests): 0, or -1. */
int keymap_parse_name(const char *name, int *key, bool *func);

/* The key text of the help line that starts at b ("+ / = / -", "1 ... 6"),
 * or of its hint (sep "/": "E/C", runs as "1-6").  Appended to out. */
void keymap_line_keys(const struct tui_bind *b, bool hint, struct buf *out);

/* Calls fn for each line of `?` help of tab (keys: the line's key text,
 * text: its translated help) whose flags & mask are want; read_only
 * leaves out TB_WRITES. */
typedef void (*keymap_line_fn)(void *ctx, const char *keys, const char *text);
void keymap_help_lines(const struct tui_bind *tab, bool read_only, unsigned mask, unsigned want,
		       keymap_line_fn fn, void *ctx);

/* What decides which hints show. */
struct keymap_state {
	bool busy, fkeys, read_only, in_form;
	struct tui *t;
	struct tui_view *v; /* passed to when() */
};

/* The status bar's hints of the tables (NULL-ended; the first ones first,
 * the global table last): "KEY word  KEY word", fitting width columns:
 * TB_MINOR ones dropped first, then the later tables' from the end, never
 * TB_KEEP ones.  Caller frees. */
char *keymap_hints(const struct tui_bind *const *tabs, const struct keymap_state *s, int width);

/* Every table of the program, for --dump-keys and the tests. */
struct keymap_table {
	const char *name; /* N_(): the help's heading, e.g. "Everywhere" */
	const struct tui_bind *bindings;
	const struct tui_view_ops *ops; /* or a view's or dialog's: its name and tables */
};
extern const struct keymap_table tui_keymap_tables[]; /* keys.c; { NULL } ends it */
/* tui_dump_keys (tui.h) prints each table as lines
 * "table<TAB>keys<TAB>hint keys<TAB>hint<TAB>help<TAB>writes" (translated),
 * one per help line (help empty: a key never shown). */

#endif
