#!/bin/sh
# The JMESPath compliance suite (tests/lib/jp-compliance, one TAP case per suite
# case): skipped when ../shared/jmespath-compliance (or
# $JMESPATH_COMPLIANCE_DIR) is absent.
. "$top_srcdir/tests/lib/lib.sh"
"$top_builddir/tests/lib/jp-compliance"
rc=$?
[ $rc -eq 77 ] && exit 0
exit $rc
