"""The doctor's host-lockdown checks against scratch roots: what is not set is reported.

A developer's machine (nothing set) warns on each row with the install command as fix;
a later drop-in that turns a key back on, SysRq on now though off at boot, and a single
getty left unmasked are each found and named.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.system.checks import Status
from kiosk.system.doctor import CHECK_NAMES, Check, Probes, run_checks
from kiosk.system.lockdown_checks import (
    check_gettys,
    check_power_keys,
    check_sysrq,
    sysctl_boot_value,
)


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def locked_down(root: Path) -> Path:
    write(root, "proc/sys/kernel/sysrq", "0\n")
    write(root, "etc/sysctl.d/90-endless-aisle-kiosk.conf", "kernel.sysrq = 0\n")
    write(
        root,
        "etc/systemd/logind.conf.d/90-endless-aisle-kiosk.conf",
        "[Login]\nHandlePowerKey=ignore\nHandleSuspendKey=ignore\nHandleHibernateKey=ignore\n"
        "HandleRebootKey=ignore\nNAutoVTs=0\nReserveVT=0\n",
    )
    units = root / "etc/systemd/system"
    units.mkdir(parents=True, exist_ok=True)
    for n in range(2, 7):
        os.symlink("/dev/null", units / f"getty@tty{n}.service")
    return root


def statuses(root: Path) -> dict[str, Status]:
    return {
        c.name: c.status for c in (check_sysrq(root), check_power_keys(root), check_gettys(root))
    }


def test_a_machine_with_nothing_set_warns_on_every_row(tmp_path: Path) -> None:
    write(tmp_path, "proc/sys/kernel/sysrq", "176\n")  # Debian's default
    checks = [check_sysrq(tmp_path), check_power_keys(tmp_path), check_gettys(tmp_path)]
    assert [c.status for c in checks] == [Status.WARN] * 3
    assert all("install.sh" in c.fix for c in checks)
    assert "kernel.sysrq = 176" in checks[0].detail
    assert "HandlePowerKey=poweroff" in checks[1].detail
    assert "NAutoVTs=6" in checks[2].detail and "tty2,tty3,tty4,tty5,tty6" in checks[2].detail


def test_a_locked_down_machine_is_ok(tmp_path: Path) -> None:
    assert statuses(locked_down(tmp_path)) == {
        "sysrq": Status.OK,
        "power_keys": Status.OK,
        "gettys": Status.OK,
    }


def test_a_later_drop_in_that_turns_things_back_on_is_found(tmp_path: Path) -> None:
    root = locked_down(tmp_path)
    write(root, "etc/sysctl.d/99-local.conf", "kernel.sysrq=1\n")  # sorts after ours
    write(root, "etc/systemd/logind.conf.d/99-local.conf", "[Login]\nHandleSuspendKey=suspend\n")
    assert sysctl_boot_value(root, "kernel.sysrq") == "1"
    sysrq, keys = check_sysrq(root), check_power_keys(root)
    assert sysrq.status == Status.WARN and "after a reboot" in sysrq.detail
    assert keys.status == Status.WARN and keys.detail.endswith("HandleSuspendKey=suspend")


def test_sysrq_on_now_and_one_getty_unmasked_are_named(tmp_path: Path) -> None:
    root = locked_down(tmp_path)
    write(root, "proc/sys/kernel/sysrq", "1\n")
    (root / "etc/systemd/system/getty@tty4.service").unlink()
    assert "kernel.sysrq = 1" in check_sysrq(root).detail
    gettys = check_gettys(root)
    assert gettys.status == Status.WARN and gettys.detail.endswith("not masked on tty4")


def test_the_doctor_runs_them_last_against_its_host_root(tmp_path: Path) -> None:
    def config() -> Check:
        return Check("config", Status.FAIL, "no config")

    probes = Probes(
        config=config,
        camera=None,
        decode=lambda image: [],
        service=None,
        data_dir=None,
        outbox_backlog=None,
        host_root=locked_down(tmp_path),
    )
    checks = run_checks(probes)
    assert tuple(c.name for c in checks) == CHECK_NAMES
    assert [(c.name, c.status) for c in checks[-3:]] == [
        ("sysrq", Status.OK),
        ("power_keys", Status.OK),
        ("gettys", Status.OK),
    ]
