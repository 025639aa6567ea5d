#!/usr/bin/env bash
# Bridgeview private test Docker engine: starts (or reuses) a local registry
# and a private dockerd whose Docker Hub mirror is that registry, and makes
# sure the fixture images `busybox:latest` and `mysql:8.4` can be pulled
# through the mirror without any access to Docker Hub.
#
# Progress goes to stderr. The only stdout line is `DOCKER_HOST=unix://...`,
# which is also written to "$STATE/env" (source it).
#
# See test/engine/README.md for the environment variables.
set -euo pipefail

log() { printf '[engine] %s\n' "$*" >&2; }
die() { printf '[engine] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ -n "${DOCKER_HOST:-}" ]]; then
  log "DOCKER_HOST already set by the caller; not starting anything"
  printf 'DOCKER_HOST=%s\n' "$DOCKER_HOST"
  exit 0
fi

[[ "$(uname -s)" == Linux ]] || die "the private engine needs Linux (set DOCKER_HOST to use an existing engine)"
[[ "$(id -u)" == 0 ]] || die "the private engine must be started as root (set DOCKER_HOST to use an existing engine)"

T0=$SECONDS
STATE=${BRIDGEVIEW_ENGINE_DIR:-/var/tmp/bridgeview-engine}
REG_PORT=${BRIDGEVIEW_REGISTRY_PORT:-5055}
REG=127.0.0.1:$REG_PORT
SOCK=$STATE/docker.sock
DOCKER_HOST_VALUE="unix://$SOCK"
MYSQL_SUITE=${BRIDGEVIEW_MYSQL_SUITE:-bookworm}

mkdir -p "$STATE"/{data-root,exec-root,logs,registry/data,cache,build}
chmod 700 "$STATE"

# Serialise concurrent callers (parallel test workers). The daemons started
# below must not inherit fd 9, or they would hold the lock forever.
exec 9>"$STATE/lock"
flock -w 1200 9 || die "timed out waiting for another up.sh ($STATE/lock)"

dk() { docker -H "unix://$SOCK" "$@"; }

# ---------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------
pkg_present() {
  local p=$1
  if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    return 0
  fi
  case $p in
    docker.io) command -v dockerd >/dev/null && command -v docker >/dev/null ;;
    docker-registry) [[ -x /usr/bin/docker-registry ]] ;;
    chromium) command -v chromium >/dev/null ;;
    iproute2) command -v ip >/dev/null ;;
    curl) command -v curl >/dev/null ;;
    *) return 1 ;;
  esac
}

install_packages() {
  local missing=() p
  for p in docker.io docker-registry busybox-static debootstrap chromium iproute2 curl net-tools fonts-dejavu-core fonts-liberation fonts-nanum; do
    pkg_present "$p" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing Debian packages: ${missing[*]}"
  # With recommends: docker.io wants apparmor (needed on AppArmor kernels) and
  # cgroupfs-mount (hosts without systemd).
  # Keep package maintainer scripts from starting the system docker/registry
  # services (they would grab docker0 and port 5000).
  local made_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  } >"$STATE/logs/apt.log" 2>&1 || rc=$?
  ((made_policy)) && rm -f /usr/sbin/policy-rc.d
  if ((rc != 0)); then
    tail -n 40 "$STATE/logs/apt.log" >&2
    die "apt-get failed (see $STATE/logs/apt.log)"
  fi
}
install_packages

# ---------------------------------------------------------------------------
# 2. Registry (Docker Hub mirror)
# ---------------------------------------------------------------------------
registry_up() { curl -fsS -o /dev/null --max-time 2 "http://$REG/v2/" 2>/dev/null; }

start_registry() {
  if registry_up; then
    log "registry: reusing http://$REG"
    return 0
  fi
  cat >"$STATE/registry/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE/registry/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $REG
EOF
  log "registry: starting on http://$REG"
  setsid nohup /usr/bin/docker-registry serve "$STATE/registry/config.yml" \
    >>"$STATE/logs/registry.log" 2>&1 </dev/null 9>&- &
  echo $! >"$STATE/registry.pid"
  local i
  for ((i = 0; i < 100; i++)); do
    registry_up && return 0
    kill -0 "$(cat "$STATE/registry.pid")" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 30 "$STATE/logs/registry.log" >&2
  die "registry did not come up on $REG"
}
start_registry

# ---------------------------------------------------------------------------
# 3. Private dockerd
# ---------------------------------------------------------------------------
engine_up() { dk version >/dev/null 2>&1; }

iptables_ok() { "$1" -w -t nat -S >/dev/null 2>&1 && "$1" -w -t filter -S >/dev/null 2>&1; }

# Decide how dockerd should use iptables. Prints true|false.
choose_iptables() {
  local want=${BRIDGEVIEW_ENGINE_IPTABLES:-auto}
  case $want in
    true | false) echo "$want"; return ;;
  esac
  if [[ $want != legacy ]] && command -v iptables >/dev/null && iptables_ok iptables; then
    log "iptables: '$(iptables --version 2>/dev/null)' works; keeping iptables on"
    echo true; return
  fi
  if command -v iptables-legacy >/dev/null && iptables_ok iptables-legacy; then
    log "iptables: default backend unusable; switching alternatives to iptables-legacy"
    update-alternatives --set iptables /usr/sbin/iptables-legacy >&2 || true
    update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >&2 || true
    if iptables_ok iptables; then echo true; return; fi
  fi
  log "iptables: no working iptables; starting dockerd with \"iptables\": false" \
    "(published ports still work through docker-proxy, containers get no NAT)"
  echo false
}

write_daemon_json() { # $1 = iptables true|false
  cat >"$STATE/daemon.json.new" <<EOF
{
  "registry-mirrors": ["http://$REG"],
  "insecure-registries": ["$REG"],
  "iptables": $1
}
EOF
  mv "$STATE/daemon.json.new" "$STATE/daemon.json"
}

pid_is_ours() { # $1 = pidfile, $2 = substring expected in the cmdline
  local pid
  [[ -s $1 ]] || return 1
  pid=$(cat "$1")
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$2"
}

start_dockerd() { # $1 = iptables true|false; returns 1 if dockerd died
  write_daemon_json "$1"
  if ! pid_is_ours "$STATE/docker.pid" "$SOCK"; then rm -f "$STATE/docker.pid"; fi
  rm -f "$SOCK"
  local env=()
  if [[ ${BRIDGEVIEW_ENGINE_ALLOW_HUB:-0} != 1 ]]; then
    # Egress guard: anything the mirror cannot serve would make dockerd fall
    # back to registry-1.docker.io; route that through a dead local proxy so
    # it fails fast and nothing leaves the machine. Loopback is never proxied.
    env=(HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9
         http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9
         NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost)
  fi
  log "dockerd: starting (iptables=$1), log $STATE/logs/dockerd.log"
  : >"$STATE/logs/dockerd.log"
  env "${env[@]}" setsid nohup dockerd \
    --host "unix://$SOCK" \
    --data-root "$STATE/data-root" \
    --exec-root "$STATE/exec-root" \
    --pidfile "$STATE/docker.pid" \
    --config-file "$STATE/daemon.json" \
    >>"$STATE/logs/dockerd.log" 2>&1 </dev/null 9>&- &
  local pid=$! i
  for ((i = 0; i < 600; i++)); do
    engine_up && return 0
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 1; }
    sleep 0.1
  done
  tail -n 40 "$STATE/logs/dockerd.log" >&2
  die "dockerd did not answer on $SOCK within 60 s"
}

ensure_engine() {
  if engine_up; then
    local mirrors
    mirrors=$(dk info --format '{{json .RegistryConfig.Mirrors}}' 2>/dev/null || true)
    if [[ $mirrors == *"http://$REG/"* || $mirrors == *"http://$REG\""* ]]; then
      log "dockerd: reusing $SOCK"
      return 0
    fi
    log "dockerd: running with mirrors $mirrors, expected http://$REG; restarting"
    bash "$(dirname "${BASH_SOURCE[0]}")/down.sh" --engine-only >&2
  fi
  local p
  for p in /proc/[0-9]*; do
    if [[ "$(cat "$p/comm" 2>/dev/null)" == dockerd ]] && ! tr '\0' ' ' 2>/dev/null <"$p/cmdline" | grep -qF -- "$SOCK"; then
      log "WARNING: another dockerd (pid ${p#/proc/}) is running; both will use docker0 and iptables"
      break
    fi
  done
  local mode
  mode=$(choose_iptables)
  if start_dockerd "$mode"; then return 0; fi
  if [[ $mode == true ]] && grep -qiE 'iptables|nf_tables|nftables|xtables' "$STATE/logs/dockerd.log"; then
    tail -n 20 "$STATE/logs/dockerd.log" >&2
    cp "$STATE/logs/dockerd.log" "$STATE/logs/dockerd.failed.log"
    if command -v iptables-legacy >/dev/null && iptables_ok iptables-legacy &&
      [[ "$(readlink -f "$(command -v iptables)")" != *legacy* ]]; then
      log "dockerd failed on iptables; retrying with iptables-legacy"
      update-alternatives --set iptables /usr/sbin/iptables-legacy >&2 || true
      update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >&2 || true
      if start_dockerd true; then return 0; fi
    fi
    log "dockerd failed on iptables; retrying with \"iptables\": false"
    if start_dockerd false; then return 0; fi
  fi
  tail -n 40 "$STATE/logs/dockerd.log" >&2
  die "dockerd exited during startup (see $STATE/logs/dockerd.log)"
}
ensure_engine
log "dockerd: $(dk info --format 'storage driver {{.Driver}}, cgroup {{.CgroupDriver}} v{{.CgroupVersion}}, server {{.ServerVersion}}')"

# ---------------------------------------------------------------------------
# 4. Fixture images
# ---------------------------------------------------------------------------
in_registry() { # $1 = repo, $2 = tag
  curl -fsS -o /dev/null --max-time 5 \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REG/v2/$1/manifests/$2" 2>/dev/null
}

# The recipe hash makes a changed build recipe rebuild the image even if an
# older build is still in the registry.
recipe_hash() { declare -f "$@" | sha256sum | cut -c1-16; }

image_current() { # $1 = repo, $2 = tag, $3 = recipe hash
  in_registry "$1" "$2" && [[ -f "$STATE/registry/$(basename "$1")-$2.recipe" ]] &&
    [[ "$(cat "$STATE/registry/$(basename "$1")-$2.recipe")" == "$3" ]]
}

mark_built() { echo "$3" >"$STATE/registry/$(basename "$1")-$2.recipe"; }

# Push LOCAL (a fresh import), then prove the mirror path by pulling the
# Docker Hub name NAME with no local copy present.
push_and_verify() { # $1 = local ref in registry, $2 = hub name
  log "pushing $1"
  dk push "$1" >"$STATE/logs/push.log" 2>&1 || { cat "$STATE/logs/push.log" >&2; die "push of $1 failed"; }
  dk rmi -f "$1" >/dev/null
  dk rmi -f "$2" >/dev/null 2>&1 || true
  pull_via_mirror "$2"
}

pull_via_mirror() { # $1 = Docker Hub name
  dk pull -q "$1" >"$STATE/logs/pull.log" 2>&1 || {
    cat "$STATE/logs/pull.log" >&2
    die "docker pull $1 through the mirror http://$REG failed"
  }
  log "pulled $1 through the mirror ($(dk image inspect -f '{{.Id}}' "$1" | cut -c1-19))"
}

build_busybox() {
  local root=$STATE/build/busybox-root a
  rm -rf "$root"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,var/spool/mail,var/www,home,dev,proc,sys}
  chmod 1777 "$root/tmp"
  chmod 700 "$root/root"
  cp /bin/busybox "$root/bin/busybox"
  for a in $("$root/bin/busybox" --list); do
    [[ $a == busybox ]] || ln -sf busybox "$root/bin/$a"
  done
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
wheel:x:10:root
mail:x:12:
www-data:x:33:
operator:x:37:
users:x:100:
nogroup:x:65534:
EOF
  : >"$root/etc/hosts"
  : >"$root/etc/resolv.conf"
  : >"$root/etc/hostname"
  tar --numeric-owner -C "$root" -c . |
    dk import --change 'CMD ["sh"]' - "$REG/library/busybox:latest" >/dev/null
  rm -rf "$root"
}

debian_mirror() {
  if [[ -n ${BRIDGEVIEW_DEBIAN_MIRROR:-} ]]; then echo "$BRIDGEVIEW_DEBIAN_MIRROR"; return; fi
  local uri=
  if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
    # first URI that is not the security archive
    uri=$(awk 'tolower($1)=="uris:" { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
      /etc/apt/sources.list.d/debian.sources)
  fi
  if [[ -z $uri && -r /etc/apt/sources.list ]]; then
    uri=$(awk '$1=="deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) { print $i; exit } }' \
      /etc/apt/sources.list)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# Debian minbase + MariaDB, post-processed, cached as a tarball.
mysql_rootfs() {
  local cache
  cache=$STATE/cache/mysql-rootfs-$MYSQL_SUITE-$(recipe_hash mysql_rootfs umount_under).tar.gz
  if [[ -s $cache ]]; then echo "$cache"; return; fi
  rm -f "$STATE/cache/mysql-rootfs-$MYSQL_SUITE-"*.tar.gz
  local root=$STATE/build/mysql-debootstrap mirror rc=0
  mirror=$(debian_mirror)
  log "debootstrap $MYSQL_SUITE (minbase + mariadb-server) from $mirror; log $STATE/logs/debootstrap.log"
  umount_under "$root"
  rm -rf "$root"
  mkdir -p "$root"
  : >"$STATE/logs/debootstrap.log"
  # Two stages so that a policy-rc.d is in place before any maintainer script
  # runs: nothing may start a server inside the chroot.
  debootstrap --foreign --variant=minbase --include=mariadb-server,mariadb-client \
    "$MYSQL_SUITE" "$root" "$mirror" >>"$STATE/logs/debootstrap.log" 2>&1 || rc=$?
  if ((rc == 0)); then
    mkdir -p "$root/usr/sbin"
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    chroot "$root" /debootstrap/debootstrap --second-stage >>"$STATE/logs/debootstrap.log" 2>&1 || rc=$?
  fi
  umount_under "$root"
  if ((rc != 0)); then
    tail -n 40 "$STATE/logs/debootstrap.log" >&2
    die "debootstrap failed (see $STATE/logs/debootstrap.log)"
  fi
  rm -f "$root/usr/sbin/policy-rc.d"
  # Slim down.
  rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
    "$root"/usr/share/lintian "$root"/usr/share/linda "$root"/var/log/*.log \
    "$root"/var/log/apt/* "$root"/tmp/* "$root"/var/tmp/*
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} + 2>/dev/null || true
  # The package's postinst initialised a datadir; the entrypoint must do it.
  rm -rf "$root"/var/lib/mysql
  mkdir -p "$root"/var/lib/mysql "$root"/run/mysqld
  chroot "$root" chown mysql:mysql /var/lib/mysql /run/mysqld
  chmod 750 "$root"/var/lib/mysql
  tar --numeric-owner -C "$root" -c . | gzip -1 >"$cache.tmp"
  mv "$cache.tmp" "$cache"
  rm -rf "$root"
  echo "$cache"
}

umount_under() { # lazily unmount anything mounted below $1
  local d=$1 m
  [[ -d $d ]] || return 0
  d=$(readlink -f "$d")
  awk '{print $2}' /proc/self/mounts | grep -E "^$d(/|$)" | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
}

write_mysql_entrypoint() { # $1 = path
  cat >"$1" <<'ENTRYPOINT'
#!/bin/bash
# MySQL-image-compatible entrypoint for the Bridgeview MariaDB fixture.
# Honours MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD,
# MYSQL_RANDOM_ROOT_PASSWORD, MYSQL_ROOT_HOST, MYSQL_DATABASE, MYSQL_USER,
# MYSQL_PASSWORD, MYSQL_ONETIME_PASSWORD (and *_FILE variants) and runs
# /docker-entrypoint-initdb.d/*.{sh,sql,sql.gz} on first start.
set -eo pipefail

mysql_log() {
  local type=$1; shift
  printf '%s [%s] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$type" "$*"
}
mysql_note() { mysql_log Note "$@"; }
mysql_warn() { mysql_log Warn "$@" >&2; }
mysql_error() { mysql_log ERROR "$@" >&2; exit 1; }

# usage: file_env VAR [DEFAULT]; VAR_FILE=/path reads VAR from a file
file_env() {
  local var=$1 fileVar="${1}_FILE" def=${2:-}
  if [ "${!var:-}" ] && [ "${!fileVar:-}" ]; then
    mysql_error "Both $var and $fileVar are set (but are exclusive)"
  fi
  local val=$def
  if [ "${!var:-}" ]; then
    val=${!var}
  elif [ "${!fileVar:-}" ]; then
    val=$(<"${!fileVar}")
  fi
  export "$var"="$val"
  unset "$fileVar"
}

sql_escape() { # escape for use inside '...'
  local s=${1//\\/\\\\}
  printf '%s' "${s//\'/\\\'}"
}
ident_escape() { printf '%s' "${1//\`/\`\`}"; }

DATADIR=/var/lib/mysql
SOCKET=/run/mysqld/mysqld.sock

# `docker run mysql:8.4 --some-option` -> server with options
if [ "${1:0:1}" = '-' ]; then
  set -- mariadbd "$@"
fi

case "${1:-}" in
  mariadbd | mysqld | /usr/sbin/mariadbd | /usr/sbin/mysqld) ;;
  *) exec "$@" ;;
esac
shift
for arg; do
  case "$arg" in
    -'?' | --help | --print-defaults | -V | --version) exec mariadbd "$@" ;;
  esac
done

mkdir -p /run/mysqld "$DATADIR"
chown mysql:mysql /run/mysqld
chmod 775 /run/mysqld
if [ "$(id -u)" = 0 ]; then
  find "$DATADIR" \! -user mysql -exec chown mysql:mysql '{}' +
fi

if [ ! -d "$DATADIR/mysql" ]; then
  file_env MYSQL_ROOT_PASSWORD
  file_env MYSQL_DATABASE
  file_env MYSQL_USER
  file_env MYSQL_PASSWORD
  file_env MYSQL_ROOT_HOST '%'
  if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ] && [ -z "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
    mysql_error $'Database is uninitialized and password option is not specified\n\tYou need to specify one of the following as an environment variable:\n\t- MYSQL_ROOT_PASSWORD\n\t- MYSQL_ALLOW_EMPTY_PASSWORD\n\t- MYSQL_RANDOM_ROOT_PASSWORD'
  fi
  if [ "$MYSQL_USER" = root ]; then
    mysql_error $'MYSQL_USER="root", MYSQL_USER and MYSQL_PASSWORD are for configuring a regular user and cannot be used for the root user\n\tRemove MYSQL_USER="root" and use one of the following to control the root user password:\n\t- MYSQL_ROOT_PASSWORD\n\t- MYSQL_ALLOW_EMPTY_PASSWORD\n\t- MYSQL_RANDOM_ROOT_PASSWORD'
  fi

  mysql_note "Initializing database files"
  mariadb-install-db --user=mysql --datadir="$DATADIR" --rpm --skip-test-db \
    --skip-name-resolve --skip-log-bin --auth-root-authentication-method=socket \
    --loose-innodb-buffer-pool-load-at-startup=0 --loose-innodb-buffer-pool-dump-at-shutdown=0 \
    >/dev/null
  mysql_note "Database files initialized"

  mysql_note "Starting temporary server"
  mariadbd --user=mysql --datadir="$DATADIR" --skip-networking --socket="$SOCKET" \
    --skip-log-bin --loose-innodb-buffer-pool-load-at-startup=0 \
    --loose-innodb-buffer-pool-dump-at-shutdown=0 "$@" &
  tmp_pid=$!
  for i in $(seq 60); do
    if mariadb --protocol=socket --socket="$SOCKET" -uroot -e 'SELECT 1' >/dev/null 2>&1; then break; fi
    kill -0 "$tmp_pid" 2>/dev/null || mysql_error "Unable to start the temporary server"
    sleep 1
  done
  mariadb --protocol=socket --socket="$SOCKET" -uroot -e 'SELECT 1' >/dev/null 2>&1 ||
    mysql_error "Unable to start the temporary server (timeout)"
  mysql_note "Temporary server started."

  if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
    MYSQL_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32)
    # like the official image: the generated password is the only thing printed
    mysql_note "GENERATED ROOT PASSWORD: $MYSQL_ROOT_PASSWORD"
  fi
  rootpw=$(sql_escape "$MYSQL_ROOT_PASSWORD")
  roothost=$(sql_escape "$MYSQL_ROOT_HOST")

  # Fresh password-protected clients: the password goes via a file, never argv.
  pwfile=$(mktemp)
  chmod 600 "$pwfile"
  trap 'rm -f "$pwfile"' EXIT
  {
    echo "SET @@SESSION.SQL_LOG_BIN=0;"
    echo "SET @@SESSION.SQL_MODE=REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');"
    echo "DROP USER IF EXISTS ''@'localhost', root@'127.0.0.1', root@'::1', 'mysql'@'localhost';"
    echo "EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\\'', @@hostname, '\\'');"
    echo "EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS \\'\\'@\\'', @@hostname, '\\'');"
    echo "DELETE FROM mysql.proxies_priv WHERE User NOT IN ('root', '') OR Host NOT IN ('localhost', '%');"
    echo "FLUSH PRIVILEGES;"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$rootpw';"
    if [ "$MYSQL_ROOT_HOST" != localhost ]; then
      echo "CREATE USER 'root'@'$roothost' IDENTIFIED BY '$rootpw';"
      echo "GRANT ALL ON *.* TO 'root'@'$roothost' WITH GRANT OPTION;"
      echo "GRANT PROXY ON ''@'%' TO 'root'@'$roothost' WITH GRANT OPTION;"
    fi
    if [ -n "$MYSQL_DATABASE" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`$(ident_escape "$MYSQL_DATABASE")\`;"
    fi
    if [ -n "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
      echo "CREATE USER '$(sql_escape "$MYSQL_USER")'@'%' IDENTIFIED BY '$(sql_escape "$MYSQL_PASSWORD")';"
      if [ -n "$MYSQL_DATABASE" ]; then
        echo "GRANT ALL ON \`$(ident_escape "$MYSQL_DATABASE")\`.* TO '$(sql_escape "$MYSQL_USER")'@'%';"
      fi
    fi
    if [ -n "${MYSQL_ONETIME_PASSWORD:-}" ] && [ "$MYSQL_ROOT_HOST" != localhost ]; then
      echo "ALTER USER 'root'@'$roothost' PASSWORD EXPIRE;"
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --protocol=socket --socket="$SOCKET" -uroot --binary-mode ||
    mysql_error "Failed to configure users"
  if [ -n "$MYSQL_USER" ] && [ -z "$MYSQL_PASSWORD" ]; then
    mysql_warn "MYSQL_USER specified, but missing MYSQL_PASSWORD; MYSQL_USER will not be created"
  elif [ -z "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
    mysql_warn "MYSQL_PASSWORD specified, but missing MYSQL_USER; MYSQL_PASSWORD will be ignored"
  fi
  [ -n "$MYSQL_DATABASE" ] && mysql_note "Creating database ${MYSQL_DATABASE}"
  [ -n "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ] && mysql_note "Creating user ${MYSQL_USER}"

  printf '[client]\npassword="%s"\n' "$(printf '%s' "$MYSQL_ROOT_PASSWORD" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')" >"$pwfile"
  sqlc=(mariadb --defaults-extra-file="$pwfile" --protocol=socket --socket="$SOCKET" -uroot)
  [ -n "$MYSQL_DATABASE" ] && sqlc+=("--database=$MYSQL_DATABASE")
  if [ -d /docker-entrypoint-initdb.d ]; then
    for f in /docker-entrypoint-initdb.d/*; do
      case "$f" in
        *.sh)
          if [ -x "$f" ]; then mysql_note "$0: running $f"; "$f"
          else mysql_note "$0: sourcing $f"; . "$f"; fi ;;
        *.sql) mysql_note "$0: running $f"; "${sqlc[@]}" <"$f" ;;
        *.sql.gz) mysql_note "$0: running $f"; gunzip -c "$f" | "${sqlc[@]}" ;;
        *.sql.xz) mysql_note "$0: running $f"; xzcat "$f" | "${sqlc[@]}" ;;
        *.sql.zst) mysql_note "$0: running $f"; zstd -dc "$f" | "${sqlc[@]}" ;;
        *) [ -e "$f" ] && mysql_note "$0: ignoring $f" ;;
      esac
    done
  fi

  mysql_note "Stopping temporary server"
  kill "$tmp_pid"
  wait "$tmp_pid" || true
  rm -f "$pwfile"
  trap - EXIT
  mysql_note "Temporary server stopped"
  echo
  mysql_note "MySQL init process done. Ready for start up."
  echo
fi

unset MYSQL_ROOT_PASSWORD MYSQL_PASSWORD
exec mariadbd --user=mysql --bind-address=0.0.0.0 --port=3306 "$@"
ENTRYPOINT
  chmod 755 "$1"
}

build_mysql() {
  local tarball root=$STATE/build/mysql-root
  tarball=$(mysql_rootfs)
  umount_under "$root"
  rm -rf "$root"
  mkdir -p "$root"
  tar --numeric-owner -C "$root" -xzf "$tarball"
  mkdir -p "$root/usr/local/bin" "$root/docker-entrypoint-initdb.d"
  write_mysql_entrypoint "$root/usr/local/bin/docker-entrypoint.sh"
  ln -sf usr/local/bin/docker-entrypoint.sh "$root/entrypoint.sh"
  cat >"$root/etc/mysql/mariadb.conf.d/99-docker.cnf" <<'EOF'
# Bridgeview fixture: behave like the official image (no DNS lookups of
# clients, listen on all container interfaces, log to stderr).
[mariadbd]
skip-name-resolve
skip-host-cache
bind-address = 0.0.0.0
# no binlog in the fixture; silences the Debian default's expire_logs_days warning
expire_logs_days = 0
EOF
  tar --numeric-owner -C "$root" -c . |
    dk import \
      --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
      --change 'CMD ["mariadbd"]' \
      --change 'EXPOSE 3306' \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      - "$REG/library/mysql:8.4" >/dev/null
  rm -rf "$root"
}

ensure_image() { # $1 = repo, $2 = tag, $3 = hub name, $4 = build function, $5... = recipe functions
  local repo=$1 tag=$2 name=$3 build=$4 hash
  shift 4
  hash=$(recipe_hash "$build" "$@")
  if image_current "$repo" "$tag" "$hash"; then
    log "image $REG/$repo:$tag already in the registry"
    if ! dk image inspect "$name" >/dev/null 2>&1; then pull_via_mirror "$name"; fi
    return 0
  fi
  local t=$SECONDS
  log "building $REG/$repo:$tag"
  "$build"
  push_and_verify "$REG/$repo:$tag" "$name"
  mark_built "$repo" "$tag" "$hash"
  log "image $name ready in $((SECONDS - t)) s"
}

ensure_image library/busybox latest busybox:latest build_busybox
ensure_image library/mysql 8.4 mysql:8.4 build_mysql mysql_rootfs write_mysql_entrypoint

# ---------------------------------------------------------------------------
# 5. Hand over
# ---------------------------------------------------------------------------
printf 'DOCKER_HOST=%s\nexport DOCKER_HOST\n' "$DOCKER_HOST_VALUE" >"$STATE/env"
log "ready in $((SECONDS - T0)) s; source $STATE/env"
printf 'DOCKER_HOST=%s\n' "$DOCKER_HOST_VALUE"
