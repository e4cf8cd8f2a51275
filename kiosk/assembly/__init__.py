"""The composition root: every part of a running kiosk is built here, and torn down here.

::

    Config ──> build_client ──> InventoryClient ─────────────┐
         └──> Kiosk(client, ...)                              │ (typed results on the GUI thread)
                ├── TaskRunner ── ShopperSession ── flows ────┘
                ├── Scanner (camera thread) / WedgeFilter (USB scanner) / IdleWatcher
                ├── OutboxSender (thread), RefusedOrders, Translations, ScanCue
                └── MainWindow (screens)                      ── open_window()
         run() adds, for a kiosk in a store:
                ├── AdminLauncher (staff screen, its Health checks)
                ├── Lockdown (no way out to the desktop)
                ├── HeartbeatReporter (health to the service)
                └── sdnotify Watchdog (systemd)

:class:`Kiosk` (:mod:`~kiosk.assembly.parts`) holds the parts; :meth:`Kiosk.shutdown` is the
one teardown, in reverse order of start. :mod:`~kiosk.assembly.store` builds a kiosk in a
store from its config, :mod:`~kiosk.assembly.demo` the demo against an in-process service.
``python -m kiosk`` (:mod:`kiosk.__main__`) only parses arguments and calls
:func:`run_from_config` or :func:`run_demo`. Tests build a :class:`Kiosk` from a client.
Defaults come from the config schema (:func:`kiosk.config.defaults`), never from here.
"""

from kiosk.assembly.demo import DEMO_STAFF_PIN, DemoStartError, run_demo
from kiosk.assembly.parts import Kiosk, open_window
from kiosk.assembly.store import build_client, run, run_from_config

__all__ = [
    "DEMO_STAFF_PIN",
    "DemoStartError",
    "Kiosk",
    "build_client",
    "open_window",
    "run",
    "run_demo",
    "run_from_config",
]
