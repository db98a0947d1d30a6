#!/bin/sh
@MARKER@.
# keygate uninstall removes it and puts back any hook that was here before, which is kept
# beside it as @CHAINED@ and still runs first: its exit status still counts. Both read
# the same ref lines git passes on stdin.
case $0 in */*) hook_dir=${0%/*} ;; *) hook_dir=. ;; esac
status=0
input=$(cat)
if [ -x "$hook_dir/@CHAINED@" ]; then
  printf '%s\n' "$input" | "$hook_dir/@CHAINED@" "$@" || status=$?
fi
@FIND_COPY@
printf '%s\n' "$input" | node "$keygate_cli" pre-push -- "$@" || exit $?
exit $status
