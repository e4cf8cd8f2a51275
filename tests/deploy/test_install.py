"""deploy/install.sh into a scratch root: idempotent, never overwrites config, units verify."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from kiosk.system.checks import Status
from kiosk.system.lockdown_checks import (
    check_gettys,
    check_power_keys,
    check_sysrq,
    logind_settings,
)

REPO = Path(__file__).resolve().parents[2]
UNITS = (
    "endless-aisle-kiosk.service",
    "endless-aisle-service.service",
    "endless-aisle-central.service",
    "endless-aisle-central-backup.service",
    "endless-aisle-central-backup.timer",
)
#: The units only ``install.sh --central`` installs (a chain's stock service, no kiosk).
CENTRAL_UNITS = (
    "endless-aisle-central.service",
    "endless-aisle-central-backup.service",
    "endless-aisle-central-backup.timer",
)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A snapshot of deploy/, so edits elsewhere in the work tree cannot race the test."""
    src = tmp_path / "src"
    shutil.copytree(REPO / "deploy", src / "deploy")
    return src


def install(source: Path, root: Path, *args: str) -> str:
    result = subprocess.run(
        ["bash", str(source / "deploy" / "install.sh"), "--root", str(root), "--no-venv", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def tree_state(root: Path) -> dict[str, tuple]:
    """Every path below root: kind, mode, and for files sha256 and mtime."""
    state: dict[str, tuple] = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        rel = str(path.relative_to(root))
        if stat.S_ISREG(st.st_mode):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            state[rel] = ("file", stat.S_IMODE(st.st_mode), digest, st.st_mtime_ns)
        else:
            state[rel] = ("dir" if path.is_dir() else "other", stat.S_IMODE(st.st_mode))
    return state


def test_second_run_changes_nothing(source: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    first = install(source, root, "--udev")
    before = tree_state(root)
    second = install(source, root, "--udev")
    assert tree_state(root) == before
    assert "changes" in first.splitlines()[-1]
    assert second.splitlines()[-1] == "endless-aisle install: nothing to change"


def test_first_run_lays_out_the_system(source: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    install(source, root, "--udev")
    state = tree_state(root)
    expected_files = {
        "etc/systemd/system/endless-aisle-kiosk.service": 0o644,
        "etc/systemd/system/endless-aisle-service.service": 0o644,
        "etc/pam.d/endless-aisle-kiosk": 0o644,
        "etc/udev/rules.d/70-endless-aisle-camera.rules": 0o644,
        "etc/endless-aisle/kiosk.toml": 0o644,
        "etc/endless-aisle/secrets.env": 0o600,
        "usr/local/sbin/endless-aisle-doctor": 0o755,
    }
    for rel, mode in expected_files.items():
        assert state[rel][:2] == ("file", mode), rel
    for rel, mode in {
        "opt/endless-aisle": 0o755,
        "var/lib/endless-aisle": 0o750,
        "var/log/endless-aisle": 0o750,
    }.items():
        assert state[rel] == ("dir", mode), rel
    assert (root / "etc/endless-aisle/kiosk.toml").read_bytes() == (
        source / "deploy/kiosk.example.toml"
    ).read_bytes()
    assert "EA_SERVICE__API_KEY=" in (root / "etc/endless-aisle/secrets.env").read_text()


def test_edited_config_and_secrets_are_never_overwritten(source: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    install(source, root)
    config = root / "etc/endless-aisle/kiosk.toml"
    secrets = root / "etc/endless-aisle/secrets.env"
    config.write_text('[kiosk]\nid = "edited"\n')
    secrets.write_text("EA_SERVICE__API_KEY=s3cret\n")
    (source / "deploy/kiosk.example.toml").write_text("# a newer example\n")

    out = install(source, root)
    assert config.read_text() == '[kiosk]\nid = "edited"\n'
    assert secrets.read_text() == "EA_SERVICE__API_KEY=s3cret\n"
    assert out.splitlines()[-1] == "endless-aisle install: nothing to change"


def test_changed_unit_and_drifted_modes_are_repaired(source: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    install(source, root)
    unit = source / "deploy/endless-aisle-kiosk.service"
    unit.write_text(unit.read_text().replace("RestartSec=2", "RestartSec=3"))
    (root / "etc/endless-aisle/secrets.env").chmod(0o644)
    (root / "var/lib/endless-aisle").chmod(0o777)

    out = install(source, root)
    assert "installed /etc/systemd/system/endless-aisle-kiosk.service" in out
    assert "mode 0600 on /etc/endless-aisle/secrets.env" in out
    assert "mode 0750 on /var/lib/endless-aisle" in out
    assert "RestartSec=3" in (root / "etc/systemd/system/endless-aisle-kiosk.service").read_text()
    assert stat.S_IMODE((root / "etc/endless-aisle/secrets.env").stat().st_mode) == 0o600
    assert install(source, root).splitlines()[-1].endswith("nothing to change")


def test_prefix_is_written_into_units_and_tools(source: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    install(source, root, "--prefix", "/srv/aisle")
    assert (root / "srv/aisle").is_dir()
    for rel in (
        "etc/systemd/system/endless-aisle-kiosk.service",
        "usr/local/sbin/endless-aisle-doctor",
    ):
        text = (root / rel).read_text()
        assert "/srv/aisle/.venv/bin/python" in text
        assert "/opt/endless-aisle" not in text


def test_central_installs_the_service_and_nothing_of_a_kiosk(source: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    first = install(source, root, "--central", "--prefix", "/srv/aisle")
    state = tree_state(root)
    for unit in CENTRAL_UNITS:
        assert state[f"etc/systemd/system/{unit}"][:2] == ("file", 0o644), unit
    assert state["usr/local/sbin/endless-aisle-central-backup"][:2] == ("file", 0o755)
    assert state["etc/endless-aisle/central.env"][:2] == ("file", 0o600)
    assert (root / "etc/endless-aisle/central.env").read_bytes() == (
        source / "deploy/central.example.env"
    ).read_bytes()
    kiosk_parts = (
        "etc/systemd/system/endless-aisle-kiosk.service",
        "etc/systemd/system/endless-aisle-service.service",
        "etc/pam.d/endless-aisle-kiosk",
        "usr/local/sbin/endless-aisle-doctor",
        "etc/endless-aisle/kiosk.toml",
        "etc/endless-aisle/secrets.env",
        "var/lib/endless-aisle",
        "var/log/endless-aisle",
    )
    assert [rel for rel in kiosk_parts if rel in state] == []
    unit = (root / "etc/systemd/system/endless-aisle-central.service").read_text()
    assert "/srv/aisle/.venv/bin/python -m inventory_service --db postgresql:// " in unit
    assert "/opt/endless-aisle" not in unit
    assert "changes" in first.splitlines()[-1]

    # Edited database settings survive a second run; a drifted mode is put back.
    env = root / "etc/endless-aisle/central.env"
    env.write_text("PGHOST=db.internal\nPGPASSWORD=s3cret\n")
    env.chmod(0o644)
    second = install(source, root, "--central", "--prefix", "/srv/aisle")
    assert env.read_text() == "PGHOST=db.internal\nPGPASSWORD=s3cret\n"
    assert second.splitlines()[2:-1] == ["  mode 0600 on /etc/endless-aisle/central.env"]
    assert install(source, root, "--central", "--prefix", "/srv/aisle").splitlines()[-1] == (
        "endless-aisle install: nothing to change"
    )


def test_central_unit_keeps_the_database_out_of_the_command_line() -> None:
    """Host, user and password come from the EnvironmentFile (libpq's PG* variables), so
    they never show in ps or in the journal; the unit is hardened like the others."""
    unit = (REPO / "deploy/endless-aisle-central.service").read_text()
    settings = [line for line in unit.splitlines() if line and not line.startswith("#")]
    exec_start = next(line for line in settings if line.startswith("ExecStart="))
    assert "--db postgresql:// " in exec_start
    assert "PG" not in exec_start and "@" not in exec_start
    assert "EnvironmentFile=/etc/endless-aisle/central.env" in settings
    for hardening in (
        "DynamicUser=yes",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "PrivateDevices=yes",
        "MemoryDenyWriteExecute=yes",
        "CapabilityBoundingSet=",
        "Restart=always",
    ):
        assert hardening in settings, hardening
    example = (REPO / "deploy/central.example.env").read_text()
    live = [line for line in example.splitlines() if line and not line.startswith("#")]
    assert not any(line.startswith("PGPASSWORD=") for line in live)  # no default password
    assert {line.split("=", 1)[0] for line in live} <= {"PGHOST", "PGDATABASE", "PGUSER"}


def test_backup_script_refuses_bad_days_and_leaves_nothing_when_pg_dump_fails(
    tmp_path: Path,
) -> None:
    """The dump itself is tested against a real server in tests/service/test_backup_restore.py."""
    script = str(REPO / "deploy" / "endless-aisle-central-backup")
    bad_days = subprocess.run(
        ["sh", script, str(tmp_path), "two weeks"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert bad_days.returncode == 2
    assert "KEEP_DAYS must be a number of days" in bad_days.stderr
    # A pg_dump that writes half a dump and dies (the server went away mid-dump).
    dies = tmp_path / "pg_dump_dies"
    dies.write_text(
        "#!/bin/sh\n"
        'for a; do case "$a" in --file=*) echo half >"${a#--file=}";; esac; done\n'
        "exit 1\n"
    )
    dies.chmod(0o755)
    backups = tmp_path / "backups"
    backups.mkdir()
    failing = subprocess.run(
        ["sh", script, str(backups)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env={**os.environ, "PG_DUMP": str(dies)},
    )
    assert failing.returncode != 0
    assert list(backups.iterdir()) == []  # no partial dump that looks like a backup


def test_bad_options_are_refused(source: Path, tmp_path: Path) -> None:
    script = str(source / "deploy" / "install.sh")
    unknown = subprocess.run(
        ["bash", script, "--frobnicate"], capture_output=True, text=True, timeout=30, check=False
    )
    assert unknown.returncode == 2
    assert "--frobnicate" in unknown.stderr
    relative = subprocess.run(
        ["bash", script, "--root", str(tmp_path), "--prefix", "opt"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert relative.returncode == 2
    for kiosk_option in ("--udev", "--with-service"):
        mixed = subprocess.run(
            ["bash", script, "--root", str(tmp_path), "--central", kiosk_option],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert mixed.returncode == 2, kiosk_option
        assert "--central" in mixed.stderr


def test_shell_scripts_parse() -> None:
    for script, shell in (
        ("install.sh", "bash"),
        ("endless-aisle-doctor", "sh"),
        ("endless-aisle-central-backup", "sh"),
    ):
        subprocess.run([shell, "-n", str(REPO / "deploy" / script)], check=True, timeout=30)
        assert os.access(REPO / "deploy" / script, os.X_OK), script


SYSTEMD_UNITS = Path("/usr/lib/systemd/system")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
@pytest.mark.skipif(
    not (SYSTEMD_UNITS / "sysinit.target").exists(), reason="no systemd unit library here"
)
@pytest.mark.parametrize("unit", UNITS)
def test_units_verify_clean(source: Path, tmp_path: Path, unit: str) -> None:
    """systemd-analyze verify, in a scratch root holding the installed units, systemd's own
    units and stand-ins for the executables the units start (cage, the venv's python)."""
    root = tmp_path / "root"
    install(source, root, *(["--central"] if unit in CENTRAL_UNITS else []))
    shutil.copytree(SYSTEMD_UNITS, root / SYSTEMD_UNITS.relative_to("/"), symlinks=True)
    for exe in ("usr/bin/cage", "opt/endless-aisle/.venv/bin/python"):
        path = root / exe
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)

    result = subprocess.run(
        [
            "systemd-analyze",
            "verify",
            "--man=no",
            f"--root={root}",
            str(root / "etc/systemd/system" / unit),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Unknown keys and unparsable values are only warnings: treat any output as a failure.
    assert result.stdout + result.stderr == ""


def test_every_install_option_is_documented() -> None:
    """docs/DEPLOY.md and --help name every option install.sh accepts."""
    script = (REPO / "deploy" / "install.sh").read_text()
    options = set(re.findall(r"^\s+(--[a-z-]+)\)", script, flags=re.MULTILINE))
    assert {"--root", "--prefix", "--with-service", "--udev", "--no-venv", "--central"} <= options
    help_text = subprocess.run(
        ["bash", str(REPO / "deploy" / "install.sh"), "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    guide = (REPO / "docs" / "DEPLOY.md").read_text()
    for option in options:
        assert option in help_text, option
        if option not in ("--root", "--no-venv"):  # test-only options
            assert option in guide, option
    for unit in UNITS:
        assert unit.removesuffix(".service").removesuffix(".timer") in guide


# --- the host lockdown (issue 15 item 9): SysRq, logind keys, spare consoles ----------------

SYSCTL = "etc/sysctl.d/90-endless-aisle-kiosk.conf"
LOGIND = "etc/systemd/logind.conf.d/90-endless-aisle-kiosk.conf"
TTYS = ("tty2", "tty3", "tty4", "tty5", "tty6")


def set_live_sysrq(root: Path, value: str) -> None:
    """What /proc/sys/kernel/sysrq says on the machine the root stands for."""
    path = root / "proc/sys/kernel/sysrq"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value + "\n")


def test_install_lays_down_the_host_lockdown(source: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    out = install(source, root)
    state = tree_state(root)
    assert state[SYSCTL][:2] == ("file", 0o644)
    assert state[LOGIND][:2] == ("file", 0o644)
    assert "kernel.sysrq = 0" in (root / SYSCTL).read_text().splitlines()
    settings = logind_settings(root)
    for key in ("HandlePowerKey", "HandleSuspendKey", "HandleHibernateKey", "HandleRebootKey"):
        assert settings[key] == "ignore", key
    assert (settings["NAutoVTs"], settings["ReserveVT"]) == ("0", "0")
    for tty in TTYS:
        link = root / f"etc/systemd/system/getty@{tty}.service"
        assert os.readlink(link) == "/dev/null", tty
        assert f"masked getty@{tty}.service" in out
    assert not (root / "etc/systemd/system/getty@tty1.service").exists()  # the kiosk's own


def test_a_removed_mask_or_edited_drop_in_is_put_back(source: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    install(source, root)
    (root / "etc/systemd/system/getty@tty3.service").unlink()
    (root / LOGIND).write_text("[Login]\nHandlePowerKey=poweroff\n")
    out = install(source, root)
    assert "masked getty@tty3.service" in out
    assert f"installed /{LOGIND}" in out
    assert logind_settings(root)["HandlePowerKey"] == "ignore"
    assert install(source, root).splitlines()[-1].endswith("nothing to change")


def test_central_install_leaves_the_host_alone(source: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    install(source, root, "--central")
    assert not (root / SYSCTL).exists() and not (root / LOGIND).exists()
    assert not list((root / "etc/systemd/system").glob("getty@*"))


def test_doctor_finds_the_installed_lockdown(source: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    install(source, root)
    set_live_sysrq(root, "0")  # what `sysctl -p` did on the real machine
    checks = [check(root) for check in (check_sysrq, check_power_keys, check_gettys)]
    assert [(c.name, c.status) for c in checks] == [
        ("sysrq", Status.OK),
        ("power_keys", Status.OK),
        ("gettys", Status.OK),
    ], checks
