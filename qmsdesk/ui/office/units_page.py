"""单位与登记: register units, write their enrollment files, confirm a unit's key by its fingerprint."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from qmsdesk.errors import QmsError
from qmsdesk.office import units as office_units
from qmsdesk.office.labels import key_state
from qmsdesk.ui import messages
from qmsdesk.ui.office.widgets import OfficePage, fit_sample
from qmsdesk.ui.pages.base import as_dicts
from qmsdesk.ui.table_model import Column, RowTableModel


class EnrollDialog(QDialog):
    """The fields of a new unit; the page does the registering."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记单位"))
        form = QFormLayout(self)
        self.hospital_code, self.hospital_name = QLineEdit(), QLineEdit()
        self.department_code, self.department_name = QLineEdit(), QLineEdit()
        self.type = QComboBox()
        from qmsdesk.db.enums import DepartmentType

        for value, label in DepartmentType.choices():
            self.type.addItem(label, value)
        self.deadline = QSpinBox()
        self.deadline.setRange(1, 28)
        self.deadline.setValue(5)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://qc.example/qms")
        for label, widget in ((self.tr("医院编码"), self.hospital_code), (self.tr("医院名称"), self.hospital_name),
                              (self.tr("科室编码"), self.department_code), (self.tr("科室名称"), self.department_name),
                              (self.tr("科室类型"), self.type), (self.tr("每月上报截止日"), self.deadline),
                              (self.tr("接收地址（可不填）"), self.url)):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return dict(hospital_code=self.hospital_code.text().strip(), hospital_name=self.hospital_name.text().strip(),
                    department_code=self.department_code.text().strip(),
                    department_name=self.department_name.text().strip(), department_type=self.type.currentData(),
                    deadline_day=self.deadline.value(), url=self.url.text().strip() or None)


class UnitsPage(OfficePage):
    key = "office-units"

    def __init__(self, ctx, parent: QWidget | None = None, today=None) -> None:
        super().__init__(ctx, parent, today)
        layout = self.layout_
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("登记单位…"))
        self.reissue_button = QPushButton(self.tr("重新发放登记文件…"))
        self.confirm_button = QPushButton(self.tr("确认密钥…"))
        for b in (self.add_button, self.reissue_button, self.confirm_button):
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column("hospital_code", self.tr("医院编码")), Column("hospital", self.tr("医院")),
            Column("department_code", self.tr("科室编码")), Column("department", self.tr("科室")),
            Column("deadline", self.tr("截止日")), Column("key_state", self.tr("密钥"), fmt=key_state),
            Column("fingerprint", self.tr("已确认的密钥指纹")), Column("pending", self.tr("待确认的密钥指纹")),
            Column("folder", self.tr("收件文件夹"))])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.table, 1)
        self.hint = QLabel(self.tr("单位的密钥随第一个上报包到达，状态为“待确认”。请与科室电话核对指纹后再确认；"
                                   "确认后，其他密钥签名的上报包一律拒收。科室换了新密钥时，状态为“新密钥待确认”，"
                                   "两个指纹都列出；确认新密钥后，旧密钥只对此前签名的上报包有效。"))
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.add_button.clicked.connect(self._add)
        self.reissue_button.clicked.connect(self._reissue)
        self.confirm_button.clicked.connect(self._confirm)

    def refresh(self) -> None:
        super().refresh()
        self.load(lambda s: as_dicts(office_units.unit_rows(s)), self._show_rows)

    def _show_rows(self, rows: list[dict]) -> None:
        self.model.set_rows(rows)
        fit_sample(self.table, self.model)

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # actions (also called by the tests, without the dialogs)
    def register(self, values: dict, out_path: Path) -> Path:
        values = dict(values)
        url = values.pop("url", None)
        return self.ctx.write(office_units.enroll_unit, values, keys=self.ctx.keys(), folders=self.ctx.folders,
                              out_path=out_path, url=url)

    def confirm(self, unit_id: str, fingerprint: str) -> None:
        self.ctx.write(office_units.confirm_unit_key, unit_id, fingerprint)

    def _add(self) -> None:
        dialog = EnrollDialog(self)
        if not dialog.exec():
            return
        values = dialog.values()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存登记文件"),
                                              f"{values['hospital_code']}_{values['department_code']}.enroll.json")
        if not path:
            return
        try:
            written = self.register(values, Path(path))
        except QmsError as exc:
            self.report_error(exc)
            return
        messages.info(self, self.tr("已登记"), self.tr("登记文件已保存：%1。请交给科室导入。").replace("%1", str(written)))

    def _reissue(self) -> None:
        row = self.selected()
        if row is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存登记文件"), f"{row['folder']}.enroll.json")
        if not path:
            return
        try:
            self.ctx.write(office_units.reissue_enrollment, row["id"], keys=self.ctx.keys(), folders=self.ctx.folders,
                           out_path=Path(path))
        except QmsError as exc:
            self.report_error(exc)

    def _confirm(self) -> None:
        row = self.selected()
        if row is None or not row["pending"]:
            messages.info(self, self.tr("确认密钥"), self.tr("请选择一个有待确认密钥的单位。"))
            return
        if messages.confirm(self, self.tr("确认密钥"), self.confirm_text(row), self.tr("指纹一致，确认")):
            try:
                self.confirm(row["id"], row["pending"])
            except QmsError as exc:
                self.report_error(exc)

    def confirm_text(self, row: dict) -> str:
        """What the office compares before trusting a key: the new fingerprint, and the one it replaces."""
        text = self.tr("%1 %2 发来的待确认密钥指纹是：\n\n%3\n\n请与科室核对（科室可在“设置”中看到本科室公钥指纹）。指纹一致才确认。") \
            .replace("%1", row["hospital"]).replace("%2", row["department"]).replace("%3", row["pending"])
        if row["fingerprint"]:
            text += self.tr("\n\n这将替换已确认的旧密钥：%1\n确认后，旧密钥只对确认之前签名的上报包有效。").replace("%1", row["fingerprint"])
        return text
