/* The tree of a GetScalingConfigurationRecommendation response, in the
 * service's own field names, for the Policies pane.  Curses-free. */
#ifndef SAGESCALE_TUI_RESPTREE_H
#define SAGESCALE_TUI_RESPTREE_H
#include "sagemaker/scaling.h"
#include "tui/tree.h"

/* Replaces t's contents with r (every string sanitised), expanded so that
 * the policies show when the tree is small. */
void resptree_build(struct tree *t, const struct scaling_response *r);
/* Replaces t's contents with any JSON value (a JMESPath result): an
 * object's members are the top rows, anything else one row "@". */
struct json_object;
void resptree_build_json(struct tree *t, struct json_object *o);

#endif
