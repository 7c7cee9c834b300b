#!/bin/sh
# Runs Chromium in a private mount namespace in which /etc/chromium is $PORTWATCH_POLICY_ETC: the
# test's own policy files (policies/managed/*.json), seen by this browser only. Debian's Chromium
# reads policies from /etc/chromium/policies and nowhere else (no switch, no per-user folder), so
# this is how a test gives it an organisation's policy without touching the machine's /etc.
# As root: a mount namespace (unshare --mount); as anyone else: a user namespace too.
set -e
: "${PORTWATCH_POLICY_ETC:?the folder to show as /etc/chromium}"
: "${PORTWATCH_CHROMIUM_BIN:=/usr/bin/chromium}"
if [ "$(id -u)" = 0 ]; then namespaces="--mount"; else namespaces="--map-root-user --mount"; fi
# shellcheck disable=SC2086 # $namespaces is two words on purpose
exec unshare $namespaces --propagation private sh -c \
  'mount --bind "$PORTWATCH_POLICY_ETC" /etc/chromium && exec "$PORTWATCH_CHROMIUM_BIN" "$@"' \
  chromium-with-policies "$@"
