"""CSV import: pick a file from the import folder, dry run, then apply all or nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inventory_client.models import ImportKind, ImportReport
from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin.reflow import ReflowGrid
from kiosk.admin.text import Msg
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["ImportView", "csv_files", "describe_report"]


def csv_files(folder: Path | None) -> list[Path]:
    """The ``.csv`` files directly in ``folder``, by name (none when it does not exist)."""
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")


def describe_report(report: ImportReport) -> str:
    """Every bad line with its number and reason, or what would be / was written."""
    if report.errors:
        count = len(report.errors) + report.errors_omitted
        lines = [
            translate("ImportView", "{count} problems — nothing was written:").format(count=count)
        ]
        for error in report.errors:
            column = f" ({error.column})" if error.column else ""
            line = translate("ImportView", "line {number}{column}: {message}")
            lines.append(line.format(number=error.line, column=column, message=error.message))
        if report.errors_omitted:
            more = translate("ImportView", "… and {count} more")
            lines.append(more.format(count=report.errors_omitted))
        return "\n".join(lines)
    if report.applied:
        done = translate(
            "ImportView",
            "Imported {rows} rows: {created} new, {updated} changed, {unchanged} unchanged",
        )
    else:
        done = translate(
            "ImportView",
            "Dry run OK — would import {rows} rows: {created} new, {updated} changed, "
            "{unchanged} unchanged",
        )
    return done.format(
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
    )


class ImportView(Retranslating):
    """Signals:
    dry_run_requested(str, str): file path and import kind.
    import_requested(str, str): file path and import kind (after a clean dry run).
    """

    dry_run_requested = Signal(str, str)
    import_requested = Signal(str, str)

    def __init__(self, folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._checked: tuple[str, str] | None = None
        self._shown: Msg | ImportReport | None = None
        self.files = QListWidget(self)
        self.kind = QComboBox(self)
        for kind in ImportKind:
            self.kind.addItem(str(kind))
        self.dry_run_button = QPushButton()
        self.import_button = QPushButton()
        self.import_button.setObjectName("primary")
        self.refresh_button = QPushButton()
        self.action_row = ReflowGrid(
            [self.kind, self.dry_run_button, self.import_button, self.refresh_button], self
        )
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.where = PlainLabel(self)
        self.where.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.where)
        box.addWidget(self.files, 1)
        box.addWidget(self.action_row)
        box.addWidget(self.report, 1)
        self.retranslate()
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        self.dry_run_button.clicked.connect(self._dry_run)
        self.import_button.clicked.connect(self._import)
        self.files.currentRowChanged.connect(lambda _r: self._forget_check())
        self.kind.currentIndexChanged.connect(lambda _i: self._forget_check())

    @Slot()
    def refresh(self) -> None:
        self.files.clear()
        for path in csv_files(self.folder):
            self.files.addItem(path.name)
        self._forget_check()

    def choose(self, name: str, kind: ImportKind) -> None:
        matches = self.files.findItems(name, Qt.MatchFlag.MatchExactly)
        if matches:
            self.files.setCurrentItem(matches[0])
        self.kind.setCurrentText(str(kind))

    def show_report(self, path: str, kind: str, report: ImportReport) -> None:
        self._shown = report
        self.report.setPlainText(describe_report(report))
        clean = report.dry_run and not report.errors
        self._checked = (path, kind) if clean else None
        self.import_button.setEnabled(clean)

    def show_status(self, message: Msg) -> None:
        self._shown = message
        self.report.setPlainText(message.text())

    def retranslate(self) -> None:
        if self.folder is None:
            self.where.setText(translate("ImportView", "No import folder is configured"))
        else:
            self.where.setText(
                translate("ImportView", "Files in {folder}").format(folder=self.folder)
            )
        self.dry_run_button.setText(translate("ImportView", "Check (dry run)"))
        self.import_button.setText(translate("ImportView", "Import"))
        self.refresh_button.setText(translate("ImportView", "Refresh list"))
        self.action_row.reflow()
        if isinstance(self._shown, Msg):
            self.report.setPlainText(self._shown.text())
        elif self._shown is not None:
            self.report.setPlainText(describe_report(self._shown))

    def _selection(self) -> tuple[str, str] | None:
        item = self.files.currentItem()
        if item is None or self.folder is None:
            return None
        return str(self.folder / item.text()), self.kind.currentText()

    def _forget_check(self) -> None:
        self._checked = None
        self.import_button.setEnabled(False)

    @Slot()
    def _dry_run(self) -> None:
        selection = self._selection()
        if selection:
            self.dry_run_requested.emit(*selection)

    @Slot()
    def _import(self) -> None:
        selection = self._selection()
        if selection and selection == self._checked:
            self.import_button.setEnabled(False)
            self.import_requested.emit(*selection)
