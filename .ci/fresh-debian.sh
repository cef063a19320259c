#!/usr/bin/env bash
# Run the README's test command as a newcomer would, on a fresh Debian 12 root (a chroot made by debootstrap):
#
#   sudo bash .ci/fresh-debian.sh [COMMAND]        (default COMMAND: make test)
#
# The root starts as `debootstrap --variant=minbase bookworm` plus only the tools a newcomer needs to type the
# README's commands (make, git, ca-certificates, sudo, curl); Python, Node.js, fonts, Chromium, LibreOffice
# must all come from the Makefile. The script clones this checkout's COMMITTED HEAD (uncommitted changes are
# not tested) to /root/project inside the root and copies ../shared beside it (/root/shared), mounts /proc,
# /sys and /dev, runs COMMAND there as root and exits with its status. Every line of the run is prefixed with
# the elapsed time, and a timing summary of the phases is printed at the end.
#
# The bare template root (nothing project-specific) is cached in $FRESH_CACHE (default /var/tmp/reportbuilder-
# fresh); every run works on its own copy of it, which is unmounted and removed on exit, also on failure.
# Needs root, debootstrap (installed when missing) and network access to the Debian mirror, PyPI and npm.
set -euo pipefail

cmd=${1:-make test}
src=$(cd "$(dirname "$0")/.." && pwd)
cache=${FRESH_CACHE:-/var/tmp/reportbuilder-fresh}
include=make,git,ca-certificates,sudo,curl
sources=/etc/apt/sources.list.d/debian.sources

if [ "$(id -u)" != 0 ]; then
  echo "fresh-debian.sh: needs root (debootstrap, chroot, mount): sudo bash $0" >&2
  exit 2
fi

t0=$(date +%s)
phase_start=$t0
timings=()
phase_done() {
  local now
  now=$(date +%s)
  timings+=("$(printf '%-34s %4ds' "$1" $((now - phase_start)))")
  echo "== fresh-debian: $1 done in $((now - phase_start)) s =="
  phase_start=$now
}
summary() {
  echo "== fresh-debian: timing =="
  local line
  for line in "${timings[@]}"; do echo "   $line"; done
  echo "   $(printf '%-34s %4ds' total $(($(date +%s) - t0)))"
}

# The mirror this machine uses (as a newcomer's /etc/apt would name it).
mirror=$(awk '/^URIs:/ {print $2; exit}' "$sources" 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}

# --- 1. the bare template root, built once (atomically: a half-built one is never used) -------------------
key=$(printf '%s|%s|%s' bookworm "$include" "$mirror" | sha256sum | cut -c1-12)
tmpl=$cache/bookworm-minbase-$key
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ ! -e "$tmpl/.complete" ]; then
  echo "== fresh-debian: debootstrap --variant=minbase bookworm from $mirror (cached in $tmpl) =="
  if ! command -v debootstrap >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null 2>&1 ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  fi
  rm -rf --one-file-system "$tmpl.partial"
  debootstrap --variant=minbase --include="$include" bookworm "$tmpl.partial" "$mirror" >/dev/null
  chroot "$tmpl.partial" apt-get clean
  rm -rf "$tmpl.partial/var/lib/apt/lists/"*
  touch "$tmpl.partial/.complete"
  mv "$tmpl.partial" "$tmpl"
  phase_done "debootstrap (template, first run)"
else
  echo "== fresh-debian: template root $tmpl (cached, bare minbase + $include) =="
fi
exec 9>&-

# --- 2. a fresh copy for this run, removed on exit -------------------------------------------------------
run=$(mktemp -d "$cache/run.XXXXXX")
cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  # Processes still running inside the root (a test server, Chromium) after an interrupted run.
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$run" ] && kill -9 "$pid" 2>/dev/null || true
  done
  for m in dev sys proc; do
    mountpoint -q "$run/$m" 2>/dev/null && { umount -R "$run/$m" 2>/dev/null || umount -R -l "$run/$m" || true; }
  done
  if grep -q " $run/" /proc/self/mountinfo; then
    echo "fresh-debian: mounts are still active under $run; left in place" >&2
    [ "$status" != 0 ] || status=1
  else
    rm -rf --one-file-system "$run"
  fi
  phase_done "cleanup (unmount, remove the root)"
  summary
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cp -a "$tmpl/." "$run/"
rm -f "$run/.complete"
# The machine's own apt sources, resolver and hosts, as a Debian 12 machine has them.
rm -f "$run/etc/apt/sources.list"
cp "$sources" "$run/etc/apt/sources.list.d/"
cp -L /etc/resolv.conf "$run/etc/resolv.conf"
[ -e "$run/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$run/etc/hosts"
# CAs this machine trusts beyond Debian's (a TLS-inspecting proxy's, on CI machines), installed in the root the
# Debian way (/usr/local/share/ca-certificates), so that the bundle keeps them when apt regenerates it; the
# machine's TLS trust variables (PIP_CERT, NODE_EXTRA_CA_CERTS, ...) are passed on below. Site setup, as the
# administrator of a newcomer's machine on this network would have done it; nothing project-specific.
pem_bodies() { awk '{ sub(/\r$/, "") } /-----BEGIN CERTIFICATE-----/ { b = ""; next }
                    /-----END CERTIFICATE-----/ { print b; next } { b = b $0 }' "$1" | sort -u; }
host_bundle=/etc/ssl/certs/ca-certificates.crt
extra_cas=0
if [ -f "$host_bundle" ]; then
  while read -r body; do
    extra_cas=$((extra_cas + 1))
    { echo "-----BEGIN CERTIFICATE-----"; fold -w 64 <<<"$body"; echo "-----END CERTIFICATE-----"; } \
      >"$run/usr/local/share/ca-certificates/machine-ca-$extra_cas.crt"
  done < <(comm -13 <(pem_bodies "$run/etc/ssl/certs/ca-certificates.crt") <(pem_bodies "$host_bundle"))
  [ "$extra_cas" = 0 ] || chroot "$run" update-ca-certificates >/dev/null 2>&1
fi
tls_env=()
for var in SSL_CERT_FILE SSL_CERT_DIR PIP_CERT REQUESTS_CA_BUNDLE CURL_CA_BUNDLE NODE_EXTRA_CA_CERTS GIT_SSL_CAINFO; do
  val=${!var:-}
  [ -n "$val" ] && [ -e "$run$val" ] && tls_env+=("$var=$val")
done
echo "== fresh-debian: $extra_cas extra CA(s) of this machine trusted in the root; passed on: ${tls_env[*]:-none} =="
mount -t proc proc "$run/proc"
mount --rbind /sys "$run/sys" && mount --make-rslave "$run/sys"
mount --rbind /dev "$run/dev" && mount --make-rslave "$run/dev"
phase_done "fresh copy of the root"

# --- 3. the project: a clone of the committed HEAD, and ../shared beside it --------------------------------
head=$(git -C "$src" rev-parse HEAD)
if [ -n "$(git -C "$src" status --porcelain --untracked-files=no)" ]; then
  echo "fresh-debian: WARNING: uncommitted changes in $src are not part of this run (it tests $head)" >&2
fi
git clone -q --no-checkout "$src" "$run/root/project"
git -C "$run/root/project" checkout -q --detach "$head"
if [ -d "$src/../shared" ]; then
  cp -r "$src/../shared" "$run/root/shared"
fi
phase_done "clone $(git -C "$src" rev-parse --short HEAD) + ../shared"

# --- 4. the newcomer's command, as root in the fresh root --------------------------------------------------
echo "== fresh-debian: $cmd (in the fresh Debian 12 root) =="
start=$(date +%s)
stamp() {
  local line e
  while IFS= read -r line; do
    e=$(($(printf '%(%s)T' -1) - start))
    printf '[%02d:%02d] %s\n' $((e / 60)) $((e % 60)) "$line"
  done
}
exec 3> >(stamp)
stamp_pid=$!
# In the background and waited for, so that a signal to this script ends the run (the trap kills what runs in
# the root) instead of waiting for it.
chroot "$run" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 CI=true "${tls_env[@]}" \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  /bin/bash -lc "cd /root/project && $cmd" </dev/null >&3 2>&3 &
status=0
wait $! || status=$?
exec 3>&-
wait "$stamp_pid" 2>/dev/null || true
phase_done "run: ${cmd:0:29}"
if [ "$status" != 0 ]; then
  echo "== fresh-debian: FAILED: '$cmd' exited with status $status in the fresh Debian 12 root ==" >&2
  exit "$status"
fi
echo "== fresh-debian: '$cmd' passed in the fresh Debian 12 root =="
