"""Ship to my home: name, address and contact, typed on the touch keyboard, checked field
by field with a clear message under each (rules: :mod:`kiosk.journey.address`)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.journey.address import (
    CONTEXT,
    AddressInput,
    country_name,
    validate_address,
)
from kiosk.screens._base import Screen, label, translate
from kiosk.theme import Metrics
from kiosk.widgets.phone_handoff import PhoneHandoffPanel
from kiosk.widgets.touch_keyboard import TouchKeyboard

TEXT_FIELDS: tuple[str, ...] = ("name", "street", "postcode", "city", "email", "phone")


def field_label(name: str) -> str:
    labels = {
        "name": translate("AddressForm", "Full name"),
        "street": translate("AddressForm", "Street and number"),
        "postcode": translate("AddressForm", "Postcode"),
        "city": translate("AddressForm", "Town or city"),
        "country": translate("AddressForm", "Country"),
        "email": translate("AddressForm", "Email (or phone)"),
        "phone": translate("AddressForm", "Phone (or email)"),
    }
    return labels[name]


class AddressFormScreen(Screen):
    """Signals:
    address_submitted(ship_to): every field is valid; a :class:`ShipTo`.
    """

    address_submitted = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, countries: Sequence[str] = ("DE",)):
        super().__init__(parent)
        self._countries: tuple[str, ...] = tuple(countries)
        self._errors: dict[str, str] = {}
        self._item_line = ""
        self._columns = 0

        self.heading = label("", "title")
        self.item_line = label("", "subtitle")
        self.fields: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.cells: dict[str, QWidget] = {}
        for name in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            edit.setMaxLength(254 if name == "email" else 120)
            edit.installEventFilter(self)
            self.fields[name] = edit
            self.cells[name] = self._cell(name, edit)

        self.country_buttons: dict[str, QPushButton] = {}
        self._country_group = QButtonGroup(self)
        self._country_group.setExclusive(True)
        self.country_row = QHBoxLayout()
        self.country_row.setSpacing(8)
        country_box = QWidget()
        country_layout = QVBoxLayout(country_box)
        country_layout.setContentsMargins(0, 0, 0, 0)
        country_layout.setSpacing(4)
        self.labels["country"] = label("", "fieldLabel")
        self.error_labels["country"] = label("", "fieldError")
        country_layout.addWidget(self.labels["country"])
        country_layout.addLayout(self.country_row)
        country_layout.addWidget(self.error_labels["country"])
        self.cells["country"] = country_box

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(4)

        self.continue_button = QPushButton()
        self.continue_button.setObjectName("primary")
        self.keyboard = TouchKeyboard(self)

        self.keyboard.add_action(self.continue_button)  # the one primary button
        # The fields scroll (by finger) only when the window is too short to show them all
        # above the keyboard; the focused field is scrolled into view.
        form = QWidget()
        form.setObjectName("screen")
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(self.grid)
        form_layout.addWidget(country_box)
        form_layout.addStretch(1)
        self.fields_area = QScrollArea()
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields_area.setWidget(form)
        QScroller.grabGesture(
            self.fields_area.viewport(), QScroller.ScrollerGestureType.TouchGesture
        )
        self.body.addWidget(self.heading)
        self.body.addWidget(self.item_line)
        # "Continue on your phone": type the address there instead (public URL set).
        self.phone = PhoneHandoffPanel()
        self.phone.setVisible(False)
        self.body.addWidget(self.phone)
        self.body.addWidget(self.fields_area, 1)
        self.body.addWidget(self.keyboard)

        self.continue_button.clicked.connect(self.submit)
        self.keyboard.next_requested.connect(self.focus_next)
        self.keyboard.typed.connect(self._on_typed)
        for name, edit in self.fields.items():
            edit.textEdited.connect(lambda _t, n=name: self._clear_error(n))
        self._place_fields(3)
        self.set_countries(self._countries)
        self.keyboard.set_target(self.fields["name"])

    def _cell(self, name: str, edit: QLineEdit) -> QWidget:
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        self.labels[name] = label("", "fieldLabel")
        self.labels[name].setBuddy(edit)
        self.error_labels[name] = label("", "fieldError")
        box.addWidget(self.labels[name])
        box.addWidget(edit)
        box.addWidget(self.error_labels[name])
        return cell

    def _place_fields(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for name in TEXT_FIELDS:
            self.grid.removeWidget(self.cells[name])
        for index, name in enumerate(TEXT_FIELDS):
            self.grid.addWidget(self.cells[name], index // columns, index % columns)

    # --- content ---------------------------------------------------------------------

    def set_countries(self, countries: Sequence[str]) -> None:
        """The short list of countries the store delivers to (first one preselected)."""
        current = self.country()
        self._countries = tuple(countries)
        for button in self.country_buttons.values():
            self._country_group.removeButton(button)
            self.country_row.removeWidget(button)
            button.deleteLater()
        self.country_buttons = {}
        for code in self._countries:
            button = QPushButton()
            button.setObjectName("choice")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._country_group.addButton(button)
            self.country_buttons[code] = button
            self.country_row.addWidget(button)
            button.clicked.connect(lambda _=False: self._clear_error("country"))
        self.country_row.addStretch(1)
        self.select_country(current if current in self._countries else self._countries[0])
        self.retranslate()

    def select_country(self, code: str) -> None:
        button = self.country_buttons.get(code)
        if button is not None:
            button.setChecked(True)

    def country(self) -> str:
        return next((c for c, b in self.country_buttons.items() if b.isChecked()), "")

    def show_item(self, text: str) -> None:
        """The pair being ordered, e.g. "Fjord Hiker · EU 42 · €169.00"."""
        self._item_line = text
        self.item_line.setText(text)

    def values(self) -> AddressInput:
        return AddressInput(
            **{name: edit.text() for name, edit in self.fields.items()},
            country=self.country(),
        )

    def set_values(self, values: AddressInput) -> None:
        for name, edit in self.fields.items():
            edit.setText(getattr(values, name))
        self.select_country(values.country)

    def errors(self) -> dict[str, str]:
        """Shown messages by field (translated)."""
        return {n: w.text() for n, w in self.error_labels.items() if w.text()}

    def clear_errors(self) -> None:
        self._errors = {}
        self.retranslate()

    def clear(self) -> None:
        """Wipe every personal detail from the form and the keyboard."""
        for edit in self.fields.values():
            edit.clear()
        self._errors = {}
        self._item_line = ""
        self.item_line.setText("")
        self.keyboard.clear()
        self.keyboard.set_target(self.fields["name"])
        if self._countries:
            self.select_country(self._countries[0])
        self.retranslate()

    # --- actions ---------------------------------------------------------------------

    def submit(self) -> bool:
        """Check every field; emit ``address_submitted`` when all are fine."""
        check = validate_address(self.values(), self._countries)
        self._errors = dict(check.errors)
        self.retranslate()
        if check.ship_to is None:
            first = next((n for n in TEXT_FIELDS if n in self._errors), None)
            if first is not None:
                self.fields[first].setFocus()
                self.keyboard.set_target(self.fields[first])
            return False
        self.address_submitted.emit(check.ship_to)
        return True

    def focus_next(self) -> None:
        target = self.keyboard.target
        names = list(TEXT_FIELDS)
        current = next((n for n, e in self.fields.items() if e is target), None)
        if current is None or current == names[-1]:
            self.submit()
            return
        following = self.fields[names[names.index(current) + 1]]
        following.setFocus()
        self.keyboard.set_target(following)

    def _on_typed(self) -> None:
        target = self.keyboard.target
        for name, edit in self.fields.items():
            if edit is target:
                self._clear_error(name)

    def _clear_error(self, name: str) -> None:
        if name in self._errors:
            del self._errors[name]
            if name in ("email", "phone"):  # "email or phone" was said on both
                for other in ("email", "phone"):
                    if self._errors.get(other) == self._errors.get(name, ""):
                        self._errors.pop(other, None)
            self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self.keyboard.set_target(watched)
            cell = self.cells.get(watched.objectName().removeprefix("field_"))
            if cell is not None:
                self.fields_area.ensureWidgetVisible(cell, 0, 0)
        return super().eventFilter(watched, event)

    # --- language and layout ---------------------------------------------------------

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.px(32, 8)
        self.outer.setContentsMargins(margin, metrics.px(24, 6), margin, metrics.px(24, 6))
        self.outer.setSpacing(metrics.px(12, 4))
        self.body.setSpacing(metrics.px(10, 4))
        self.grid.setHorizontalSpacing(metrics.px(24, 8))
        self.heading.setVisible(not metrics.compact)  # the item line still says what
        self.keyboard.set_action_below(metrics.portrait)

    def set_language(self, language: str) -> None:
        super().set_language(language)
        self.keyboard.set_language(language)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(translate("AddressForm", "Where shall we send it?"))
        self.continue_button.setText(translate("AddressForm", "Continue"))
        self.continue_button.setAccessibleName(translate("AddressForm", "Continue to review"))
        country = self.country()
        for name, widget in self.labels.items():
            widget.setText(field_label(name))
        for name, edit in self.fields.items():
            edit.setAccessibleName(field_label(name))
        for code, button in self.country_buttons.items():
            button.setText(country_name(code, self.language))
            button.setAccessibleName(country_name(code, self.language))
        self.fields["email"].setPlaceholderText("name@example.com")
        shown_country = country_name(country, self.language) if country else ""
        for name, widget in self.error_labels.items():
            message = self._errors.get(name, "")
            widget.setText(
                translate(CONTEXT, message).format(country=shown_country) if message else ""
            )
            widget.setVisible(bool(message))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_fields(3 if self.width() >= self.height() else 2)
