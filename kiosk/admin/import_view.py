"""CSV import: pick a file from the import folder, dry run, then apply all or nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inventory_client.models import ImportKind, ImportReport

__all__ = ["ImportView", "csv_files", "describe_report"]


def csv_files(folder: Path | None) -> list[Path]:
    """The ``.csv`` files directly in ``folder``, by name (none when it does not exist)."""
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")


def describe_report(report: ImportReport) -> str:
    """Every bad line with its number and reason, or what would be / was written."""
    if report.errors:
        lines = [f"{len(report.errors) + report.errors_omitted} problems — nothing was written:"]
        for error in report.errors:
            column = f" ({error.column})" if error.column else ""
            lines.append(f"line {error.line}{column}: {error.message}")
        if report.errors_omitted:
            lines.append(f"… and {report.errors_omitted} more")
        return "\n".join(lines)
    verb = "Imported" if report.applied else "Dry run OK — would import"
    return (
        f"{verb} {report.rows} rows: {report.created} new, {report.updated} changed, "
        f"{report.unchanged} unchanged"
    )


class ImportView(QWidget):
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
        self.files = QListWidget(self)
        self.kind = QComboBox(self)
        for kind in ImportKind:
            self.kind.addItem(str(kind))
        self.dry_run_button = QPushButton("Check (dry run)", self)
        self.import_button = QPushButton("Import", self)
        self.refresh_button = QPushButton("Refresh list", self)
        for button in (self.dry_run_button, self.import_button, self.refresh_button):
            button.setMinimumHeight(64)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        where = str(folder) if folder else "(no import folder configured)"
        self.where = QLabel(f"Files in {where}", self)
        actions = QHBoxLayout()
        actions.addWidget(self.kind)
        actions.addWidget(self.dry_run_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.refresh_button)
        box = QVBoxLayout(self)
        box.addWidget(self.where)
        box.addWidget(self.files, 1)
        box.addLayout(actions)
        box.addWidget(self.report, 1)
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
        self.report.setPlainText(describe_report(report))
        clean = report.dry_run and not report.errors
        self._checked = (path, kind) if clean else None
        self.import_button.setEnabled(clean)

    def show_status(self, text: str) -> None:
        self.report.setPlainText(text)

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
