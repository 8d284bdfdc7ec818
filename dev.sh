#!/usr/bin/env bash
# Set up and run Pressroom in its own virtual environment (.venv), so a system Python that refuses
# `pip install` is never touched.
#   ./dev.sh site     set up, build content/ into public/, and serve it on http://127.0.0.1:8000/
#   ./dev.sh build    set up and build content/ into public/ (no server); more arguments go to build.py build
#   ./dev.sh check    set up and check content/ without writing anything; more arguments go to build.py check
#                     (CI runs these two: .github/workflows/publish.yml, .gitlab-ci.yml)
#   ./dev.sh test     set up everything the tests need (incl. Chromium, Java, npm tools) and run them all
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
VENV=.venv

setup_python() {
  local extras="$1"
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-$extras"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".$extras"
    touch "$stamp"
  fi
}

case "${1:-}" in
  site)
    setup_python ""
    status=0
    "$VENV/bin/python" build.py build || status=$?
    if [ "$status" -eq 0 ]; then
      echo "The site is built into public/. Serving it with live reload at the address below (Ctrl-C stops it)."
    elif [ "$status" -eq 1 ]; then  # problems in the content: the server shows them and rebuilds on save
      echo "The content has the problems above, so public/ was not changed. Serving anyway: the page shows the problems until you fix them and save (Ctrl-C stops it)."
    else
      exit "$status"
    fi
    exec "$VENV/bin/python" build.py serve
    ;;
  build)
    setup_python ""
    exec "$VENV/bin/python" build.py build "${@:2}"
    ;;
  check)
    setup_python ""
    exec "$VENV/bin/python" build.py check "${@:2}"
    ;;
  test)
    setup_python "[test]"
    bash scripts/install-conformance-tools.sh
    exec "$VENV/bin/python" -m pytest -n "${PYTEST_WORKERS:-2}" "${@:2}"
    ;;
  *)
    echo "usage: ./dev.sh site | build [build args] | check [check args] | test [pytest args]" >&2
    exit 2
    ;;
esac
