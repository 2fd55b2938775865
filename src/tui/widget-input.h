/* The line editor (lineedit.h) on a curses screen: which key is which
 * action (once, for every prompt and field), and drawing the text with its
 * cursor, scrolled so that the cursor stays in sight. */
#ifndef SAGESCALE_TUI_WIDGET_INPUT_H
#define SAGESCALE_TUI_WIDGET_INPUT_H
#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "tui/lineedit.h"
#include "tui/view.h"

/* The keys of every prompt and dialog field (fn NULL: arg is the enum
 * lineedit_action); `?` shows them. */
extern const struct tui_bind input_bindings[];

/* Alt-x, as the main loop reports ESC followed at once by x (func true). */
#define TUI_KEY_ALT(c) (0x200000 | (int)(c))

/* The action of a key (func: a curses KEY_* code); *ch gets the code point
 * of LE_INSERT.  Keys the editor does not use give LE_NONE. */
enum lineedit_action input_action(int key, bool func, uint32_t *ch);
/* Maps the key and applies it: true when the text or the cursor changed;
 * *action (may be NULL) tells the caller about Enter, Esc and the rest. */
bool input_key(struct lineedit *le, int key, bool func, enum lineedit_action *action);
/* Draws le in columns [x, x + width) of row y with attr; with cursor, the
 * character under the cursor in reverse video. */
void input_draw(WINDOW *w, int y, int x, int width, struct lineedit *le, attr_t attr, bool cursor);

#endif
