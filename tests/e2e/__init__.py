"""End-to-end tests: the real kiosk program on a real X server, driven with real X input.

After qutebrowser's ``tests/end2end``: each test starts an X server on a free display
(``xserver.py``: Xvfb, or Xorg with the dummy driver where keymaps or modes must change),
starts ``python -m kiosk demo --fullscreen`` or ``python -m kiosk run --config ...`` on it
(``kiosk_process.py``), waits on the kiosk's JSON log lines (``window placed``,
``screen shown``, ``admin screen opened``), sends keys and taps with xdotool at the speed
of a scanner or a person (``xinput.py``), and reads where the controls are from the kiosk's
widget map (``kill -USR1``; kiosk/widget_map.py). Everything is stopped at the end, also
after a failure: the kiosk's whole process group, then the X server.

Needs ``xvfb xdotool x11-utils x11-xserver-utils x11-xkb-utils xserver-xorg-core
xserver-xorg-video-dummy`` (``deploy/system-packages.sh`` installs them; ``make test`` runs
it). Run alone: ``.venv/bin/python -m pytest tests/e2e -q``.
"""
