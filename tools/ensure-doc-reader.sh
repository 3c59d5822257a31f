#!/usr/bin/env bash
# Installs Debian's antiword, which reads the text of .doc/.wps reports
# (generator/archive/inspectors/word_text.py), when it is missing.
set -euo pipefail
command -v antiword >/dev/null && command -v prlimit >/dev/null && exit 0
echo "安装读取 .doc/.wps 文字所需的软件包：antiword"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends antiword util-linux >/dev/null
