#!/bin/sh
# Installs every Debian 12 package that building, rendering and testing need.
# Run as root on a fresh machine; safe to run again.
set -eu
export DEBIAN_FRONTEND=noninteractive
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
	build-essential cmake pkg-config git ca-certificates man-db \
	libxml2-dev libxml2-utils libxslt1-dev xsltproc libcmark-dev cmark \
	libcairo2-dev libpango1.0-dev libglib2.0-dev libfontconfig-dev \
	qpdf libgmime-3.0-dev libicu-dev librsvg2-2 \
	fonts-liberation2 fonts-dejavu-core fonts-droid-fallback \
	poppler-utils python3 python3-pikepdf python3-fonttools \
	clang libclang-rt-14-dev valgrind \
	libreoffice-calc-nogui chromium >/dev/null
# axe-core and playwright-core for tests/html, at the versions its
# package.json pins, into tests/html/node_modules; Debian's Node.js and
# npm unless a Node.js with its npm is installed already (they conflict).
command -v npm >/dev/null || $SUDO apt-get install -y -qq \
	--no-install-recommends nodejs npm >/dev/null
npm install --prefix "$(dirname "$0")/../tests/html" --no-package-lock \
	--no-audit --no-fund --silent
