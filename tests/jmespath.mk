# tests/jmespath.mk: the JMESPath module and --query
check_PROGRAMS += tests/jp-compliance
tests_jp_compliance_LDADD = $(SAGESCALE_LIBS)
AM_TESTS_ENVIRONMENT += \
	: $${JMESPATH_COMPLIANCE_DIR:='$(abs_top_srcdir)/../shared/jmespath-compliance'}; \
	export JMESPATH_COMPLIANCE_DIR;
TESTS += tests/jmespath-compliance.sh
EXTRA_DIST += tests/jmespath-compliance.sh
TESTS += tests/query-awscli.sh
EXTRA_DIST += tests/query-awscli.sh
TESTS += tests/query-diff.sh tests/tui-query.sh
EXTRA_DIST += tests/query-diff.sh tests/query-diff.py tests/tui-query.sh
