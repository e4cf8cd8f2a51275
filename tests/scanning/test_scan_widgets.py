"""Camera view and numeric keypad widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from kiosk.widgets.camera_view import CameraView
from kiosk.widgets.keypad import NumericKeypad


def test_camera_view_states(qtbot) -> None:
    view = CameraView()
    qtbot.addWidget(view)
    view.resize(640, 360)
    view.show()
    image = QImage(320, 180, QImage.Format.Format_RGB888)
    image.fill(QColor("red"))
    view.set_frame(image)
    assert view.has_frame
    grab = view.grab().toImage()
    assert grab.pixelColor(320, 180).red() > 200  # the frame shows inside the guide box
    view.flash_success()
    assert view.flashing
    qtbot.waitUntil(lambda: not view.flashing, timeout=2000)
    view.set_camera_state("unavailable")
    assert not view.available and not view.has_frame
    assert "type the number" in view.accessibleDescription()
    view.grab()  # paints the message without error
    view.set_camera_state("ok")
    assert view.available


def test_camera_view_ignores_null_image(qtbot) -> None:
    view = CameraView()
    qtbot.addWidget(view)
    view.set_frame(QImage())
    assert not view.has_frame


def test_keypad_feedback_and_submit(qtbot) -> None:
    pad = NumericKeypad()
    qtbot.addWidget(pad)
    states: list[str] = []
    pad.state_changed.connect(states.append)
    for d in "400638133393":
        qtbot.mouseClick(pad.keys[d], Qt.MouseButton.LeftButton)
    assert pad.digits == "400638133393"
    assert not pad.find_button.isEnabled()
    qtbot.mouseClick(pad.keys["2"], Qt.MouseButton.LeftButton)
    assert states[-1] == "invalid"
    assert not pad.find_button.isEnabled()
    qtbot.mouseClick(pad.keys["back"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.keys["1"], Qt.MouseButton.LeftButton)
    assert states[-1] == "valid"
    assert pad.display.property("entryState") == "valid"
    with qtbot.waitSignal(pad.submitted, timeout=1000) as blocker:
        qtbot.mouseClick(pad.find_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["4006381333931"]
    qtbot.mouseClick(pad.keys["clear"], Qt.MouseButton.LeftButton)
    assert pad.digits == "" and states[-1] == "incomplete"


def test_keypad_upc_a_submits_gtin13(qtbot) -> None:
    pad = NumericKeypad()
    qtbot.addWidget(pad)
    for d in "036000291452":
        pad.press(d)
    with qtbot.waitSignal(pad.submitted, timeout=1000) as blocker:
        pad.submit()
    assert blocker.args == ["0036000291452"]


def test_keypad_keys_are_touch_sized(qtbot) -> None:
    """Key sizes come from the theme's metrics (9 mm on the glass, never under 44 px)."""
    from kiosk import theme

    pad = NumericKeypad()
    qtbot.addWidget(pad)
    pad.resize(1920, 1080)
    theme.fit(pad)
    pad.show()
    qtbot.waitExposed(pad)
    touch = theme.current_metrics(pad).touch
    assert touch >= 44
    assert all(b.width() >= touch and b.height() >= touch for b in pad.keys.values())
