"""The doctor's checks of the host lockdown: what the kernel and logind do with keys.

The kiosk's own filter (:mod:`kiosk.system.lockdown`) never sees SysRq, the power key or a
switch to another console: the kernel and systemd-logind act on them first.
``deploy/install.sh`` turns them off; these checks read the same files and values the
kernel and systemd read, below ``root`` (``/`` on a kiosk; a scratch tree in tests):

- ``sysrq``: ``/proc/sys/kernel/sysrq`` now, and the value the sysctl.d files set at boot;
- ``power_keys``: logind's ``Handle*Key`` settings (logind.conf and its drop-ins);
- ``gettys``: logind's ``NAutoVTs``/``ReserveVT`` and ``getty@tty2..6`` masked.

A setting that is not in place is a WARN, not a FAIL: a developer's machine rightly has
none of it, and the kiosk still works; on a store's kiosk the fix line says what to run.
"""

from __future__ import annotations

import configparser
from collections.abc import Iterable
from pathlib import Path

from kiosk.system.checks import Check, Status

__all__ = [
    "LOGIND_KEYS",
    "SPARE_TTYS",
    "check_gettys",
    "check_power_keys",
    "check_sysrq",
    "logind_settings",
    "sysctl_boot_value",
]

FIX = "sudo deploy/install.sh (installs the drop-ins), then reboot"
SPARE_TTYS = ("tty2", "tty3", "tty4", "tty5", "tty6")
# logind's key handling and its defaults (logind.conf(5)).
LOGIND_KEYS = {
    "HandlePowerKey": "poweroff",
    "HandleSuspendKey": "suspend",
    "HandleHibernateKey": "hibernate",
    "HandleRebootKey": "reboot",
}
_VT_DEFAULTS = {"NAutoVTs": "6", "ReserveVT": "6"}
# Where sysctl --system and logind look, lowest precedence first (same-named files: the
# later directory wins; all files are read in the order of their names).
_SYSCTL_DIRS = ("usr/lib/sysctl.d", "lib/sysctl.d", "run/sysctl.d", "etc/sysctl.d")
_LOGIND_DIRS = (
    "usr/lib/systemd/logind.conf.d",
    "run/systemd/logind.conf.d",
    "etc/systemd/logind.conf.d",
)


def _drop_ins(root: Path, directories: Iterable[str]) -> list[Path]:
    """``*.conf`` files in ``directories`` below ``root``: one per name, in name order."""
    by_name: dict[str, Path] = {}
    for directory in directories:
        folder = root / directory
        if folder.is_dir():
            for path in folder.glob("*.conf"):
                by_name[path.name] = path
    return [by_name[name] for name in sorted(by_name)]


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def sysctl_boot_value(root: Path, key: str) -> str | None:
    """The value the sysctl files set for ``key`` at boot (the last one wins), or None."""
    value = None
    for path in [*_drop_ins(root, _SYSCTL_DIRS), root / "etc/sysctl.conf"]:
        for line in (_read(path) or "").splitlines():
            line = line.strip()
            if not line or line[0] in "#;" or "=" not in line:
                continue
            name, _, setting = line.lstrip("-").partition("=")
            if name.strip().replace("/", ".") == key:
                value = setting.strip()
    return value


def check_sysrq(root: Path = Path("/")) -> Check:
    """SysRq is off now (0) and stays off after a reboot (a sysctl file says 0)."""
    live = _read(root / "proc/sys/kernel/sysrq")
    boot = sysctl_boot_value(root, "kernel.sysrq")
    if live is None:
        return Check("sysrq", Status.WARN, "/proc/sys/kernel/sysrq unreadable", FIX)
    if live.strip() != "0":
        detail = f"kernel.sysrq = {live.strip()}: Alt+SysRq can reboot or kill the kiosk"
        return Check("sysrq", Status.WARN, detail, FIX)
    if boot != "0":
        detail = f"off now, but the sysctl files set {boot or 'nothing'}: on again after a reboot"
        return Check("sysrq", Status.WARN, detail, FIX)
    return Check("sysrq", Status.OK, "kernel.sysrq = 0, now and at boot")


def logind_settings(root: Path) -> dict[str, str]:
    """logind's ``[Login]`` settings as it reads them: logind.conf, then its drop-ins."""
    settings: dict[str, str] = {}
    for path in [root / "etc/systemd/logind.conf", *_drop_ins(root, _LOGIND_DIRS)]:
        text = _read(path)
        if text is None:
            continue
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        parser.optionxform = str  # type: ignore[assignment,method-assign]  # keep key case
        try:
            parser.read_string(text, source=str(path))
        except configparser.Error:
            continue  # logind skips what it cannot parse too
        if parser.has_section("Login"):
            settings.update(parser.items("Login"))
    return settings


def check_power_keys(root: Path = Path("/")) -> Check:
    """logind ignores the power, suspend, hibernate and reboot keys."""
    settings = logind_settings(root)
    acting = {
        key: settings.get(key, default)
        for key, default in LOGIND_KEYS.items()
        if settings.get(key, default) != "ignore"
    }
    if acting:
        detail = ", ".join(f"{key}={value}" for key, value in acting.items())
        return Check("power_keys", Status.WARN, f"logind acts on keys: {detail}", FIX)
    return Check("power_keys", Status.OK, "logind ignores power, suspend, hibernate, reboot")


def _masked(root: Path, unit: str) -> bool:
    for directory in ("etc/systemd/system", "run/systemd/system"):
        path = root / directory / unit
        if path.is_symlink() and str(path.readlink()) == "/dev/null":
            return True
    return False


def check_gettys(root: Path = Path("/")) -> Check:
    """No spare text consoles: logind starts none (NAutoVTs=0, ReserveVT=0) and
    getty@tty2..6 are masked."""
    settings = logind_settings(root)
    problems = [
        f"{key}={settings.get(key, default)}"
        for key, default in _VT_DEFAULTS.items()
        if settings.get(key, default) != "0"
    ]
    unmasked = [tty for tty in SPARE_TTYS if not _masked(root, f"getty@{tty}.service")]
    if unmasked:
        problems.append("getty@ not masked on " + ",".join(unmasked))
    if problems:
        return Check("gettys", Status.WARN, "spare consoles: " + "; ".join(problems), FIX)
    return Check("gettys", Status.OK, "no spare consoles (NAutoVTs=0, getty@tty2-6 masked)")
