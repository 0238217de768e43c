#!/usr/bin/env bash
# Runs a command with a real OS key store (B-10): a GNOME Keyring Secret Service on the session bus, its
# login keyring unlocked by a throwaway password, kept in a temp folder removed afterwards. Run it inside
# `dbus-run-session`. The E2E windows and CLI calls then keep their databases' keys in the key store, as on
# a desktop, instead of the KOS_DESK_KEY_FILE fallback (harness.mjs reads KOS_E2E_KEY_STORE).
set -euo pipefail
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "with-key-store.sh: run me inside dbus-run-session" >&2
  exit 2
fi
keyring_home="$(mktemp -d /tmp/kos-e2e-keyring-XXXXXX)"
mkdir -m 700 "$keyring_home/run"
daemon_pid=""
cleanup() {
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null || :
  rm -rf "$keyring_home"
}
trap cleanup EXIT
# --daemonize returns once the daemon serves the bus; the password on stdin creates and unlocks `login`
printf 'kos-e2e-keyring' | HOME="$keyring_home" XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" \
  gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null
daemon_pid="$(pgrep -n -f "gnome-keyring-daemon --daemonize" || :)"
if [ -z "$daemon_pid" ]; then
  echo "with-key-store.sh: gnome-keyring-daemon did not start" >&2
  exit 1
fi
export KOS_E2E_KEY_STORE=secret-service
unset KOS_DESK_KEY_FILE
"$@"
