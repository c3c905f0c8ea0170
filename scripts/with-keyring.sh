#!/usr/bin/env bash
# Runs a command with a real Secret Service: a private D-Bus session and an unlocked
# gnome-keyring, so keytar is exercised against a real keychain on Linux.
set -euo pipefail
if [ "$#" -eq 0 ]; then echo "usage: scripts/with-keyring.sh COMMAND [ARGS...]" >&2; exit 2; fi
exec dbus-run-session -- bash -c '
  printf "sms-desk-ci" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' _ "$@"
