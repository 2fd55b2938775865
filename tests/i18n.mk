# tests/i18n.mk
