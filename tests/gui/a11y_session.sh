#!/usr/bin/env bash
# Inside the test's own D-Bus session (with gnome-keyring unlocked): a demo
# profile, the real app with Qt's accessibility bridge on, and the AT-SPI
# driver reading it. Arguments: the asb-desktop script, the profile folder,
# where the driver's JSON goes, and the demo user's role (officer unless given).
set -u
script=$1 profile=$2 out=$3 role=${4:-officer}
"$script" --profile "$profile" demo --cases 30 --role "$role" >/dev/null
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 "$script" --profile "$profile" &
app=$!
/usr/bin/python3 "$(dirname "$0")/atspi_driver.py" > "$out"
status=$?
kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
exit $status
