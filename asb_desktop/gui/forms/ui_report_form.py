# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'report_form.ui'
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
from PySide6.QtWidgets import (QApplication, QButtonGroup, QComboBox, QDateTimeEdit,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QRadioButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_ReportForm(object):
    def setupUi(self, ReportForm):
        if not ReportForm.objectName():
            ReportForm.setObjectName(u"ReportForm")
        self.outer = QVBoxLayout(ReportForm)
        self.outer.setObjectName(u"outer")
        self.title = QLabel(ReportForm)
        self.title.setObjectName(u"title")
        self.title.setWordWrap(True)

        self.outer.addWidget(self.title)

        self.draft_bar = QWidget(ReportForm)
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

        self.visit_banner = QLabel(ReportForm)
        self.visit_banner.setObjectName(u"visit_banner")
        self.visit_banner.setWordWrap(True)

        self.outer.addWidget(self.visit_banner)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.reporter_label = QLabel(ReportForm)
        self.reporter_label.setObjectName(u"reporter_label")
        self.reporter_label.setWordWrap(True)

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reporter_label)

        self.field_reporter = QWidget(ReportForm)
        self.field_reporter.setObjectName(u"field_reporter")
        self.field_reporter_box = QVBoxLayout(self.field_reporter)
        self.field_reporter_box.setObjectName(u"field_reporter_box")
        self.field_reporter_box.setContentsMargins(0, 0, 0, 0)
        self.error_reporter = QLabel(self.field_reporter)
        self.error_reporter.setObjectName(u"error_reporter")
        self.error_reporter.setWordWrap(True)
        self.error_reporter.setProperty(u"fieldError", True)

        self.field_reporter_box.addWidget(self.error_reporter)

        self.modes_box = QHBoxLayout()
        self.modes_box.setObjectName(u"modes_box")
        self.mode_existing = QRadioButton(self.field_reporter)
        self.modes = QButtonGroup(ReportForm)
        self.modes.setObjectName(u"modes")
        self.modes.addButton(self.mode_existing)
        self.mode_existing.setObjectName(u"mode_existing")

        self.modes_box.addWidget(self.mode_existing)

        self.mode_new = QRadioButton(self.field_reporter)
        self.modes.addButton(self.mode_new)
        self.mode_new.setObjectName(u"mode_new")

        self.modes_box.addWidget(self.mode_new)

        self.mode_anonymous = QRadioButton(self.field_reporter)
        self.modes.addButton(self.mode_anonymous)
        self.mode_anonymous.setObjectName(u"mode_anonymous")

        self.modes_box.addWidget(self.mode_anonymous)

        self.modes_end = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.modes_box.addItem(self.modes_end)


        self.field_reporter_box.addLayout(self.modes_box)

        self.existing_panel = QWidget(self.field_reporter)
        self.existing_panel.setObjectName(u"existing_panel")
        self.existing_box = QVBoxLayout(self.existing_panel)
        self.existing_box.setObjectName(u"existing_box")
        self.existing_box.setContentsMargins(0, 0, 0, 0)
        self.person_search = QLineEdit(self.existing_panel)
        self.person_search.setObjectName(u"person_search")

        self.existing_box.addWidget(self.person_search)

        self.person_results = QListWidget(self.existing_panel)
        self.person_results.setObjectName(u"person_results")
        self.person_results.setMaximumSize(QSize(16777215, 110))

        self.existing_box.addWidget(self.person_results)

        self.chosen_label = QLabel(self.existing_panel)
        self.chosen_label.setObjectName(u"chosen_label")
        self.chosen_label.setWordWrap(True)

        self.existing_box.addWidget(self.chosen_label)


        self.field_reporter_box.addWidget(self.existing_panel)

        self.new_panel = QWidget(self.field_reporter)
        self.new_panel.setObjectName(u"new_panel")
        self.new_form = QFormLayout(self.new_panel)
        self.new_form.setObjectName(u"new_form")
        self.new_form.setContentsMargins(0, 0, 0, 0)
        self.reporter_given_name_label = QLabel(self.new_panel)
        self.reporter_given_name_label.setObjectName(u"reporter_given_name_label")
        self.reporter_given_name_label.setWordWrap(True)

        self.new_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reporter_given_name_label)

        self.field_reporter_given_name = QWidget(self.new_panel)
        self.field_reporter_given_name.setObjectName(u"field_reporter_given_name")
        self.field_reporter_given_name_box = QVBoxLayout(self.field_reporter_given_name)
        self.field_reporter_given_name_box.setSpacing(2)
        self.field_reporter_given_name_box.setObjectName(u"field_reporter_given_name_box")
        self.field_reporter_given_name_box.setContentsMargins(0, 0, 0, 0)
        self.error_reporter_given_name = QLabel(self.field_reporter_given_name)
        self.error_reporter_given_name.setObjectName(u"error_reporter_given_name")
        self.error_reporter_given_name.setWordWrap(True)
        self.error_reporter_given_name.setProperty(u"fieldError", True)

        self.field_reporter_given_name_box.addWidget(self.error_reporter_given_name)

        self.given_name = QLineEdit(self.field_reporter_given_name)
        self.given_name.setObjectName(u"given_name")

        self.field_reporter_given_name_box.addWidget(self.given_name)


        self.new_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_reporter_given_name)

        self.reporter_family_name_label = QLabel(self.new_panel)
        self.reporter_family_name_label.setObjectName(u"reporter_family_name_label")
        self.reporter_family_name_label.setWordWrap(True)

        self.new_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.reporter_family_name_label)

        self.field_reporter_family_name = QWidget(self.new_panel)
        self.field_reporter_family_name.setObjectName(u"field_reporter_family_name")
        self.field_reporter_family_name_box = QVBoxLayout(self.field_reporter_family_name)
        self.field_reporter_family_name_box.setSpacing(2)
        self.field_reporter_family_name_box.setObjectName(u"field_reporter_family_name_box")
        self.field_reporter_family_name_box.setContentsMargins(0, 0, 0, 0)
        self.error_reporter_family_name = QLabel(self.field_reporter_family_name)
        self.error_reporter_family_name.setObjectName(u"error_reporter_family_name")
        self.error_reporter_family_name.setWordWrap(True)
        self.error_reporter_family_name.setProperty(u"fieldError", True)

        self.field_reporter_family_name_box.addWidget(self.error_reporter_family_name)

        self.family_name = QLineEdit(self.field_reporter_family_name)
        self.family_name.setObjectName(u"family_name")

        self.field_reporter_family_name_box.addWidget(self.family_name)


        self.new_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.field_reporter_family_name)

        self.reporter_phone_label = QLabel(self.new_panel)
        self.reporter_phone_label.setObjectName(u"reporter_phone_label")
        self.reporter_phone_label.setWordWrap(True)

        self.new_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.reporter_phone_label)

        self.field_reporter_phone = QWidget(self.new_panel)
        self.field_reporter_phone.setObjectName(u"field_reporter_phone")
        self.field_reporter_phone_box = QVBoxLayout(self.field_reporter_phone)
        self.field_reporter_phone_box.setSpacing(2)
        self.field_reporter_phone_box.setObjectName(u"field_reporter_phone_box")
        self.field_reporter_phone_box.setContentsMargins(0, 0, 0, 0)
        self.error_reporter_phone = QLabel(self.field_reporter_phone)
        self.error_reporter_phone.setObjectName(u"error_reporter_phone")
        self.error_reporter_phone.setWordWrap(True)
        self.error_reporter_phone.setProperty(u"fieldError", True)

        self.field_reporter_phone_box.addWidget(self.error_reporter_phone)

        self.phone = QLineEdit(self.field_reporter_phone)
        self.phone.setObjectName(u"phone")

        self.field_reporter_phone_box.addWidget(self.phone)


        self.new_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.field_reporter_phone)

        self.reporter_address_label = QLabel(self.new_panel)
        self.reporter_address_label.setObjectName(u"reporter_address_label")
        self.reporter_address_label.setWordWrap(True)

        self.new_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.reporter_address_label)

        self.field_reporter_address = QWidget(self.new_panel)
        self.field_reporter_address.setObjectName(u"field_reporter_address")
        self.field_reporter_address_box = QVBoxLayout(self.field_reporter_address)
        self.field_reporter_address_box.setSpacing(2)
        self.field_reporter_address_box.setObjectName(u"field_reporter_address_box")
        self.field_reporter_address_box.setContentsMargins(0, 0, 0, 0)
        self.error_reporter_address = QLabel(self.field_reporter_address)
        self.error_reporter_address.setObjectName(u"error_reporter_address")
        self.error_reporter_address.setWordWrap(True)
        self.error_reporter_address.setProperty(u"fieldError", True)

        self.field_reporter_address_box.addWidget(self.error_reporter_address)

        self.address = QLineEdit(self.field_reporter_address)
        self.address.setObjectName(u"address")

        self.field_reporter_address_box.addWidget(self.address)


        self.new_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.field_reporter_address)

        self.reporter_postcode_label = QLabel(self.new_panel)
        self.reporter_postcode_label.setObjectName(u"reporter_postcode_label")
        self.reporter_postcode_label.setWordWrap(True)

        self.new_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.reporter_postcode_label)

        self.field_reporter_postcode = QWidget(self.new_panel)
        self.field_reporter_postcode.setObjectName(u"field_reporter_postcode")
        self.field_reporter_postcode_box = QVBoxLayout(self.field_reporter_postcode)
        self.field_reporter_postcode_box.setSpacing(2)
        self.field_reporter_postcode_box.setObjectName(u"field_reporter_postcode_box")
        self.field_reporter_postcode_box.setContentsMargins(0, 0, 0, 0)
        self.error_reporter_postcode = QLabel(self.field_reporter_postcode)
        self.error_reporter_postcode.setObjectName(u"error_reporter_postcode")
        self.error_reporter_postcode.setWordWrap(True)
        self.error_reporter_postcode.setProperty(u"fieldError", True)

        self.field_reporter_postcode_box.addWidget(self.error_reporter_postcode)

        self.postcode = QLineEdit(self.field_reporter_postcode)
        self.postcode.setObjectName(u"postcode")

        self.field_reporter_postcode_box.addWidget(self.postcode)


        self.new_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.field_reporter_postcode)


        self.field_reporter_box.addWidget(self.new_panel)


        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_reporter)

        self.received_at_label = QLabel(ReportForm)
        self.received_at_label.setObjectName(u"received_at_label")
        self.received_at_label.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.received_at_label)

        self.field_received_at = QWidget(ReportForm)
        self.field_received_at.setObjectName(u"field_received_at")
        self.field_received_at_box = QVBoxLayout(self.field_received_at)
        self.field_received_at_box.setSpacing(2)
        self.field_received_at_box.setObjectName(u"field_received_at_box")
        self.field_received_at_box.setContentsMargins(0, 0, 0, 0)
        self.error_received_at = QLabel(self.field_received_at)
        self.error_received_at.setObjectName(u"error_received_at")
        self.error_received_at.setWordWrap(True)
        self.error_received_at.setProperty(u"fieldError", True)

        self.field_received_at_box.addWidget(self.error_received_at)

        self.received_at = QDateTimeEdit(self.field_received_at)
        self.received_at.setObjectName(u"received_at")
        self.received_at.setCalendarPopup(True)

        self.field_received_at_box.addWidget(self.received_at)


        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.field_received_at)

        self.channel_label = QLabel(ReportForm)
        self.channel_label.setObjectName(u"channel_label")
        self.channel_label.setWordWrap(True)

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.channel_label)

        self.field_channel = QWidget(ReportForm)
        self.field_channel.setObjectName(u"field_channel")
        self.field_channel_box = QVBoxLayout(self.field_channel)
        self.field_channel_box.setSpacing(2)
        self.field_channel_box.setObjectName(u"field_channel_box")
        self.field_channel_box.setContentsMargins(0, 0, 0, 0)
        self.error_channel = QLabel(self.field_channel)
        self.error_channel.setObjectName(u"error_channel")
        self.error_channel.setWordWrap(True)
        self.error_channel.setProperty(u"fieldError", True)

        self.field_channel_box.addWidget(self.error_channel)

        self.channel = QComboBox(self.field_channel)
        self.channel.setObjectName(u"channel")

        self.field_channel_box.addWidget(self.channel)


        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.field_channel)

        self.incident_date_label = QLabel(ReportForm)
        self.incident_date_label.setObjectName(u"incident_date_label")
        self.incident_date_label.setWordWrap(True)

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.incident_date_label)

        self.field_incident_date = QWidget(ReportForm)
        self.field_incident_date.setObjectName(u"field_incident_date")
        self.field_incident_date_box = QVBoxLayout(self.field_incident_date)
        self.field_incident_date_box.setSpacing(2)
        self.field_incident_date_box.setObjectName(u"field_incident_date_box")
        self.field_incident_date_box.setContentsMargins(0, 0, 0, 0)
        self.incident_date_hint = QLabel(self.field_incident_date)
        self.incident_date_hint.setObjectName(u"incident_date_hint")
        self.incident_date_hint.setWordWrap(True)
        self.incident_date_hint.setProperty(u"hint", True)

        self.field_incident_date_box.addWidget(self.incident_date_hint)

        self.error_incident_date = QLabel(self.field_incident_date)
        self.error_incident_date.setObjectName(u"error_incident_date")
        self.error_incident_date.setWordWrap(True)
        self.error_incident_date.setProperty(u"fieldError", True)

        self.field_incident_date_box.addWidget(self.error_incident_date)

        self.incident_date_row = QHBoxLayout()
        self.incident_date_row.setObjectName(u"incident_date_row")
        self.incident_date = QLineEdit(self.field_incident_date)
        self.incident_date.setObjectName(u"incident_date")
        self.incident_date.setMaximumSize(QSize(150, 16777215))
        self.incident_date.setMaxLength(10)

        self.incident_date_row.addWidget(self.incident_date)

        self.incident_today = QPushButton(self.field_incident_date)
        self.incident_today.setObjectName(u"incident_today")

        self.incident_date_row.addWidget(self.incident_today)

        self.incident_yesterday = QPushButton(self.field_incident_date)
        self.incident_yesterday.setObjectName(u"incident_yesterday")

        self.incident_date_row.addWidget(self.incident_yesterday)

        self.incident_calendar = QPushButton(self.field_incident_date)
        self.incident_calendar.setObjectName(u"incident_calendar")

        self.incident_date_row.addWidget(self.incident_calendar)

        self.incident_date_end = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.incident_date_row.addItem(self.incident_date_end)


        self.field_incident_date_box.addLayout(self.incident_date_row)

        self.incident_date_read = QLabel(self.field_incident_date)
        self.incident_date_read.setObjectName(u"incident_date_read")
        self.incident_date_read.setWordWrap(True)
        self.incident_date_read.setProperty(u"hint", True)

        self.field_incident_date_box.addWidget(self.incident_date_read)


        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.field_incident_date)

        self.incident_time_label = QLabel(ReportForm)
        self.incident_time_label.setObjectName(u"incident_time_label")
        self.incident_time_label.setWordWrap(True)

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.incident_time_label)

        self.field_incident_time = QWidget(ReportForm)
        self.field_incident_time.setObjectName(u"field_incident_time")
        self.field_incident_time_box = QVBoxLayout(self.field_incident_time)
        self.field_incident_time_box.setSpacing(2)
        self.field_incident_time_box.setObjectName(u"field_incident_time_box")
        self.field_incident_time_box.setContentsMargins(0, 0, 0, 0)
        self.error_incident_time = QLabel(self.field_incident_time)
        self.error_incident_time.setObjectName(u"error_incident_time")
        self.error_incident_time.setWordWrap(True)
        self.error_incident_time.setProperty(u"fieldError", True)

        self.field_incident_time_box.addWidget(self.error_incident_time)

        self.incident_time = QLineEdit(self.field_incident_time)
        self.incident_time.setObjectName(u"incident_time")

        self.field_incident_time_box.addWidget(self.incident_time)


        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.field_incident_time)

        self.location_label = QLabel(ReportForm)
        self.location_label.setObjectName(u"location_label")
        self.location_label.setWordWrap(True)

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.location_label)

        self.field_location = QWidget(ReportForm)
        self.field_location.setObjectName(u"field_location")
        self.field_location_box = QVBoxLayout(self.field_location)
        self.field_location_box.setSpacing(2)
        self.field_location_box.setObjectName(u"field_location_box")
        self.field_location_box.setContentsMargins(0, 0, 0, 0)
        self.location_hint = QLabel(self.field_location)
        self.location_hint.setObjectName(u"location_hint")
        self.location_hint.setWordWrap(True)
        self.location_hint.setProperty(u"hint", True)

        self.field_location_box.addWidget(self.location_hint)

        self.error_location = QLabel(self.field_location)
        self.error_location.setObjectName(u"error_location")
        self.error_location.setWordWrap(True)
        self.error_location.setProperty(u"fieldError", True)

        self.field_location_box.addWidget(self.error_location)

        self.location = QLineEdit(self.field_location)
        self.location.setObjectName(u"location")

        self.field_location_box.addWidget(self.location)


        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.field_location)

        self.categories_label = QLabel(ReportForm)
        self.categories_label.setObjectName(u"categories_label")
        self.categories_label.setWordWrap(True)

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.categories_label)

        self.field_categories = QWidget(ReportForm)
        self.field_categories.setObjectName(u"field_categories")
        self.field_categories_box = QVBoxLayout(self.field_categories)
        self.field_categories_box.setSpacing(2)
        self.field_categories_box.setObjectName(u"field_categories_box")
        self.field_categories_box.setContentsMargins(0, 0, 0, 0)
        self.categories_hint = QLabel(self.field_categories)
        self.categories_hint.setObjectName(u"categories_hint")
        self.categories_hint.setWordWrap(True)
        self.categories_hint.setProperty(u"hint", True)

        self.field_categories_box.addWidget(self.categories_hint)

        self.error_categories = QLabel(self.field_categories)
        self.error_categories.setObjectName(u"error_categories")
        self.error_categories.setWordWrap(True)
        self.error_categories.setProperty(u"fieldError", True)

        self.field_categories_box.addWidget(self.error_categories)


        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.field_categories)

        self.hate_strands_label = QLabel(ReportForm)
        self.hate_strands_label.setObjectName(u"hate_strands_label")
        self.hate_strands_label.setWordWrap(True)

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.hate_strands_label)

        self.field_hate_strands = QWidget(ReportForm)
        self.field_hate_strands.setObjectName(u"field_hate_strands")
        self.field_hate_strands_box = QVBoxLayout(self.field_hate_strands)
        self.field_hate_strands_box.setSpacing(2)
        self.field_hate_strands_box.setObjectName(u"field_hate_strands_box")
        self.field_hate_strands_box.setContentsMargins(0, 0, 0, 0)
        self.hate_strands_hint = QLabel(self.field_hate_strands)
        self.hate_strands_hint.setObjectName(u"hate_strands_hint")
        self.hate_strands_hint.setWordWrap(True)
        self.hate_strands_hint.setProperty(u"hint", True)

        self.field_hate_strands_box.addWidget(self.hate_strands_hint)

        self.error_hate_strands = QLabel(self.field_hate_strands)
        self.error_hate_strands.setObjectName(u"error_hate_strands")
        self.error_hate_strands.setWordWrap(True)
        self.error_hate_strands.setProperty(u"fieldError", True)

        self.field_hate_strands_box.addWidget(self.error_hate_strands)


        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.field_hate_strands)

        self.description_label = QLabel(ReportForm)
        self.description_label.setObjectName(u"description_label")
        self.description_label.setWordWrap(True)

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.description_label)

        self.field_description = QWidget(ReportForm)
        self.field_description.setObjectName(u"field_description")
        self.field_description_box = QVBoxLayout(self.field_description)
        self.field_description_box.setSpacing(2)
        self.field_description_box.setObjectName(u"field_description_box")
        self.field_description_box.setContentsMargins(0, 0, 0, 0)
        self.description_hint = QLabel(self.field_description)
        self.description_hint.setObjectName(u"description_hint")
        self.description_hint.setWordWrap(True)
        self.description_hint.setProperty(u"hint", True)

        self.field_description_box.addWidget(self.description_hint)

        self.error_description = QLabel(self.field_description)
        self.error_description.setObjectName(u"error_description")
        self.error_description.setWordWrap(True)
        self.error_description.setProperty(u"fieldError", True)

        self.field_description_box.addWidget(self.error_description)

        self.description = QPlainTextEdit(self.field_description)
        self.description.setObjectName(u"description")
        self.description.setMinimumSize(QSize(0, 90))
        self.description.setTabChangesFocus(True)

        self.field_description_box.addWidget(self.description)


        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.field_description)


        self.outer.addLayout(self.form)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.save_button = QPushButton(ReportForm)
        self.save_button.setObjectName(u"save_button")
        self.save_button.setProperty(u"primary", True)

        self.buttons.addWidget(self.save_button)

        self.clear_button = QPushButton(ReportForm)
        self.clear_button.setObjectName(u"clear_button")

        self.buttons.addWidget(self.clear_button)

        self.saving_label = QLabel(ReportForm)
        self.saving_label.setObjectName(u"saving_label")

        self.buttons.addWidget(self.saving_label)

        self.buttons.setStretch(2, 1)

        self.outer.addLayout(self.buttons)

        self.form_end = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.form_end)

#if QT_CONFIG(shortcut)
        self.reporter_label.setBuddy(self.mode_existing)
        self.reporter_given_name_label.setBuddy(self.given_name)
        self.reporter_family_name_label.setBuddy(self.family_name)
        self.reporter_phone_label.setBuddy(self.phone)
        self.reporter_address_label.setBuddy(self.address)
        self.reporter_postcode_label.setBuddy(self.postcode)
        self.received_at_label.setBuddy(self.received_at)
        self.channel_label.setBuddy(self.channel)
        self.incident_date_label.setBuddy(self.incident_date)
        self.incident_time_label.setBuddy(self.incident_time)
        self.location_label.setBuddy(self.location)
        self.description_label.setBuddy(self.description)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReportForm)

        QMetaObject.connectSlotsByName(ReportForm)
    # setupUi

    def retranslateUi(self, ReportForm):
        self.title.setText(QCoreApplication.translate("ReportForm", u"Log a report", None))
        self.restore_button.setText(QCoreApplication.translate("ReportForm", u"Rest&ore it", None))
#if QT_CONFIG(accessibility)
        self.restore_button.setAccessibleName(QCoreApplication.translate("ReportForm", u"Restore the unsaved report", None))
#endif // QT_CONFIG(accessibility)
        self.discard_button.setText(QCoreApplication.translate("ReportForm", u"Discard it", None))
#if QT_CONFIG(accessibility)
        self.discard_button.setAccessibleName(QCoreApplication.translate("ReportForm", u"Discard the unsaved report", None))
#endif // QT_CONFIG(accessibility)
        self.reporter_label.setText(QCoreApplication.translate("ReportForm", u"Reporter", None))
        self.mode_existing.setText(QCoreApplication.translate("ReportForm", u"Someone already &known", None))
#if QT_CONFIG(accessibility)
        self.mode_existing.setAccessibleName(QCoreApplication.translate("ReportForm", u"Someone already known", None))
#endif // QT_CONFIG(accessibility)
        self.mode_new.setText(QCoreApplication.translate("ReportForm", u"A &new person", None))
#if QT_CONFIG(accessibility)
        self.mode_new.setAccessibleName(QCoreApplication.translate("ReportForm", u"Reporter is a new person", None))
#endif // QT_CONFIG(accessibility)
        self.mode_anonymous.setText(QCoreApplication.translate("ReportForm", u"&Anonymous", None))
#if QT_CONFIG(accessibility)
        self.mode_anonymous.setAccessibleName(QCoreApplication.translate("ReportForm", u"Reporter is anonymous", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.person_search.setToolTip(QCoreApplication.translate("ReportForm", u"Type part of a name; matching people appear below", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.person_search.setAccessibleName(QCoreApplication.translate("ReportForm", u"Find the reporter by name", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.person_search.setAccessibleDescription(QCoreApplication.translate("ReportForm", u"Type part of a name; matching people appear below", None))
#endif // QT_CONFIG(accessibility)
        self.person_search.setPlaceholderText(QCoreApplication.translate("ReportForm", u"Type a name\u2026", None))
#if QT_CONFIG(accessibility)
        self.person_results.setAccessibleName(QCoreApplication.translate("ReportForm", u"People matching the name", None))
#endif // QT_CONFIG(accessibility)
        self.chosen_label.setText(QCoreApplication.translate("ReportForm", u"No one chosen yet", None))
        self.reporter_given_name_label.setText(QCoreApplication.translate("ReportForm", u"Given name", None))
#if QT_CONFIG(accessibility)
        self.given_name.setAccessibleName(QCoreApplication.translate("ReportForm", u"Given name", None))
#endif // QT_CONFIG(accessibility)
        self.reporter_family_name_label.setText(QCoreApplication.translate("ReportForm", u"Family name", None))
#if QT_CONFIG(accessibility)
        self.family_name.setAccessibleName(QCoreApplication.translate("ReportForm", u"Family name", None))
#endif // QT_CONFIG(accessibility)
        self.reporter_phone_label.setText(QCoreApplication.translate("ReportForm", u"Phone", None))
#if QT_CONFIG(accessibility)
        self.phone.setAccessibleName(QCoreApplication.translate("ReportForm", u"Phone", None))
#endif // QT_CONFIG(accessibility)
        self.reporter_address_label.setText(QCoreApplication.translate("ReportForm", u"Address", None))
#if QT_CONFIG(accessibility)
        self.address.setAccessibleName(QCoreApplication.translate("ReportForm", u"Address", None))
#endif // QT_CONFIG(accessibility)
        self.reporter_postcode_label.setText(QCoreApplication.translate("ReportForm", u"Postcode", None))
#if QT_CONFIG(accessibility)
        self.postcode.setAccessibleName(QCoreApplication.translate("ReportForm", u"Postcode", None))
#endif // QT_CONFIG(accessibility)
        self.received_at_label.setText(QCoreApplication.translate("ReportForm", u"Date and ti&me received", None))
#if QT_CONFIG(accessibility)
        self.received_at.setAccessibleName(QCoreApplication.translate("ReportForm", u"Date and time received", None))
#endif // QT_CONFIG(accessibility)
        self.received_at.setDisplayFormat(QCoreApplication.translate("ReportForm", u"dd/MM/yyyy HH:mm", None))
        self.channel_label.setText(QCoreApplication.translate("ReportForm", u"How it was receive&d", None))
#if QT_CONFIG(accessibility)
        self.channel.setAccessibleName(QCoreApplication.translate("ReportForm", u"How it was received", None))
#endif // QT_CONFIG(accessibility)
        self.incident_date_label.setText(QCoreApplication.translate("ReportForm", u"Date of the &incident", None))
        self.incident_date_hint.setText(QCoreApplication.translate("ReportForm", u"Day, month and year, for example 27/02/2026", None))
#if QT_CONFIG(accessibility)
        self.incident_date.setAccessibleName(QCoreApplication.translate("ReportForm", u"Date of the incident", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.incident_date.setAccessibleDescription(QCoreApplication.translate("ReportForm", u"Day, month and year, for example 27/02/2026", None))
#endif // QT_CONFIG(accessibility)
        self.incident_date.setPlaceholderText(QCoreApplication.translate("ReportForm", u"dd/mm/yyyy", None))
#if QT_CONFIG(tooltip)
        self.incident_today.setToolTip(QCoreApplication.translate("ReportForm", u"The incident happened today", None))
#endif // QT_CONFIG(tooltip)
        self.incident_today.setText(QCoreApplication.translate("ReportForm", u"Today", None))
#if QT_CONFIG(accessibility)
        self.incident_today.setAccessibleName(QCoreApplication.translate("ReportForm", u"The incident happened today", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.incident_yesterday.setToolTip(QCoreApplication.translate("ReportForm", u"The incident happened yesterday (last night, say)", None))
#endif // QT_CONFIG(tooltip)
        self.incident_yesterday.setText(QCoreApplication.translate("ReportForm", u"Yesterday", None))
#if QT_CONFIG(accessibility)
        self.incident_yesterday.setAccessibleName(QCoreApplication.translate("ReportForm", u"The incident happened yesterday", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.incident_calendar.setToolTip(QCoreApplication.translate("ReportForm", u"Choose the date of the incident from a calendar", None))
#endif // QT_CONFIG(tooltip)
        self.incident_calendar.setText(QCoreApplication.translate("ReportForm", u"Calendar\u2026", None))
#if QT_CONFIG(accessibility)
        self.incident_calendar.setAccessibleName(QCoreApplication.translate("ReportForm", u"Choose the date of the incident from a calendar", None))
#endif // QT_CONFIG(accessibility)
        self.incident_date_read.setText(QCoreApplication.translate("ReportForm", u"Not entered yet", None))
        self.incident_time_label.setText(QCoreApplication.translate("ReportForm", u"Time of the incident", None))
#if QT_CONFIG(accessibility)
        self.incident_time.setAccessibleName(QCoreApplication.translate("ReportForm", u"Time of the incident", None))
#endif // QT_CONFIG(accessibility)
        self.incident_time.setPlaceholderText(QCoreApplication.translate("ReportForm", u"For example 23:30, or 'most nights'", None))
        self.location_label.setText(QCoreApplication.translate("ReportForm", u"&Location", None))
        self.location_hint.setText(QCoreApplication.translate("ReportForm", u"Address, block or place where it happened", None))
#if QT_CONFIG(accessibility)
        self.location.setAccessibleName(QCoreApplication.translate("ReportForm", u"Location", None))
#endif // QT_CONFIG(accessibility)
        self.categories_label.setText(QCoreApplication.translate("ReportForm", u"Cate&gories", None))
        self.categories_hint.setText(QCoreApplication.translate("ReportForm", u"Tick every one that applies", None))
        self.hate_strands_label.setText(QCoreApplication.translate("ReportForm", u"Hate-incident strands", None))
        self.hate_strands_hint.setText(QCoreApplication.translate("ReportForm", u"If the victim or anyone else perceives hostility or prejudice about any of these, it is a hate incident: perception is enough", None))
        self.description_label.setText(QCoreApplication.translate("ReportForm", u"What ha&ppened", None))
        self.description_hint.setText(QCoreApplication.translate("ReportForm", u"In the reporter's words where you can", None))
#if QT_CONFIG(accessibility)
        self.description.setAccessibleName(QCoreApplication.translate("ReportForm", u"What happened", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.save_button.setToolTip(QCoreApplication.translate("ReportForm", u"Save the report (Ctrl+S)", None))
#endif // QT_CONFIG(tooltip)
        self.save_button.setText(QCoreApplication.translate("ReportForm", u"&Save report", None))
#if QT_CONFIG(accessibility)
        self.save_button.setAccessibleName(QCoreApplication.translate("ReportForm", u"Save report", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.save_button.setAccessibleDescription(QCoreApplication.translate("ReportForm", u"Save the report (Ctrl+S)", None))
#endif // QT_CONFIG(accessibility)
        self.clear_button.setText(QCoreApplication.translate("ReportForm", u"Clear the form", None))
#if QT_CONFIG(accessibility)
        self.clear_button.setAccessibleName(QCoreApplication.translate("ReportForm", u"Clear the form", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

