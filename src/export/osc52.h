/* Copying to the clipboard of the terminal the user sits at, over SSH
 * too, with the OSC 52 escape sequence (wrapped for tmux when inside it). */
#ifndef SAGESCALE_OSC52_H
#define SAGESCALE_OSC52_H
#include <stdbool.h>
#include <stddef.h>

/* Terminals cap what they accept; beyond this we refuse rather than send
 * a sequence that is silently dropped. */
#define OSC52_MAX_BYTES 74994

/* The sequence that sets the clipboard ("c") to data: ESC ] 52 ; c ;
 * base64 BEL, or inside tmux the same in a DCS passthrough (ESC P tmux;
 * with each ESC doubled, ESC \).  NULL when data is over OSC52_MAX_BYTES. */
char *osc52_sequence(const void *data, size_t len, bool tmux);
/* True when $TMUX is set. */
bool osc52_in_tmux(void);
/* Base64 (standard alphabet, padded, no line breaks). */
char *osc52_base64(const void *data, size_t len);

#endif
