# tests/script.mk: scripting like the AWS CLI (issue 14 items 3-7): YAML
# output, output settings, pagination, skeletons, completion.
check_PROGRAMS += tests/yaml-tool
tests_yaml_tool_SOURCES = tests/yaml-tool.c
tests_yaml_tool_LDADD = $(SAGESCALE_LIBS)
TESTS += tests/output-yaml.sh
EXTRA_DIST += tests/output-yaml.sh tests/awscli-batch.py
TESTS += tests/paginate.sh
EXTRA_DIST += tests/paginate.sh tests/jobs25.json
TESTS += tests/skeleton.sh
EXTRA_DIST += tests/skeleton.sh
TESTS += tests/completion.sh
EXTRA_DIST += tests/completion.sh
# Slow (builds, checks, installs and removes the Debian package): not in
# TESTS; .ci/run runs it as `make check TESTS=tests/package.sh`.
EXTRA_DIST += tests/package.sh
