#!/bin/sh
# The terminal interface in German at 80x24: every label, tab and key hint
# whole on the screen; UTF-8 from the service (umlauts, CJK double-width
# characters) keeps the columns right and is still sanitised; the C locale
# gives the English interface in ASCII.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/i18n-lib.sh"
i18n_nls
i18n_need msgfmt
locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8' || tap_skip_all "no C.UTF-8 locale"
. "$top_srcdir/tests/lib/tuilib.sh"
i18n_locale || tap_skip_all "po/*.po do not compile"
DE="LANGUAGE=de SAGESCALE_LOCALEDIR=$SAGESCALE_LOCALEDIR NO_COLOR=1"

# last_line: the status bar (tmux drops trailing blanks).
last_line() { tail -n 1 "$TUI_SCREEN"; }
# wide LINE-PATTERN: display width of the first screen line matching it.
wide() { grep -F -- "$1" "$TUI_SCREEN" | head -1 | LC_ALL=C.UTF-8 wc -L | tr -d ' '; }
# fits N: no line of the screen is wider than N columns.
fits() { [ "$(LC_ALL=C.UTF-8 wc -L <"$TUI_SCREEN" | tr -d ' ')" -le "$1" ]; }

# --- German, before any request: the first hints whole ---------------------
tui_start 80 24 $DE -- --demo
W=80; [ -n "${TUI_SIZE:-}" ] && W=${TUI_SIZE%x*}	# the width the tests for 80x24 run at
see "the empty view's hint whole in German" "(oder ins Formular tippen), dann Enter."
if tui_default_size; then
    see "status bar before a request" "Bereit   Enter senden  F2 Jobs  F4 Export"
else
    see_re "status bar before a request" "Bereit   Enter senden.*  F2 Jobs  F4 Export"
fi
tui_keys F10
see "quits" "EXIT=0"
tui_stop

# --- German title: whole where the context (demo, region, account) leaves
# room for it; at 80 columns the title line keeps only "sagescale" -------
tui_start 120 30 $DE -- --demo
see "title in German" "sagescale - SageMaker-Autoscaling-Empfehlungen"
see "... beside the context in German" "Demo: eingebauter Simulator  us-east-1  Konto 123456789012"
tui_keys F10
see "quits" "EXIT=0"
tui_stop

# --- German, a recommendation from the demo simulator ----------------------
tui_start 80 24 $DE -- --demo --job fraud-lightgbm-default \
    --recommendation-id fraud-lightgbm-default/6e1f9d24 \
    --min-invocations 100 --max-invocations 2000 --run
see "title line context in German (at 80 columns the short title)" "Demo: eingebauter Simulator  us-east-1  Konto 123456789012"
see "the answer arrives (German status)" "Fertig,"
see "summary pane in German" "Übersicht"
see "capacity pane in German" "Kapazität und Ruhephasen"
# After the send the form is the collapsed Request pane; Tab opens it.
see "the collapsed request pane in German" "Anfrage: CPU 50 (Tab: ändern)"
tui_capture
case $(last_line) in
*"/ Suche  E/C alle  Tab Formular  1-6 Ansicht  ? Hilfe  q Ende") ok "status bar (views, after the send): every key hint whole" ;;
*) fail "status bar (views, after the send): every key hint whole"; diag "$(last_line)" ;;
esac
tui_keys Tab
tui_wait "Enter senden" >/dev/null
for l in "Jobname" "Auswahl" "Empf.-ID" "CPU-Ziel" "Min. Aufr." "Max. Aufr." "% pro Kern"; do
    see "form label whole: $l" " $l "
done
see "the toggle whole in German" " ID ( ) Endpunkt "
for l in "1 Richtlinien" "2 Fehler" "3 Verlauf" "4 Vergleich" "5 Sweep"; do
    see "tab whole: $l" " $l "
done
see "summary values in German" "100 bis 2000 pro Minute"
see "capacity in German" "Instanzen"
tui_capture
if tui_default_size; then
    case $(last_line) in
    *"Enter senden  F2 Jobs  F4 Export  F6 Ansicht  ? Hilfe  F10 Ende") ok "status bar (form): every key hint whole" ;;
    *) fail "status bar (form): every key hint whole"; diag "$(last_line)" ;;
    esac
elif last_line | grep -qE 'Enter senden.*  F2 Jobs  F4 Export.*  F6 Ansicht  \? Hilfe  F10 Ende$'; then
    ok "status bar (form): every key hint whole"
else fail "status bar (form): every key hint whole"; diag "$(last_line)"; fi
check "no line wider than $W columns" fits $W
for e in "Summary" "Capacity and" "Ready" "Done in" "quit" "help" "Job name" "CPU target"; do
    lacks "no English left: $e" "$TUI_SCREEN" "$e"
done
tui_keys F6
tui_wait "Tab Formular" >/dev/null
tui_capture
case $(last_line) in
*"/ Suche  E/C alle  Tab Formular  1-6 Ansicht  ? Hilfe  q Ende") ok "status bar (views): every key hint whole" ;;
*) fail "status bar (views): every key hint whole"; diag "$(last_line)" ;;
esac
# The tree's search and units in German (issue 13 item 8).
tui_keys / ; tui_type Target; tui_keys Enter
see_re "tree search: which match of how many, in German" ' Treffer [0-9]+ von [0-9]+: '
wrapped=no
for _ in 1 2 3 4 5 6 7 8; do
    tui_keys n; tui_capture
    if grep -q "Suche über das Ende hinaus: weiter von oben (Treffer 1 von" "$TUI_SCREEN"; then
        wrapped=yes; break; fi
done
check "tree search: going round the end is said in German" [ "$wrapped" = yes ]
tui_keys g
see_re "tree: the CPU target's unit in German" 'TargetCpuUtilizationPerCore: [0-9]+  \(Prozent\)'
tui_keys '?'
see "help in German" "Tasten (q schließt)"
check "help fits $W columns" fits $W
: >"$TEST_TMP/help-de.txt"; tui_all_pages "$TEST_TMP/help-de.txt"
# (The view's keys come first and take the first page.)
contains "help sections in German" "$TEST_TMP/help-de.txt" "Überall"
contains "help keys in German" "$TEST_TMP/help-de.txt" "Strg-L"
tui_keys q
tui_wait_gone "Tasten (q schließt)" >/dev/null
# The sweep chart's panel key in German (issue 13 item 4).
tui_keys 5 s
see "sweep: done, in German" "Sweep fertig:"
tui_keys v
see_re "sweep chart: its keys whole in the status bar at 80 columns, in German" \
    's Sweep starten/abbrechen  c Kapazität/Aufrufe  q schließen *$'
tui_keys c
see "sweep chart: capacity alone, its axis titles in German" "(Instanzen) über CPU-Ziel (%)"
tui_keys q
tui_wait_gone "c Kapazität/Aufrufe" >/dev/null
tui_keys 1
tui_wait_gone "Tasten (q schließt)" >/dev/null
tui_resize 70 20
see "too small, in German" "Terminal zu klein: 70x20"
see "too small: what to do, in German" "Fenster vergrößern"
tui_resize 80 24
tui_keys F10
see "quits" "EXIT=0"
tui_stop

# --- German, an error from the service: its message stays as it came ------
tui_start 80 24 $DE -- --demo --job distilbert-sentiment --endpoint-name e --run
see "error view in German" "Der Dienst hat mit einem Fehler geantwortet"
see "error labels in German" "Meldung"
see "the service's code as it came" "ValidationException"
see "the service's message untranslated" "Inference recommendations job"
tui_capture
case $(last_line) in
*"Fehler   Tab Formular  1-6 Ansicht  ? Hilfe  q Ende") ok "status bar after an error (the keys on the answer): whole" ;;
*) fail "status bar after an error (the keys on the answer): whole"; diag "$(last_line)" ;;
esac
tui_keys Tab
tui_wait "Enter senden" >/dev/null
tui_capture
if tui_default_size; then
    case $(last_line) in
    *"Fehler   Enter senden  F2 Jobs  F4 Export  F6 Ansicht  ? Hilfe  F10 Ende") ok "status bar after an error: whole" ;;
    *) fail "status bar after an error: whole"; diag "$(last_line)" ;;
    esac
elif last_line | grep -qE 'Fehler   Enter senden.*  F2 Jobs  F4 Export.*  F6 Ansicht  \? Hilfe  F10 Ende$'; then
    ok "status bar after an error: whole"
else fail "status bar after an error: whole"; diag "$(last_line)"; fi
tui_keys F10
see "quits after an error" "EXIT=0"
tui_stop

# --- UTF-8 from the service: umlauts, CJK, and hostile characters ----------
cat >"$TEST_TMP/jobs.json" <<'JSON'
{"Jobs": [{
  "JobName": "umlaut-cjk", "JobType": "Default", "Status": "COMPLETED",
  "JobDescription": "Größenprüfung – 推荐配置",
  "JobArn": "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/umlaut-cjk",
  "RoleArn": "arn:aws:iam::123456789012:role/R",
  "CreationTime": "2026-11-20T17:45:30Z", "LastModifiedTime": "2026-11-20T18:29:04Z",
  "CompletionTime": "2026-11-20T18:29:04Z",
  "InputConfig": {"ModelName": "m"},
  "InferenceRecommendations": [
   {"RecommendationId": "umlaut-cjk/größe-推荐配置",
    "Metrics": {"CostPerHour": 0.1, "CostPerInference": 5e-07, "MaxInvocations": 3100,
                "ModelLatency": 9, "CpuUtilization": 70.5, "MemoryUtilization": 22.8},
    "EndpointConfiguration": {"EndpointName": "ep-1", "VariantName": "v-1",
                "InstanceType": "ml.c6i.large", "InitialInstanceCount": 1}},
   {"RecommendationId": "umlaut-cjk/\u001b[7mINVERS\u202eevil",
    "Metrics": {"CostPerHour": 0.2, "CostPerInference": 6e-07, "MaxInvocations": 2000,
                "ModelLatency": 12, "CpuUtilization": 60.0, "MemoryUtilization": 30.0},
    "EndpointConfiguration": {"EndpointName": "ep-2", "VariantName": "v-2",
                "InstanceType": "ml.m6i.large", "InitialInstanceCount": 1}}
  ]}]}
JSON
if sim_start --data "$TEST_TMP/jobs.json"; then
    AWS="AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY AWS_REGION=$AWS_REGION"
    tui_start 80 24 $DE $AWS -- --endpoint-url "$SIM_URL" --job umlaut-cjk \
        --recommendation-id 'umlaut-cjk/größe-推荐配置' --run
    see "an answer with a CJK id" "Fertig,"
    tui_capture
    w=$(wide "推荐配置")	# the collapsed Request pane's ID row, and the Summary's
    check "collapsed request and summary with the CJK id's tail: exactly $W columns (got $w)" \
        test "$w" = $W
    contains "the collapsed pane keeps the id's tail" "$TUI_SCREEN" "öße-推荐配置"
    tui_keys Tab			# the form opens again
    see "umlauts and CJK drawn" "größe-推荐"
    tui_capture
    w=$(wide "Empf.-ID     umlaut-cjk/größe")
    check "summary row with CJK is exactly $W columns (got $w)" test "$w" = $W
    check "every line fits $W columns" fits $W
    tui_keys F2
    see "job picker in German" "Job auswählen"
    tui_keys Enter
    see "the recommendations of the job" "ml.m6i.large"
    tui_capture
    w=$(wide "ml.c6i.large")
    check "picker row with CJK is exactly $W columns (got $w)" test "$w" = $W
    w=$(wide "ml.m6i.large")
    check "picker row with escapes is exactly $W columns (got $w)" test "$w" = $W
    lacks "no raw bidi override on screen" "$TUI_SCREEN" "$(printf '\342\200\256')"
    contains "the ESC in the id is shown as a visible escape" "$TUI_SCREEN" '\x1b[7mINV'
    tui_capture_attrs
    # The ESC[7m inside the id must not have switched on reverse video on its
    # own: tmux would then report it for the text after it.
    if grep -F "INVERS" "$TUI_SCREEN" | grep -q "$(printf '\033')\[7mINVERS"; then
        fail "the id's ESC[7m reached the terminal"
    else
        ok "an escape sequence in the response is shown, not obeyed"
    fi
    tui_keys Escape
    tui_keys F10
    see "quits" "EXIT=0"
    tui_stop
    sim_stop "$SIM_PID"
else
    fail "simulator with a UTF-8 fixture starts"
fi

# --- the C locale: English, ASCII only, and it works -----------------------
tui_start 80 24 LANG=C LC_ALL=C LANGUAGE=de SAGESCALE_LOCALEDIR=$SAGESCALE_LOCALEDIR -- \
    --demo --job fraud-lightgbm-default \
    --recommendation-id fraud-lightgbm-default/6e1f9d24 --run
see "C locale: English" "Summary"
see "C locale: the answer arrives" "Done in"
tui_capture
n=$(LC_ALL=C tr -d '\n\040-\176' <"$TUI_SCREEN" | wc -c | tr -d ' ')
check "C locale: the screen is ASCII only ($n other bytes)" test "$n" -eq 0
tui_keys F10
see "C locale: quits" "EXIT=0"
tui_stop
tap_done
