# keygate's own copy, which keygate install put beside this hook; no node or no copy: blocked.
case $0 in */*) keygate_cli=${0%/*}/keygate/dist/cli.cjs ;; *) keygate_cli=keygate/dist/cli.cjs ;; esac
if ! command -v node >/dev/null 2>&1; then
  echo "@NO_NODE@" >&2
  exit 1
fi
if [ ! -f "$keygate_cli" ]; then
  echo "@NOT_FOUND@" >&2
  exit 1
fi
