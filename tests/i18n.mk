# tests/i18n.mk: translations.  po/POTFILES.in complete, po/de.po complete and
# valid, German in --help, errors and the screen, UTF-8 widths, the C locale.
TESTS += tests/i18n-potfiles.sh tests/i18n-catalog.sh tests/i18n-de.sh tests/i18n-tui.sh tests/i18n-manpage.sh
EXTRA_DIST += tests/i18n-lib.sh tests/i18n-potfiles.sh tests/i18n-catalog.sh tests/i18n-de.sh tests/i18n-tui.sh tests/i18n-manpage.sh

# `make locale`: an uninstalled locale tree for running the build tree's
# program in another language:
#   make locale && SAGESCALE_LOCALEDIR=$PWD/locale LANGUAGE=de ./sagescale --help
locale:
	@for l in `sed 's/#.*//' $(srcdir)/po/LINGUAS`; do \
	  $(MKDIR_P) locale/$$l/LC_MESSAGES && \
	  $(MSGFMT) -c -o locale/$$l/LC_MESSAGES/$(PACKAGE).mo $(srcdir)/po/$$l.po && \
	  echo "  MSGFMT   locale/$$l/LC_MESSAGES/$(PACKAGE).mo" || exit 1; \
	done
.PHONY: locale
CLEANFILES += locale/*/LC_MESSAGES/$(PACKAGE).mo

# `make update-po` at the top: extract the messages again (po/sagescale.pot)
# and merge them into every po/*.po.
update-po:
	cd po && $(MAKE) $(AM_MAKEFLAGS) update-po
.PHONY: update-po

UNIT_TESTS += tests/unit-i18n
