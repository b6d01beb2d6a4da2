# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'visit_form.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_VisitForm(object):
    def setupUi(self, VisitForm):
        if not VisitForm.objectName():
            VisitForm.setObjectName(u"VisitForm")
        self.outer = QVBoxLayout(VisitForm)
        self.outer.setObjectName(u"outer")
        self.title = QLabel(VisitForm)
        self.title.setObjectName(u"title")
        self.title.setWordWrap(True)

        self.outer.addWidget(self.title)

        self.draft_bar = QWidget(VisitForm)
        self.draft_bar.setObjectName(u"draft_bar")
        self.draft_box = QHBoxLayout(self.draft_bar)
        self.draft_box.setObjectName(u"draft_box")
        self.draft_box.setContentsMargins(8, 8, 8, 8)
        self.draft_label = QLabel(self.draft_bar)
        self.draft_label.setObjectName(u"draft_label")
        self.draft_label.setWordWrap(True)

        self.draft_box.addWidget(self.draft_label)

        self.restore_button = QPushButton(self.draft_bar)
        self.restore_button.setObjectName(u"restore_button")

        self.draft_box.addWidget(self.restore_button)

        self.discard_button = QPushButton(self.draft_bar)
        self.discard_button.setObjectName(u"discard_button")

        self.draft_box.addWidget(self.discard_button)

        self.draft_box.setStretch(0, 1)

        self.outer.addWidget(self.draft_bar)

        self.tenancy = QLabel(VisitForm)
        self.tenancy.setObjectName(u"tenancy")
        self.tenancy.setWordWrap(True)

        self.outer.addWidget(self.tenancy)

        self.body = QWidget(VisitForm)
        self.body.setObjectName(u"body")
        self.form = QFormLayout(self.body)
        self.form.setObjectName(u"form")
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.kind_label = QLabel(self.body)
        self.kind_label.setObjectName(u"kind_label")
        self.kind_label.setWordWrap(True)

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.kind_label)

        self.field_kind = QWidget(self.body)
        self.field_kind.setObjectName(u"field_kind")
        self.field_kind_box = QVBoxLayout(self.field_kind)
        self.field_kind_box.setSpacing(2)
        self.field_kind_box.setObjectName(u"field_kind_box")
        self.field_kind_box.setContentsMargins(0, 0, 0, 0)
        self.error_kind = QLabel(self.field_kind)
        self.error_kind.setObjectName(u"error_kind")
        self.error_kind.setWordWrap(True)
        self.error_kind.setProperty(u"fieldError", True)

        self.field_kind_box.addWidget(self.error_kind)

        self.kind = QComboBox(self.field_kind)
        self.kind.setObjectName(u"kind")

        self.field_kind_box.addWidget(self.kind)


        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_kind)

        self.visit_date_label = QLabel(self.body)
        self.visit_date_label.setObjectName(u"visit_date_label")
        self.visit_date_label.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.visit_date_label)

        self.field_visit_date = QWidget(self.body)
        self.field_visit_date.setObjectName(u"field_visit_date")
        self.field_visit_date_box = QVBoxLayout(self.field_visit_date)
        self.field_visit_date_box.setSpacing(2)
        self.field_visit_date_box.setObjectName(u"field_visit_date_box")
        self.field_visit_date_box.setContentsMargins(0, 0, 0, 0)
        self.error_visit_date = QLabel(self.field_visit_date)
        self.error_visit_date.setObjectName(u"error_visit_date")
        self.error_visit_date.setWordWrap(True)
        self.error_visit_date.setProperty(u"fieldError", True)

        self.field_visit_date_box.addWidget(self.error_visit_date)

        self.visit_date = QDateEdit(self.field_visit_date)
        self.visit_date.setObjectName(u"visit_date")
        self.visit_date.setCalendarPopup(True)

        self.field_visit_date_box.addWidget(self.visit_date)


        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.field_visit_date)

        self.present_label = QLabel(self.body)
        self.present_label.setObjectName(u"present_label")
        self.present_label.setWordWrap(True)

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.present_label)

        self.field_present = QWidget(self.body)
        self.field_present.setObjectName(u"field_present")
        self.field_present_box = QVBoxLayout(self.field_present)
        self.field_present_box.setSpacing(2)
        self.field_present_box.setObjectName(u"field_present_box")
        self.field_present_box.setContentsMargins(0, 0, 0, 0)
        self.present_hint = QLabel(self.field_present)
        self.present_hint.setObjectName(u"present_hint")
        self.present_hint.setWordWrap(True)
        self.present_hint.setProperty(u"hint", True)

        self.field_present_box.addWidget(self.present_hint)

        self.error_present = QLabel(self.field_present)
        self.error_present.setObjectName(u"error_present")
        self.error_present.setWordWrap(True)
        self.error_present.setProperty(u"fieldError", True)

        self.field_present_box.addWidget(self.error_present)

        self.present = QLineEdit(self.field_present)
        self.present.setObjectName(u"present")

        self.field_present_box.addWidget(self.present)


        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.field_present)

        self.checklist_label = QLabel(self.body)
        self.checklist_label.setObjectName(u"checklist_label")
        self.checklist_label.setWordWrap(True)

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.checklist_label)

        self.field_checklist = QWidget(self.body)
        self.field_checklist.setObjectName(u"field_checklist")
        self.field_checklist_box = QVBoxLayout(self.field_checklist)
        self.field_checklist_box.setSpacing(2)
        self.field_checklist_box.setObjectName(u"field_checklist_box")
        self.field_checklist_box.setContentsMargins(0, 0, 0, 0)
        self.checklist_hint = QLabel(self.field_checklist)
        self.checklist_hint.setObjectName(u"checklist_hint")
        self.checklist_hint.setWordWrap(True)
        self.checklist_hint.setProperty(u"hint", True)

        self.field_checklist_box.addWidget(self.checklist_hint)

        self.error_checklist = QLabel(self.field_checklist)
        self.error_checklist.setObjectName(u"error_checklist")
        self.error_checklist.setWordWrap(True)
        self.error_checklist.setProperty(u"fieldError", True)

        self.field_checklist_box.addWidget(self.error_checklist)


        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.field_checklist)

        self.acknowledged_label = QLabel(self.body)
        self.acknowledged_label.setObjectName(u"acknowledged_label")
        self.acknowledged_label.setWordWrap(True)

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.acknowledged_label)

        self.field_acknowledged = QWidget(self.body)
        self.field_acknowledged.setObjectName(u"field_acknowledged")
        self.field_acknowledged_box = QVBoxLayout(self.field_acknowledged)
        self.field_acknowledged_box.setSpacing(2)
        self.field_acknowledged_box.setObjectName(u"field_acknowledged_box")
        self.field_acknowledged_box.setContentsMargins(0, 0, 0, 0)
        self.error_acknowledged = QLabel(self.field_acknowledged)
        self.error_acknowledged.setObjectName(u"error_acknowledged")
        self.error_acknowledged.setWordWrap(True)
        self.error_acknowledged.setProperty(u"fieldError", True)

        self.field_acknowledged_box.addWidget(self.error_acknowledged)

        self.acknowledged = QCheckBox(self.field_acknowledged)
        self.acknowledged.setObjectName(u"acknowledged")

        self.field_acknowledged_box.addWidget(self.acknowledged)


        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.field_acknowledged)

        self.acknowledged_by_label = QLabel(self.body)
        self.acknowledged_by_label.setObjectName(u"acknowledged_by_label")
        self.acknowledged_by_label.setWordWrap(True)

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.acknowledged_by_label)

        self.field_acknowledged_by = QWidget(self.body)
        self.field_acknowledged_by.setObjectName(u"field_acknowledged_by")
        self.field_acknowledged_by_box = QVBoxLayout(self.field_acknowledged_by)
        self.field_acknowledged_by_box.setSpacing(2)
        self.field_acknowledged_by_box.setObjectName(u"field_acknowledged_by_box")
        self.field_acknowledged_by_box.setContentsMargins(0, 0, 0, 0)
        self.error_acknowledged_by = QLabel(self.field_acknowledged_by)
        self.error_acknowledged_by.setObjectName(u"error_acknowledged_by")
        self.error_acknowledged_by.setWordWrap(True)
        self.error_acknowledged_by.setProperty(u"fieldError", True)

        self.field_acknowledged_by_box.addWidget(self.error_acknowledged_by)

        self.acknowledged_by = QLineEdit(self.field_acknowledged_by)
        self.acknowledged_by.setObjectName(u"acknowledged_by")

        self.field_acknowledged_by_box.addWidget(self.acknowledged_by)


        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.field_acknowledged_by)

        self.notes_label = QLabel(self.body)
        self.notes_label.setObjectName(u"notes_label")
        self.notes_label.setWordWrap(True)

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.notes_label)

        self.field_notes = QWidget(self.body)
        self.field_notes.setObjectName(u"field_notes")
        self.field_notes_box = QVBoxLayout(self.field_notes)
        self.field_notes_box.setSpacing(2)
        self.field_notes_box.setObjectName(u"field_notes_box")
        self.field_notes_box.setContentsMargins(0, 0, 0, 0)
        self.error_notes = QLabel(self.field_notes)
        self.error_notes.setObjectName(u"error_notes")
        self.error_notes.setWordWrap(True)
        self.error_notes.setProperty(u"fieldError", True)

        self.field_notes_box.addWidget(self.error_notes)

        self.notes = QPlainTextEdit(self.field_notes)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumSize(QSize(16777215, 90))

        self.field_notes_box.addWidget(self.notes)


        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.field_notes)


        self.outer.addWidget(self.body)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.save_button = QPushButton(VisitForm)
        self.save_button.setObjectName(u"save_button")
        self.save_button.setEnabled(False)
        self.save_button.setProperty(u"primary", True)

        self.buttons.addWidget(self.save_button)

        self.report_button = QPushButton(VisitForm)
        self.report_button.setObjectName(u"report_button")
        self.report_button.setEnabled(False)

        self.buttons.addWidget(self.report_button)

        self.new_button = QPushButton(VisitForm)
        self.new_button.setObjectName(u"new_button")
        self.new_button.setEnabled(False)

        self.buttons.addWidget(self.new_button)

        self.buttons_end = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttons_end)


        self.outer.addLayout(self.buttons)

        self.status = QLabel(VisitForm)
        self.status.setObjectName(u"status")
        self.status.setWordWrap(True)

        self.outer.addWidget(self.status)

        self.form_end = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.form_end)

#if QT_CONFIG(shortcut)
        self.kind_label.setBuddy(self.kind)
        self.visit_date_label.setBuddy(self.visit_date)
        self.present_label.setBuddy(self.present)
        self.acknowledged_label.setBuddy(self.acknowledged)
        self.acknowledged_by_label.setBuddy(self.acknowledged_by)
        self.notes_label.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(VisitForm)

        QMetaObject.connectSlotsByName(VisitForm)
    # setupUi

    def retranslateUi(self, VisitForm):
        self.title.setText(QCoreApplication.translate("VisitForm", u"Choose a visit from the list", None))
        self.restore_button.setText(QCoreApplication.translate("VisitForm", u"Rest&ore", None))
#if QT_CONFIG(accessibility)
        self.restore_button.setAccessibleName(QCoreApplication.translate("VisitForm", u"Restore the unsaved visit record", None))
#endif // QT_CONFIG(accessibility)
        self.discard_button.setText(QCoreApplication.translate("VisitForm", u"Discard", None))
#if QT_CONFIG(accessibility)
        self.discard_button.setAccessibleName(QCoreApplication.translate("VisitForm", u"Discard the unsaved visit record", None))
#endif // QT_CONFIG(accessibility)
        self.kind_label.setText(QCoreApplication.translate("VisitForm", u"&Kind of visit", None))
#if QT_CONFIG(accessibility)
        self.kind.setAccessibleName(QCoreApplication.translate("VisitForm", u"Kind of visit", None))
#endif // QT_CONFIG(accessibility)
        self.visit_date_label.setText(QCoreApplication.translate("VisitForm", u"D&ate of the visit", None))
#if QT_CONFIG(accessibility)
        self.visit_date.setAccessibleName(QCoreApplication.translate("VisitForm", u"Date of the visit", None))
#endif // QT_CONFIG(accessibility)
        self.visit_date.setDisplayFormat(QCoreApplication.translate("VisitForm", u"dd/MM/yyyy", None))
        self.present_label.setText(QCoreApplication.translate("VisitForm", u"Who was &present", None))
        self.present_hint.setText(QCoreApplication.translate("VisitForm", u"Names and roles, for example 'Ms A Khan (tenant), her son'", None))
#if QT_CONFIG(accessibility)
        self.present.setAccessibleName(QCoreApplication.translate("VisitForm", u"Who was present", None))
#endif // QT_CONFIG(accessibility)
        self.checklist_label.setText(QCoreApplication.translate("VisitForm", u"ASB tenancy terms explained", None))
        self.checklist_hint.setText(QCoreApplication.translate("VisitForm", u"Tick each term you explained", None))
        self.acknowledged_label.setText(QCoreApplication.translate("VisitForm", u"Acknowledgement", None))
        self.acknowledged.setText(QCoreApplication.translate("VisitForm", u"The tenant acknowledged the ASB terms", None))
#if QT_CONFIG(accessibility)
        self.acknowledged.setAccessibleName(QCoreApplication.translate("VisitForm", u"The tenant acknowledged the ASB terms", None))
#endif // QT_CONFIG(accessibility)
        self.acknowledged_by_label.setText(QCoreApplication.translate("VisitForm", u"Acknowledged &by", None))
#if QT_CONFIG(accessibility)
        self.acknowledged_by.setAccessibleName(QCoreApplication.translate("VisitForm", u"Acknowledged by", None))
#endif // QT_CONFIG(accessibility)
        self.notes_label.setText(QCoreApplication.translate("VisitForm", u"&Notes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("VisitForm", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        self.save_button.setText(QCoreApplication.translate("VisitForm", u"&Save visit", None))
#if QT_CONFIG(tooltip)
        self.save_button.setToolTip(QCoreApplication.translate("VisitForm", u"Save the visit record (Ctrl+S)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.save_button.setAccessibleDescription(QCoreApplication.translate("VisitForm", u"Save the visit record (Ctrl+S)", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.save_button.setAccessibleName(QCoreApplication.translate("VisitForm", u"Save visit", None))
#endif // QT_CONFIG(accessibility)
        self.report_button.setText(QCoreApplication.translate("VisitForm", u"&Log a report taken during this visit", None))
#if QT_CONFIG(accessibility)
        self.report_button.setAccessibleName(QCoreApplication.translate("VisitForm", u"Log a report taken during this visit", None))
#endif // QT_CONFIG(accessibility)
        self.new_button.setText(QCoreApplication.translate("VisitForm", u"Another visit at this tenancy", None))
#if QT_CONFIG(accessibility)
        self.new_button.setAccessibleName(QCoreApplication.translate("VisitForm", u"Record another visit at this tenancy", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

