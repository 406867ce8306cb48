#!/bin/bash
# cli_tty.sh — runs cli_tty.py (passphrases typed on a terminal); skipped
# (exit 77) where python3 is missing.
command -v python3 >/dev/null 2>&1 || { echo "skipped: no python3"; exit 77; }
exec python3 "$(dirname "$0")/cli_tty.py" "$@"
