#!/bin/sh
@MARKER@.
# keygate uninstall removes it and puts back any hook that was here before, which is kept
# beside it as @CHAINED@ and still runs first: its exit status still counts.
case $0 in */*) hook_dir=${0%/*} ;; *) hook_dir=. ;; esac
status=0
if [ -x "$hook_dir/@CHAINED@" ]; then
  "$hook_dir/@CHAINED@" "$@" || status=$?
fi
@FIND_COPY@
# Nothing left to add to keygate's status: let it be the hook (one process fewer).
if [ "$status" -eq 0 ]; then exec node "$keygate_cli" scan --staged; fi
node "$keygate_cli" scan --staged || exit $?
exit $status
