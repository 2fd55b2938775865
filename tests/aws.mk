# tests/aws.mk
