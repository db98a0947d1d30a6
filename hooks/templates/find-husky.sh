# keygate from node_modules once npm install has run there (its launcher run by node itself:
# ~2.5 ms less than through .bin's shebang; .bin for layouts without node_modules/keygate);
# else the copy keygate install put in the git directory (found without running git in a plain
# clone: a git process is ~5 ms of a commit; a linked worktree or a submodule, where .git is a
# file, asks git). None: blocked.
if [ -f node_modules/keygate/dist/cli.cjs ]; then
  keygate_run() { node node_modules/keygate/dist/cli.cjs "$@"; }
elif [ -x node_modules/.bin/keygate ]; then
  keygate_run() { node_modules/.bin/keygate "$@"; }
else
  keygate_cli=.git/keygate/dist/cli.cjs
  # (|| : so that a git that fails here, under husky's sh -e, still leads to the message below.)
  [ -f "$keygate_cli" ] || keygate_cli="$(git rev-parse --git-common-dir 2>/dev/null || :)/keygate/dist/cli.cjs"
  if [ ! -f "$keygate_cli" ]; then
    echo "@NOT_FOUND@" >&2
    exit 1
  fi
  keygate_run() { node "$keygate_cli" "$@"; }
fi
