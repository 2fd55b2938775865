/* The one line editor of the terminal interface, without curses (so that
 * it is unit-tested): UTF-8 text, a cursor on a character boundary, the
 * readline habits (see lineedit_action), a per-prompt history, and the
 * columns a view needs to keep the cursor visible.  widget-input.c maps
 * keys to actions and draws it; every prompt, filter and path field of
 * the program uses it. */
#ifndef SAGESCALE_TUI_LINEEDIT_H
#define SAGESCALE_TUI_LINEEDIT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum lineedit_action {
	LE_NONE,
	LE_INSERT, /* the code point given */
	LE_LEFT,
	LE_RIGHT, /* Left, Right, Ctrl-B, Ctrl-F */
	LE_HOME,
	LE_END,          /* Home, End, Ctrl-A, Ctrl-E */
	LE_WORD_LEFT,    /* Alt-B */
	LE_WORD_RIGHT,   /* Alt-F */
	LE_BACKSPACE,    /* Backspace, Ctrl-H */
	LE_DELETE,       /* Delete, Ctrl-D */
	LE_KILL_END,     /* Ctrl-K */
	LE_KILL_START,   /* Ctrl-U */
	LE_KILL_WORD,    /* Ctrl-W: the word before the cursor */
	LE_HISTORY_PREV, /* Up, Ctrl-P */
	LE_HISTORY_NEXT, /* Down, Ctrl-N */
	LE_ENTER,        /* Enter: the caller acts on the text */
	LE_CANCEL,       /* Esc, Ctrl-G: the caller closes the prompt */
};

/* Lines entered at one prompt, oldest first, at most max of them. */
struct lineedit_history {
	char **items;
	size_t n, max;
};

struct lineedit {
	char *text; /* NUL-terminated UTF-8 */
	size_t len, cap;
	size_t cursor;                 /* byte offset of the cursor */
	size_t maxlen;                 /* bytes at most (0: 4096) */
	const char *allowed;           /* ASCII characters accepted, NULL: any printable */
	struct lineedit_history *hist; /* borrowed, may be NULL */
	size_t hist_pos;               /* == hist->n: the line being edited */
	char *draft;                   /* that line, while an older one is shown */
	size_t view;                   /* first byte shown (see lineedit_scroll) */
};

void lineedit_init(struct lineedit *le, size_t maxlen, const char *allowed,
		   struct lineedit_history *hist);
void lineedit_free(struct lineedit *le);
/* Replaces the text, cursor at its end. */
void lineedit_set(struct lineedit *le, const char *text);
const char *lineedit_text(const struct lineedit *le);
/* Applies an action (ch: the code point of LE_INSERT).  Returns true when
 * the text or the cursor moved; LE_ENTER also adds the text to the
 * history (when it is not empty and not the newest line again). */
bool lineedit_apply(struct lineedit *le, enum lineedit_action a, uint32_t ch);

/* Adds a line (copied) unless it is empty or repeats the newest one. */
void lineedit_history_add(struct lineedit_history *h, const char *line);
void lineedit_history_free(struct lineedit_history *h);

/* Keeps the cursor inside a field of width columns: updates le->view and
 * returns the cursor's column inside the field. */
size_t lineedit_scroll(struct lineedit *le, size_t width);

#endif
