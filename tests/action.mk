# tests/action.mk
