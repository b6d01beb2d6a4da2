# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'report_panel.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QFrame,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_ReportPanel(object):
    def setupUi(self, ReportPanel):
        if not ReportPanel.objectName():
            ReportPanel.setObjectName(u"ReportPanel")
        self.outer = QVBoxLayout(ReportPanel)
        self.outer.setObjectName(u"outer")
        self.title = QLabel(ReportPanel)
        self.title.setObjectName(u"title")
        self.title.setWordWrap(True)

        self.outer.addWidget(self.title)

        self.badge_row = QHBoxLayout()
        self.badge_row.setObjectName(u"badge_row")

        self.outer.addLayout(self.badge_row)

        self.facts = QLabel(ReportPanel)
        self.facts.setObjectName(u"facts")
        self.facts.setTextFormat(Qt.RichText)
        self.facts.setWordWrap(True)

        self.outer.addWidget(self.facts)

        self.facts_rule = QFrame(ReportPanel)
        self.facts_rule.setObjectName(u"facts_rule")
        self.facts_rule.setFrameShape(QFrame.HLine)
        self.facts_rule.setFrameShadow(QFrame.Sunken)

        self.outer.addWidget(self.facts_rule)

        self.assessment_heading = QLabel(ReportPanel)
        self.assessment_heading.setObjectName(u"assessment_heading")
        self.assessment_heading.setWordWrap(True)

        self.outer.addWidget(self.assessment_heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.assessment_label = QLabel(ReportPanel)
        self.assessment_label.setObjectName(u"assessment_label")
        self.assessment_label.setWordWrap(True)

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.assessment_label)

        self.field_assessment = QWidget(ReportPanel)
        self.field_assessment.setObjectName(u"field_assessment")
        self.field_assessment_box = QVBoxLayout(self.field_assessment)
        self.field_assessment_box.setSpacing(2)
        self.field_assessment_box.setObjectName(u"field_assessment_box")
        self.field_assessment_box.setContentsMargins(0, 0, 0, 0)
        self.error_assessment = QLabel(self.field_assessment)
        self.error_assessment.setObjectName(u"error_assessment")
        self.error_assessment.setWordWrap(True)
        self.error_assessment.setProperty(u"fieldError", True)

        self.field_assessment_box.addWidget(self.error_assessment)

        self.assessment = QComboBox(self.field_assessment)
        self.assessment.setObjectName(u"assessment")

        self.field_assessment_box.addWidget(self.assessment)


        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_assessment)

        self.asb_limb_label = QLabel(ReportPanel)
        self.asb_limb_label.setObjectName(u"asb_limb_label")
        self.asb_limb_label.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.asb_limb_label)

        self.field_asb_limb = QWidget(ReportPanel)
        self.field_asb_limb.setObjectName(u"field_asb_limb")
        self.field_asb_limb_box = QVBoxLayout(self.field_asb_limb)
        self.field_asb_limb_box.setSpacing(2)
        self.field_asb_limb_box.setObjectName(u"field_asb_limb_box")
        self.field_asb_limb_box.setContentsMargins(0, 0, 0, 0)
        self.asb_limb_hint = QLabel(self.field_asb_limb)
        self.asb_limb_hint.setObjectName(u"asb_limb_hint")
        self.asb_limb_hint.setWordWrap(True)
        self.asb_limb_hint.setProperty(u"hint", True)

        self.field_asb_limb_box.addWidget(self.asb_limb_hint)

        self.error_asb_limb = QLabel(self.field_asb_limb)
        self.error_asb_limb.setObjectName(u"error_asb_limb")
        self.error_asb_limb.setWordWrap(True)
        self.error_asb_limb.setProperty(u"fieldError", True)

        self.field_asb_limb_box.addWidget(self.error_asb_limb)

        self.limb = QComboBox(self.field_asb_limb)
        self.limb.setObjectName(u"limb")

        self.field_asb_limb_box.addWidget(self.limb)


        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.field_asb_limb)

        self.reason_label = QLabel(ReportPanel)
        self.reason_label.setObjectName(u"reason_label")
        self.reason_label.setWordWrap(True)

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.reason_label)

        self.field_reason = QWidget(ReportPanel)
        self.field_reason.setObjectName(u"field_reason")
        self.field_reason_box = QVBoxLayout(self.field_reason)
        self.field_reason_box.setSpacing(2)
        self.field_reason_box.setObjectName(u"field_reason_box")
        self.field_reason_box.setContentsMargins(0, 0, 0, 0)
        self.error_reason = QLabel(self.field_reason)
        self.error_reason.setObjectName(u"error_reason")
        self.error_reason.setWordWrap(True)
        self.error_reason.setProperty(u"fieldError", True)

        self.field_reason_box.addWidget(self.error_reason)

        self.reason = QPlainTextEdit(self.field_reason)
        self.reason.setObjectName(u"reason")
        self.reason.setMaximumSize(QSize(16777215, 80))
        self.reason.setTabChangesFocus(True)

        self.field_reason_box.addWidget(self.reason)


        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.field_reason)

        self.risk_level_label = QLabel(ReportPanel)
        self.risk_level_label.setObjectName(u"risk_level_label")
        self.risk_level_label.setWordWrap(True)

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.risk_level_label)

        self.field_risk_level = QWidget(ReportPanel)
        self.field_risk_level.setObjectName(u"field_risk_level")
        self.field_risk_level_box = QVBoxLayout(self.field_risk_level)
        self.field_risk_level_box.setSpacing(2)
        self.field_risk_level_box.setObjectName(u"field_risk_level_box")
        self.field_risk_level_box.setContentsMargins(0, 0, 0, 0)
        self.error_risk_level = QLabel(self.field_risk_level)
        self.error_risk_level.setObjectName(u"error_risk_level")
        self.error_risk_level.setWordWrap(True)
        self.error_risk_level.setProperty(u"fieldError", True)

        self.field_risk_level_box.addWidget(self.error_risk_level)

        self.risk = QComboBox(self.field_risk_level)
        self.risk.setObjectName(u"risk")

        self.field_risk_level_box.addWidget(self.risk)


        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.field_risk_level)

        self.risk_reason_label = QLabel(ReportPanel)
        self.risk_reason_label.setObjectName(u"risk_reason_label")
        self.risk_reason_label.setWordWrap(True)

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.risk_reason_label)

        self.field_risk_reason = QWidget(ReportPanel)
        self.field_risk_reason.setObjectName(u"field_risk_reason")
        self.field_risk_reason_box = QVBoxLayout(self.field_risk_reason)
        self.field_risk_reason_box.setSpacing(2)
        self.field_risk_reason_box.setObjectName(u"field_risk_reason_box")
        self.field_risk_reason_box.setContentsMargins(0, 0, 0, 0)
        self.risk_reason_hint = QLabel(self.field_risk_reason)
        self.risk_reason_hint.setObjectName(u"risk_reason_hint")
        self.risk_reason_hint.setWordWrap(True)
        self.risk_reason_hint.setProperty(u"hint", True)

        self.field_risk_reason_box.addWidget(self.risk_reason_hint)

        self.error_risk_reason = QLabel(self.field_risk_reason)
        self.error_risk_reason.setObjectName(u"error_risk_reason")
        self.error_risk_reason.setWordWrap(True)
        self.error_risk_reason.setProperty(u"fieldError", True)

        self.field_risk_reason_box.addWidget(self.error_risk_reason)

        self.risk_reason = QLineEdit(self.field_risk_reason)
        self.risk_reason.setObjectName(u"risk_reason")

        self.field_risk_reason_box.addWidget(self.risk_reason)


        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.field_risk_reason)


        self.outer.addLayout(self.form)

        self.assess_row = QHBoxLayout()
        self.assess_row.setObjectName(u"assess_row")
        self.assess_button = QPushButton(ReportPanel)
        self.assess_button.setObjectName(u"assess_button")
        self.assess_button.setProperty(u"primary", True)

        self.assess_row.addWidget(self.assess_button)

        self.assess_status = QLabel(ReportPanel)
        self.assess_status.setObjectName(u"assess_status")

        self.assess_row.addWidget(self.assess_status)

        self.assess_row.setStretch(1, 1)

        self.outer.addLayout(self.assess_row)

        self.assessment_rule = QFrame(ReportPanel)
        self.assessment_rule.setObjectName(u"assessment_rule")
        self.assessment_rule.setFrameShape(QFrame.HLine)
        self.assessment_rule.setFrameShadow(QFrame.Sunken)

        self.outer.addWidget(self.assessment_rule)

        self.case_heading = QLabel(ReportPanel)
        self.case_heading.setObjectName(u"case_heading")
        self.case_heading.setWordWrap(True)

        self.outer.addWidget(self.case_heading)

        self.case_label = QLabel(ReportPanel)
        self.case_label.setObjectName(u"case_label")
        self.case_label.setWordWrap(True)

        self.outer.addWidget(self.case_label)

        self.open_row = QHBoxLayout()
        self.open_row.setObjectName(u"open_row")
        self.open_case_button = QPushButton(ReportPanel)
        self.open_case_button.setObjectName(u"open_case_button")

        self.open_row.addWidget(self.open_case_button)

        self.open_row_end = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.open_row.addItem(self.open_row_end)


        self.outer.addLayout(self.open_row)

        self.attach_row = QHBoxLayout()
        self.attach_row.setObjectName(u"attach_row")
        self.case_reference = QLineEdit(ReportPanel)
        self.case_reference.setObjectName(u"case_reference")

        self.attach_row.addWidget(self.case_reference)

        self.attach_button = QPushButton(ReportPanel)
        self.attach_button.setObjectName(u"attach_button")

        self.attach_row.addWidget(self.attach_button)

        self.attach_row.setStretch(0, 1)

        self.outer.addLayout(self.attach_row)

        self.panel_end = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.panel_end)

#if QT_CONFIG(shortcut)
        self.assessment_label.setBuddy(self.assessment)
        self.asb_limb_label.setBuddy(self.limb)
        self.reason_label.setBuddy(self.reason)
        self.risk_level_label.setBuddy(self.risk)
        self.risk_reason_label.setBuddy(self.risk_reason)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReportPanel)

        QMetaObject.connectSlotsByName(ReportPanel)
    # setupUi

    def retranslateUi(self, ReportPanel):
        self.title.setText(QCoreApplication.translate("ReportPanel", u"Report", None))
        self.assessment_heading.setText(QCoreApplication.translate("ReportPanel", u"Assessment", None))
        self.assessment_label.setText(QCoreApplication.translate("ReportPanel", u"Is it &ASB?", None))
#if QT_CONFIG(accessibility)
        self.assessment.setAccessibleName(QCoreApplication.translate("ReportPanel", u"Is it ASB?", None))
#endif // QT_CONFIG(accessibility)
        self.asb_limb_label.setText(QCoreApplication.translate("ReportPanel", u"Which part of the &definition", None))
        self.asb_limb_hint.setText(QCoreApplication.translate("ReportPanel", u"Anti-social Behaviour, Crime and Policing Act 2014, s2(1)", None))
#if QT_CONFIG(accessibility)
        self.limb.setAccessibleName(QCoreApplication.translate("ReportPanel", u"Which part of the definition", None))
#endif // QT_CONFIG(accessibility)
        self.reason_label.setText(QCoreApplication.translate("ReportPanel", u"Reaso&n for the assessment", None))
#if QT_CONFIG(accessibility)
        self.reason.setAccessibleName(QCoreApplication.translate("ReportPanel", u"Reason for the assessment", None))
#endif // QT_CONFIG(accessibility)
        self.risk_level_label.setText(QCoreApplication.translate("ReportPanel", u"Ris&k level", None))
#if QT_CONFIG(accessibility)
        self.risk.setAccessibleName(QCoreApplication.translate("ReportPanel", u"Risk level", None))
#endif // QT_CONFIG(accessibility)
        self.risk_reason_label.setText(QCoreApplication.translate("ReportPanel", u"Reason for changing the risk", None))
        self.risk_reason_hint.setText(QCoreApplication.translate("ReportPanel", u"Needed when lowering the risk below what was proposed", None))
#if QT_CONFIG(accessibility)
        self.risk_reason.setAccessibleName(QCoreApplication.translate("ReportPanel", u"Reason for changing the risk", None))
#endif // QT_CONFIG(accessibility)
        self.assess_button.setText(QCoreApplication.translate("ReportPanel", u"Save assess&ment", None))
#if QT_CONFIG(accessibility)
        self.assess_button.setAccessibleName(QCoreApplication.translate("ReportPanel", u"Save assessment", None))
#endif // QT_CONFIG(accessibility)
        self.case_heading.setText(QCoreApplication.translate("ReportPanel", u"Case", None))
        self.open_case_button.setText(QCoreApplication.translate("ReportPanel", u"&Open a case from this report", None))
#if QT_CONFIG(accessibility)
        self.open_case_button.setAccessibleName(QCoreApplication.translate("ReportPanel", u"Open a case from this report", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.case_reference.setToolTip(QCoreApplication.translate("ReportPanel", u"For example ASB-2026-AB12-0001", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.case_reference.setAccessibleName(QCoreApplication.translate("ReportPanel", u"Reference of an existing case", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.case_reference.setAccessibleDescription(QCoreApplication.translate("ReportPanel", u"For example ASB-2026-AB12-0001", None))
#endif // QT_CONFIG(accessibility)
        self.case_reference.setPlaceholderText(QCoreApplication.translate("ReportPanel", u"Case reference", None))
        self.attach_button.setText(QCoreApplication.translate("ReportPanel", u"Add to that ca&se", None))
#if QT_CONFIG(accessibility)
        self.attach_button.setAccessibleName(QCoreApplication.translate("ReportPanel", u"Add this report to an existing case", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

