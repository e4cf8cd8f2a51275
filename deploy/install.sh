#!/usr/bin/env bash
# Install (or update) the Endless Aisle kiosk on this machine. Idempotent: a second run
# with nothing new changes nothing and says so.
#
#   sudo deploy/install.sh [--prefix /opt/endless-aisle] [--with-service] [--udev]
#   sudo deploy/install.sh --central [--prefix /opt/endless-aisle]   # a chain's stock service
#   deploy/install.sh --root /tmp/scratch --no-venv      # a scratch root, for tests
#
# What it does on a kiosk, each step only when needed:
#   - the system user and group "kiosk" (in the video, input and render groups)
#   - a virtualenv in PREFIX/.venv with this checkout installed ('.[kiosk]', plus
#     'service' with --with-service); reinstalled only when the source changed
#   - systemd units, the PAM stack for the kiosk session, endless-aisle-doctor: replaced
#     only when their content changed
#   - /etc/endless-aisle/kiosk.toml from deploy/kiosk.example.toml, only if absent
#     (an edited config is never overwritten); secrets.env (mode 0600), only if absent
#   - /var/lib/endless-aisle and /var/log/endless-aisle owned by kiosk
#   - with --udev: a stable /dev/endless-aisle-camera name for the USB camera
#   - host lockdown: SysRq off (sysctl.d drop-in), logind ignores the power, suspend,
#     hibernate and reboot keys and keeps no spare consoles (logind.conf.d drop-in),
#     getty@tty2..6 masked; applied at once on a real system (sysctl, logind reload)
#   - enables the kiosk unit at boot; restarts it if it runs and something changed
#
# With --central, a chain's central stock service on PostgreSQL instead of a kiosk: the
# virtualenv with '.[service]', endless-aisle-central.service (enabled at boot, restarted
# if it runs and something changed), the nightly pg_dump (endless-aisle-central-backup
# .timer, enabled, and its script) and /etc/endless-aisle/central.env (database and
# workers; mode 0600, only if absent). No kiosk user, kiosk unit, PAM stack or udev rule.
#
# --root DIR installs below DIR instead of /. Unless DIR is /, users, ownership, systemctl
# and udevadm are skipped: those belong to the real system, not to a scratch tree.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=/
PREFIX=/opt/endless-aisle
WITH_SERVICE=0
WITH_UDEV=0
WITH_VENV=1
CENTRAL=0
KIOSK_USER=kiosk
DEVICE_GROUPS=(video input render)
PYTHON=${PYTHON:-python3}

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
    case "$1" in
        --root) ROOT=${2:?--root needs a directory}; shift 2 ;;
        --root=*) ROOT=${1#--root=}; shift ;;
        --prefix) PREFIX=${2:?--prefix needs a directory}; shift 2 ;;
        --prefix=*) PREFIX=${1#--prefix=}; shift ;;
        --with-service) WITH_SERVICE=1; shift ;;
        --central) CENTRAL=1; shift ;;
        --udev) WITH_UDEV=1; shift ;;
        --no-venv) WITH_VENV=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

case "$PREFIX" in /*) ;; *) echo "install.sh: --prefix must be absolute" >&2; exit 2 ;; esac
if [ $CENTRAL -eq 1 ] && [ $((WITH_SERVICE + WITH_UDEV)) -gt 0 ]; then
    echo "install.sh: --central installs the central service only; --with-service and --udev are for kiosks" >&2
    exit 2
fi
mkdir -p "$ROOT"
ROOT=$(cd "$ROOT" && pwd)
if [ "$ROOT" = / ]; then
    REAL=1
    R=""
    if [ "$(id -u)" -ne 0 ]; then
        echo "install.sh: run as root (sudo), or use --root DIR for a scratch install" >&2
        exit 1
    fi
else
    REAL=0
    R=$ROOT
fi

CHANGES=0
UNITS_CHANGED=0
RESTART_NEEDED=0
changed() {
    echo "  $*"
    CHANGES=$((CHANGES + 1))
}

mode_of() { stat -c %a "$1"; }

# ensure_dir PATH MODE [OWNER]: create it, fix its mode (and owner on a real system).
ensure_dir() {
    local path=$R$1 mode=$2 owner=${3:-}
    if [ ! -d "$path" ]; then
        mkdir -p "$path"
        changed "created $1"
    fi
    if [ "$(mode_of "$path")" != "${mode#0}" ]; then
        chmod "$mode" "$path"
        changed "mode $mode on $1"
    fi
    if [ -n "$owner" ] && [ $REAL -eq 1 ] && [ "$(stat -c %U:%G "$path")" != "$owner" ]; then
        chown "$owner" "$path"
        changed "owner $owner on $1"
    fi
}

# render SRC: the file with the default prefix replaced by ours, on stdout.
render() {
    sed "s#/opt/endless-aisle#${PREFIX}#g" "$1"
}

# install_file SRC DEST MODE: replace DEST only when its content or mode differs.
# Returns 0 when something changed.
install_file() {
    local src=$1 dest=$R$2 mode=$3 tmp
    tmp=$(mktemp)
    render "$src" >"$tmp"
    if [ -f "$dest" ] && cmp -s "$tmp" "$dest"; then
        rm -f "$tmp"
        if [ "$(mode_of "$dest")" != "${mode#0}" ]; then
            chmod "$mode" "$dest"
            changed "mode $mode on $2"
            return 0
        fi
        return 1
    fi
    mkdir -p "$(dirname "$dest")"
    install -m "$mode" "$tmp" "$dest"
    rm -f "$tmp"
    changed "installed $2"
    return 0
}

# install_new SRC DEST MODE: write DEST only if it does not exist (never overwrite edits).
install_new() {
    local src=$1 dest=$R$2 mode=$3
    if [ -e "$dest" ]; then
        return 1
    fi
    mkdir -p "$(dirname "$dest")"
    install -m "$mode" "$src" "$dest"
    changed "created $2 (edit it)"
    return 0
}

echo "endless-aisle install: source $SRC, prefix $PREFIX, root $ROOT"
[ $REAL -eq 1 ] || echo "  (scratch root: users, ownership, systemctl and udevadm skipped)"

# --- the kiosk user -----------------------------------------------------------------------
if [ $REAL -eq 1 ] && [ $CENTRAL -eq 0 ]; then
    if ! getent group "$KIOSK_USER" >/dev/null; then
        groupadd --system "$KIOSK_USER"
        changed "created group $KIOSK_USER"
    fi
    if ! getent passwd "$KIOSK_USER" >/dev/null; then
        useradd --system --gid "$KIOSK_USER" --home-dir /var/lib/endless-aisle \
            --no-create-home --shell /usr/sbin/nologin --comment "Endless Aisle kiosk" \
            "$KIOSK_USER"
        changed "created user $KIOSK_USER"
    fi
    for group in "${DEVICE_GROUPS[@]}"; do
        if getent group "$group" >/dev/null && ! id -nG "$KIOSK_USER" | tr ' ' '\n' | grep -qx "$group"; then
            usermod -aG "$group" "$KIOSK_USER"
            changed "added $KIOSK_USER to group $group"
        fi
    done
fi

# --- directories ----------------------------------------------------------------------------
ensure_dir "$PREFIX" 0755
ensure_dir /etc/endless-aisle 0755
if [ $CENTRAL -eq 0 ]; then
    ensure_dir /var/lib/endless-aisle 0750 "$KIOSK_USER:$KIOSK_USER"
    ensure_dir /var/log/endless-aisle 0750 "$KIOSK_USER:$KIOSK_USER"
fi

# --- the application ------------------------------------------------------------------------
if [ $WITH_VENV -eq 1 ]; then
    extras=kiosk
    [ $WITH_SERVICE -eq 1 ] && extras=kiosk,service
    [ $CENTRAL -eq 1 ] && extras=service
    venv=$R$PREFIX/.venv
    stamp=$venv/.endless-aisle-source
    digest=$(
        cd "$SRC"
        {
            echo "extras=$extras"
            find pyproject.toml kiosk inventory_client inventory_service assets -type f \
                ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 2>/dev/null \
                | sort -z | xargs -0 sha256sum
        } | sha256sum | cut -d' ' -f1
    )
    if [ ! -x "$venv/bin/python" ]; then
        "$PYTHON" -m venv "$venv"
        changed "created virtualenv $PREFIX/.venv"
    fi
    if [ "$(cat "$stamp" 2>/dev/null || true)" != "$digest" ]; then
        "$venv/bin/pip" install --quiet --disable-pip-version-check "$SRC[$extras]"
        # Same version number, new code (a git pull): force our own package in again.
        "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps \
            --force-reinstall "$SRC"
        # The shopper's languages: .ts -> .qm inside the installed package (without this the
        # kiosk compiles them on first use into the kiosk user's cache).
        if [ $CENTRAL -eq 0 ]; then
            "$venv/bin/python" -m kiosk.i18n build >/dev/null
        fi
        echo "$digest" >"$stamp"
        changed "installed endless-aisle[$extras] into $PREFIX/.venv"
        RESTART_NEEDED=1
    fi
fi

# --- units, session, tools ------------------------------------------------------------------
if [ $CENTRAL -eq 1 ]; then
    UNITS=(endless-aisle-central.service endless-aisle-central-backup.service
        endless-aisle-central-backup.timer)
    RUNNING_UNITS=(endless-aisle-central.service)  # restarted after an update if running
else
    UNITS=(endless-aisle-kiosk.service endless-aisle-service.service)
    RUNNING_UNITS=("${UNITS[@]}")
fi
for unit in "${UNITS[@]}"; do
    if install_file "$SRC/deploy/$unit" "/etc/systemd/system/$unit" 0644; then
        UNITS_CHANGED=1
    fi
done
if [ $CENTRAL -eq 0 ]; then
    install_file "$SRC/deploy/pam.d/endless-aisle-kiosk" /etc/pam.d/endless-aisle-kiosk 0644 || true
    install_file "$SRC/deploy/endless-aisle-doctor" /usr/local/sbin/endless-aisle-doctor 0755 || true
else
    install_file "$SRC/deploy/endless-aisle-central-backup" \
        /usr/local/sbin/endless-aisle-central-backup 0755 || true
fi

# --- host lockdown: keys the kernel and logind act on before any application ------------
LOCKDOWN_SYSCTL_CHANGED=0
LOCKDOWN_LOGIND_CHANGED=0
SPARE_TTYS=(tty2 tty3 tty4 tty5 tty6)
if [ $CENTRAL -eq 0 ]; then
    if install_file "$SRC/deploy/sysctl.d/90-endless-aisle-kiosk.conf" \
        /etc/sysctl.d/90-endless-aisle-kiosk.conf 0644; then
        LOCKDOWN_SYSCTL_CHANGED=1
    fi
    if install_file "$SRC/deploy/logind.conf.d/90-endless-aisle-kiosk.conf" \
        /etc/systemd/logind.conf.d/90-endless-aisle-kiosk.conf 0644; then
        LOCKDOWN_LOGIND_CHANGED=1
    fi
    # Masking is a link to /dev/null in /etc/systemd/system (what `systemctl mask` makes).
    for tty in "${SPARE_TTYS[@]}"; do
        link=$R/etc/systemd/system/getty@$tty.service
        if [ "$(readlink "$link" 2>/dev/null || true)" != /dev/null ]; then
            mkdir -p "$(dirname "$link")"
            ln -sfn /dev/null "$link"
            changed "masked getty@$tty.service"
            UNITS_CHANGED=1
        fi
    done
fi

UDEV_CHANGED=0
if [ $WITH_UDEV -eq 1 ]; then
    if install_file "$SRC/deploy/udev/70-endless-aisle-camera.rules" \
        /etc/udev/rules.d/70-endless-aisle-camera.rules 0644; then
        UDEV_CHANGED=1
    fi
fi

# --- configuration and secrets (never overwritten) -------------------------------------------
# ensure_secret_mode PATH: a secrets file stays 0600 whatever happened to it.
ensure_secret_mode() {
    if [ "$(mode_of "$R$1")" != 600 ]; then
        chmod 0600 "$R$1"
        changed "mode 0600 on $1"
    fi
}

if [ $CENTRAL -eq 1 ]; then
    install_new "$SRC/deploy/central.example.env" /etc/endless-aisle/central.env 0600 || true
    ensure_secret_mode /etc/endless-aisle/central.env
else
    install_new "$SRC/deploy/kiosk.example.toml" /etc/endless-aisle/kiosk.toml 0644 || true
    secrets=$(mktemp)
    cat >"$secrets" <<'EOF'
# Secrets of the Endless Aisle kiosk, read by systemd (EnvironmentFile=) as root before the
# kiosk starts. Keep this file mode 0600, owned by root. Never commit it anywhere.
#
# The kiosk's API key, as printed once by `python -m inventory_service keys add`:
EA_SERVICE__API_KEY=
EOF
    install_new "$secrets" /etc/endless-aisle/secrets.env 0600 || true
    rm -f "$secrets"
    ensure_secret_mode /etc/endless-aisle/secrets.env
fi

# --- systemd and udev ---------------------------------------------------------------------
# enable_unit UNIT: start it at every boot.
enable_unit() {
    if ! systemctl is-enabled --quiet "$1"; then
        systemctl enable --quiet "$1"
        changed "enabled $1 at boot"
    fi
}

if [ $REAL -eq 1 ]; then
    if [ $UNITS_CHANGED -eq 1 ]; then
        systemctl daemon-reload
        RESTART_NEEDED=1
    fi
    if [ $CENTRAL -eq 1 ]; then
        enable_unit endless-aisle-central.service
        enable_unit endless-aisle-central-backup.timer
    else
        enable_unit endless-aisle-kiosk.service
        if [ "$(systemctl get-default)" != graphical.target ]; then
            systemctl set-default graphical.target
            changed "default boot target is now graphical.target (starts the kiosk)"
        fi
        [ $WITH_SERVICE -eq 0 ] || enable_unit endless-aisle-service.service
    fi
    if [ $LOCKDOWN_SYSCTL_CHANGED -eq 1 ]; then
        sysctl -q -p /etc/sysctl.d/90-endless-aisle-kiosk.conf
    fi
    if [ $LOCKDOWN_LOGIND_CHANGED -eq 1 ]; then
        # logind re-reads its config on reload (HUP); spare consoles already open stay until
        # the next boot.
        systemctl reload systemd-logind 2>/dev/null \
            || echo "  logind settings take effect at the next boot"
    fi
    for tty in "${SPARE_TTYS[@]}"; do
        if [ $CENTRAL -eq 0 ] && systemctl is-active --quiet "getty@$tty.service"; then
            systemctl stop "getty@$tty.service"
            echo "  stopped getty@$tty.service"
        fi
    done
    if [ $UDEV_CHANGED -eq 1 ]; then
        udevadm control --reload-rules
        udevadm trigger --subsystem-match=video4linux
    fi
    if [ $RESTART_NEEDED -eq 1 ]; then
        for unit in "${RUNNING_UNITS[@]}"; do
            if systemctl is-active --quiet "$unit"; then
                systemctl restart "$unit"
                echo "  restarted $unit"
            fi
        done
    fi
fi

if [ $CHANGES -eq 0 ]; then
    echo "endless-aisle install: nothing to change"
else
    echo "endless-aisle install: $CHANGES changes"
    if [ $REAL -eq 1 ] && [ $CENTRAL -eq 1 ]; then
        if ! systemctl is-active --quiet endless-aisle-central.service; then
            echo "Next: create the PostgreSQL role and database, edit /etc/endless-aisle/central.env,"
            echo "then: systemctl start endless-aisle-central (docs/DEPLOY.md, A chain)."
        fi
    elif [ $REAL -eq 1 ] && ! systemctl is-active --quiet endless-aisle-kiosk.service; then
        echo "Next: edit /etc/endless-aisle/kiosk.toml and secrets.env, run endless-aisle-doctor,"
        echo "then: systemctl start endless-aisle-kiosk (it also starts at every boot)."
    fi
fi
