@BEGIN@
@FIND_COPY@
# git's ref lines, read here, and handed back as stdin to the rest of the hook.
keygate_refs=$(cat)
printf '%s\n' "$keygate_refs" | node "$keygate_cli" pre-push -- "$@" || exit $?
exec 0<<KEYGATE_REFS
$keygate_refs
KEYGATE_REFS
@END@
