@BEGIN@
@FIND_HUSKY@
keygate_run hook || exit $?
@END@
