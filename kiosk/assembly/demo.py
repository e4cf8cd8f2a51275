"""``python -m kiosk demo``: the same kiosk against the reference service run in-process."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from kiosk.assembly.store import run

DEMO_STAFF_PIN = "1234"  # the demo's only staff member; real kiosks read admin.staff_file


class DemoStartError(RuntimeError):
    """The embedded demo service did not start (the message is one line)."""


def run_demo(
    *,
    camera: str,
    data_dir: Path | None,
    fullscreen: bool,
    language: str | None,
    public: bool = False,
) -> int:
    """``python -m kiosk demo``: the reference service in-process with demo data, then
    :func:`run` against it, with one demo staff member (PIN :data:`DEMO_STAFF_PIN`).

    Raises :class:`DemoStartError` when the service does not start and
    :class:`kiosk.config.ConfigError` when an option is not a valid config value.
    """
    import contextlib
    import tempfile

    from kiosk.admin.pin import hash_pin
    from kiosk.config import parse_config
    from kiosk.dev.demo import demo_backend
    from kiosk.system.logs import configure_logging

    configure_logging(kiosk_id="demo", log_dir=None)
    with contextlib.ExitStack() as stack:
        if data_dir is None:
            data_dir = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="endless-aisle-demo-"))
            )
        try:
            backend = stack.enter_context(demo_backend(data_dir, public=public))
        except Exception as exc:
            raise DemoStartError(f"could not start the demo service: {exc}") from exc
        service = backend.service
        ui: dict[str, Any] = {"fullscreen": fullscreen}
        if language:
            ui["language"] = language
        config = parse_config(
            {
                "kiosk": {"id": service.kiosk_id, "store_id": service.store_id},
                "service": {
                    "url": service.url,
                    "api_key": service.kiosk_key,
                    "public_url": backend.public_url,  # "Continue on your phone"
                },
                "camera": {"source": camera},
                "ui": ui,
                "paths": {"data_dir": str(data_dir)},
            }
        )
        staff = [{"id": "demo", "name": "Demo staff", "pin_hash": hash_pin(DEMO_STAFF_PIN)}]
        print(
            f"Demo service at {service.url}; close the window to stop. Staff screen: hold the "
            f"top-left corner for 3 s, PIN {DEMO_STAFF_PIN}.",
            file=sys.stderr,
        )
        print(
            f"Phone pages at {backend.public_url} ('Continue on your phone' on the product "
            "screen)" + ("" if public else "; phones on this network: demo --public") + ".",
            file=sys.stderr,
        )
        return run(config, backend.client, staff=staff, staff_key=service.staff_key or "")
