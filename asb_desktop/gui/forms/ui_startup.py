# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'startup.ui'
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
from PySide6.QtWidgets import (QApplication, QButtonGroup, QComboBox, QDialog,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QRadioButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_StartupDialog(object):
    def setupUi(self, StartupDialog):
        if not StartupDialog.objectName():
            StartupDialog.setObjectName(u"StartupDialog")
        StartupDialog.setMinimumSize(QSize(560, 0))
        self.outer = QVBoxLayout(StartupDialog)
        self.outer.setObjectName(u"outer")
        self.title = QLabel(StartupDialog)
        self.title.setObjectName(u"title")
        self.title.setWordWrap(True)

        self.outer.addWidget(self.title)

        self.where = QLabel(StartupDialog)
        self.where.setObjectName(u"where")
        self.where.setWordWrap(True)

        self.outer.addWidget(self.where)

        self.demo = QRadioButton(StartupDialog)
        self.choice = QButtonGroup(StartupDialog)
        self.choice.setObjectName(u"choice")
        self.choice.addButton(self.demo)
        self.demo.setObjectName(u"demo")
        self.demo.setChecked(True)

        self.outer.addWidget(self.demo)

        self.note = QLabel(StartupDialog)
        self.note.setObjectName(u"note")
        self.note.setWordWrap(True)
        self.note.setProperty(u"hint", True)

        self.outer.addWidget(self.note)

        self.demo_details = QWidget(StartupDialog)
        self.demo_details.setObjectName(u"demo_details")
        self.demo_form = QFormLayout(self.demo_details)
        self.demo_form.setObjectName(u"demo_form")
        self.demo_role_label = QLabel(self.demo_details)
        self.demo_role_label.setObjectName(u"demo_role_label")

        self.demo_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.demo_role_label)

        self.demo_role = QComboBox(self.demo_details)
        self.demo_role.setObjectName(u"demo_role")

        self.demo_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.demo_role)


        self.outer.addWidget(self.demo_details)

        self.real = QRadioButton(StartupDialog)
        self.choice.addButton(self.real)
        self.real.setObjectName(u"real")

        self.outer.addWidget(self.real)

        self.details = QWidget(StartupDialog)
        self.details.setObjectName(u"details")
        self.form = QFormLayout(self.details)
        self.form.setObjectName(u"form")
        self.name_label = QLabel(self.details)
        self.name_label.setObjectName(u"name_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name = QLineEdit(self.details)
        self.name.setObjectName(u"name")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.role_label = QLabel(self.details)
        self.role_label.setObjectName(u"role_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.role_label)

        self.role = QComboBox(self.details)
        self.role.setObjectName(u"role")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.role)


        self.outer.addWidget(self.details)

        self.problem = QLabel(StartupDialog)
        self.problem.setObjectName(u"problem")
        self.problem.setVisible(False)
        self.problem.setProperty(u"fieldError", True)

        self.outer.addWidget(self.problem)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.spacer)

        self.go = QPushButton(StartupDialog)
        self.go.setObjectName(u"go")
        self.go.setProperty(u"primary", True)

        self.buttons.addWidget(self.go)

        self.quit_button = QPushButton(StartupDialog)
        self.quit_button.setObjectName(u"quit_button")

        self.buttons.addWidget(self.quit_button)


        self.outer.addLayout(self.buttons)

#if QT_CONFIG(shortcut)
        self.demo_role_label.setBuddy(self.demo_role)
        self.name_label.setBuddy(self.name)
        self.role_label.setBuddy(self.role)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.demo, self.demo_role)
        QWidget.setTabOrder(self.demo_role, self.real)
        QWidget.setTabOrder(self.real, self.name)
        QWidget.setTabOrder(self.name, self.role)
        QWidget.setTabOrder(self.role, self.go)
        QWidget.setTabOrder(self.go, self.quit_button)

        self.retranslateUi(StartupDialog)

        self.go.setDefault(True)


        QMetaObject.connectSlotsByName(StartupDialog)
    # setupUi

    def retranslateUi(self, StartupDialog):
        StartupDialog.setWindowTitle(QCoreApplication.translate("StartupDialog", u"ASB Desktop \u2014 first start", None))
#if QT_CONFIG(accessibility)
        StartupDialog.setAccessibleName(QCoreApplication.translate("StartupDialog", u"First start", None))
#endif // QT_CONFIG(accessibility)
        self.title.setText(QCoreApplication.translate("StartupDialog", u"There is no profile on this computer yet", None))
#if QT_CONFIG(accessibility)
        self.title.setAccessibleName(QCoreApplication.translate("StartupDialog", u"There is no profile on this computer yet", None))
#endif // QT_CONFIG(accessibility)
        self.title.setProperty(u"heading", QCoreApplication.translate("StartupDialog", u"1", None))
        self.demo.setText(QCoreApplication.translate("StartupDialog", u"Try a &demonstration profile with invented cases", None))
#if QT_CONFIG(accessibility)
        self.demo.setAccessibleName(QCoreApplication.translate("StartupDialog", u"Create a demonstration profile", None))
#endif // QT_CONFIG(accessibility)
        self.note.setText(QCoreApplication.translate("StartupDialog", u"Demonstration data is marked DEMO DATA everywhere and can never be mixed into a real profile.", None))
        self.demo_role_label.setText(QCoreApplication.translate("StartupDialog", u"Try it a&s", None))
#if QT_CONFIG(accessibility)
        self.demo_role.setAccessibleName(QCoreApplication.translate("StartupDialog", u"Try the demonstration as", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.demo_role.setAccessibleDescription(QCoreApplication.translate("StartupDialog", u"An officer sees their own cases; a supervisor also sees the caseload review", None))
#endif // QT_CONFIG(accessibility)
        self.real.setText(QCoreApplication.translate("StartupDialog", u"Create &my own profile for real casework", None))
#if QT_CONFIG(accessibility)
        self.real.setAccessibleName(QCoreApplication.translate("StartupDialog", u"Create my own profile", None))
#endif // QT_CONFIG(accessibility)
        self.name_label.setText(QCoreApplication.translate("StartupDialog", u"Your &name", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("StartupDialog", u"Your name", None))
#endif // QT_CONFIG(accessibility)
        self.role_label.setText(QCoreApplication.translate("StartupDialog", u"Your &role", None))
#if QT_CONFIG(accessibility)
        self.role.setAccessibleName(QCoreApplication.translate("StartupDialog", u"Your role", None))
#endif // QT_CONFIG(accessibility)
        self.go.setText(QCoreApplication.translate("StartupDialog", u"Continue", None))
#if QT_CONFIG(accessibility)
        self.go.setAccessibleName(QCoreApplication.translate("StartupDialog", u"Continue", None))
#endif // QT_CONFIG(accessibility)
        self.quit_button.setText(QCoreApplication.translate("StartupDialog", u"Quit", None))
#if QT_CONFIG(accessibility)
        self.quit_button.setAccessibleName(QCoreApplication.translate("StartupDialog", u"Quit", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

