#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make deb: the Debian packages (debian/control), built
# with dpkg-buildpackage (debhelper, dh-dkms) in a copy of the sources
# under $BUILD/deb/, then checked with lintian. The .deb files, .changes
# and .buildinfo land in $BUILD/deb/; nothing is written into the clone
# outside $BUILD.
#
# Fails when the build fails or lintian reports an error or a warning;
# its notes are printed.

set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

die() { echo "deb: $*" >&2; exit 1; }

for tool in dpkg-buildpackage dh dh_dkms lintian; do
	command -v "$tool" >/dev/null || die "$tool is missing: run 'make setup'"
done

build=${BUILD:-$root/build}
out=$build/deb
source=$(dpkg-parsechangelog -l "$root/debian/changelog" -S Source)
version=$(dpkg-parsechangelog -l "$root/debian/changelog" -S Version)
src=$out/$source-$version

rm -rf "$out"
mkdir -p "$src"
# The working tree as it is (tracked and new files, not ignored ones), or
# the whole tree without build output when it is not a git checkout.
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$root" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do
			# A tracked file deleted in the working tree is not copied.
			if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
		done | xargs -0 cp --parents -d -t "$src") ||
		die "copying the sources failed"
else
	rsync -a --exclude=/build --exclude=/.git "$root"/ "$src"/
fi

echo "deb: building $source $version in $src"
(cd "$src" && dpkg-buildpackage -b -us -uc --no-sign) >"$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	die "dpkg-buildpackage failed (log: $out/build.log)"
}
rm -rf "$src"

changes=$(ls "$out"/*.changes)
echo "deb: lintian $(basename "$changes")"
lintian --fail-on error,warning "$changes" || die "lintian reports errors or warnings"
ls -1 "$out"/*.deb
