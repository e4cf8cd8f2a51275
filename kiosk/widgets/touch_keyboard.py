"""An on-screen keyboard for the address and contact fields, laid out as at home.

English gets QWERTY, German QWERTZ (with ä ö ü ß), French AZERTY (with é è à ç). Keys never
take the focus: they type into the :class:`QLineEdit` set with :meth:`set_target`, so the
text cursor stays where the shopper put it. Shift capitalises the next letter only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.theme import Metrics

translate = QCoreApplication.translate

LAYOUTS: dict[str, tuple[str, ...]] = {
    "en": ("1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm,"),
    "de": ("1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm,"),
    "fr": ("1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn'éèàç"),
}
"""Character rows per language; the bottom row (shift, @, -, space, ., backspace) is shared."""


def layout_for(language: str) -> tuple[str, ...]:
    return LAYOUTS.get(language, LAYOUTS["en"])


class TouchKeyboard(QWidget):
    """Signals:
    typed(): a key changed the target's text (also counts as shopper activity).
    next_requested(): the shopper tapped "Next" (move to the next field).
    """

    typed = Signal()
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, language: str = "en") -> None:
        super().__init__(parent)
        self.setObjectName("touchKeyboard")
        self.setAccessibleName("Keyboard")
        self._target: QLineEdit | None = None
        self._action: QPushButton | None = None
        self._shift = False
        self._language = ""
        self.char_keys: dict[str, QPushButton] = {}
        self._rows = QGridLayout()
        self._rows.setSpacing(8)
        self.shift_key = self._key("shift")
        self.shift_key.setCheckable(True)
        self.at_key = self._key("@")
        self.dash_key = self._key("-")
        self.space_key = self._key(" ")
        self.dot_key = self._key(".")
        self.backspace_key = self._key("⌫")
        self.next_key = self._key("next")  # a plain key: the screen's one primary action
        # (Continue, Send) sits at the end of this row, where the typing thumb already is
        bottom = QHBoxLayout()
        self._bottom = bottom
        bottom.setSpacing(8)
        bottom.addWidget(self.shift_key, 2)
        bottom.addWidget(self.at_key, 1)
        bottom.addWidget(self.dash_key, 1)
        bottom.addWidget(self.space_key, 4)
        bottom.addWidget(self.dot_key, 1)
        bottom.addWidget(self.backspace_key, 2)
        bottom.addWidget(self.next_key, 3)  # "Suivant ›" is long
        box = QVBoxLayout(self)
        self._box = box
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        box.addLayout(self._rows)
        box.addLayout(bottom)

        for char, key in (("@", self.at_key), ("-", self.dash_key), (" ", self.space_key)):
            key.clicked.connect(lambda _=False, c=char: self.press(c))
        self.dot_key.clicked.connect(lambda: self.press("."))
        self.backspace_key.clicked.connect(self.backspace)
        self.shift_key.clicked.connect(self.toggle_shift)
        self.next_key.clicked.connect(self.next_requested)
        self.set_language(language)
        self.retranslate()

    def _key(self, text: str) -> QPushButton:
        key = QPushButton(text, self)
        key.setObjectName("key")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus and cursor
        key.setAutoRepeat(text == "⌫")
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return key

    def apply_metrics(self, metrics: Metrics) -> None:
        gap = metrics.px(8, 3)
        self._rows.setSpacing(gap)
        self._bottom.setSpacing(gap)
        self._box.setSpacing(gap)

    def add_action(self, button: QPushButton) -> None:
        """Put the screen's primary button at the end of the bottom row (see
        :meth:`set_action_below` for narrow screens)."""
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._action = button
        self._bottom.addWidget(button, 3)

    def set_action_below(self, below: bool) -> None:
        """Portrait (narrow, tall): the primary button gets a full-width row of its own
        under the keys, so neither it nor the keys beside it are squeezed."""
        button = self._action
        if button is None:
            return
        self._bottom.removeWidget(button)
        self._box.removeWidget(button)
        if below:
            self._box.addWidget(button)
        else:
            self._bottom.addWidget(button, 3)

    # --- state -----------------------------------------------------------------------

    @property
    def language(self) -> str:
        return self._language

    @property
    def shifted(self) -> bool:
        return self._shift

    @property
    def target(self) -> QLineEdit | None:
        return self._target

    def set_target(self, field: QLineEdit | None) -> None:
        self._target = field

    def set_language(self, language: str) -> None:
        """Lay the keys out for ``language`` (QWERTY, QWERTZ or AZERTY)."""
        if language == self._language:
            return
        self._language = language
        for key in self.char_keys.values():
            self._rows.removeWidget(key)
            key.deleteLater()
        self.char_keys = {}
        for row, chars in enumerate(layout_for(language)):
            for column, char in enumerate(chars):
                key = self._key(char)
                key.clicked.connect(lambda _=False, c=char: self.press(c))
                self.char_keys[char] = key
                self._rows.addWidget(key, row, column)
        self._show_case()

    @Slot()
    def clear(self) -> None:
        """Forget the keyboard's own state (shift) and its target."""
        self._shift = False
        self._target = None
        self._show_case()

    # --- typing ----------------------------------------------------------------------

    @Slot(str)
    def press(self, char: str) -> None:
        if self._target is None:
            return
        if self._shift and char.isalpha():
            char = char.upper()
            self._shift = False
            self._show_case()
        self._target.insert(char)
        self.typed.emit()

    @Slot()
    def backspace(self) -> None:
        if self._target is None:
            return
        self._target.backspace()
        self.typed.emit()

    @Slot()
    def toggle_shift(self) -> None:
        self._shift = not self._shift
        self._show_case()

    def _show_case(self) -> None:
        self.shift_key.setChecked(self._shift)
        for char, key in self.char_keys.items():
            shown = char.upper() if self._shift and char != "ß" else char
            key.setText(shown)
            key.setAccessibleName(shown)

    def retranslate(self) -> None:
        self.shift_key.setText(translate("TouchKeyboard", "⇧ Shift"))
        self.shift_key.setAccessibleName(translate("TouchKeyboard", "Shift"))
        self.at_key.setAccessibleName(translate("TouchKeyboard", "At sign"))
        self.dash_key.setAccessibleName(translate("TouchKeyboard", "Hyphen"))
        self.space_key.setText(translate("TouchKeyboard", "space"))
        self.space_key.setAccessibleName(translate("TouchKeyboard", "Space"))
        self.dot_key.setAccessibleName(translate("TouchKeyboard", "Full stop"))
        self.backspace_key.setAccessibleName(translate("TouchKeyboard", "Delete"))
        self.next_key.setText(translate("TouchKeyboard", "Next ›"))
        self.next_key.setAccessibleName(translate("TouchKeyboard", "Next field"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
