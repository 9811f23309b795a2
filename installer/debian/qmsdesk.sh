#!/bin/sh
# /usr/bin/qmsdesk: start the program installed in /opt/qmsdesk (window, or a sub-command such as
# `qmsdesk --version`). The bundle finds its own libraries next to itself.
exec /opt/qmsdesk/qmsdesk "$@"
