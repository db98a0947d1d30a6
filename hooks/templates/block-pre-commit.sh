@BEGIN@
@FIND_COPY@
node "$keygate_cli" scan --staged || exit $?
@END@
