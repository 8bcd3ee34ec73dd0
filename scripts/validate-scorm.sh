#!/usr/bin/env bash
# Validates an unpacked SCORM 1.2 package the way a strict LMS does: every schema that
# imsmanifest.xml names in xsi:schemaLocation is in the package root, and the manifest is
# valid against them (adlcp_rootv1p2.xsd imports the content-packaging schema, so one run
# checks both namespaces). Needs xmllint (Debian libxml2-utils; scripts/setup.sh test).
# Usage: scripts/validate-scorm.sh UNPACKED_PACKAGE_DIR
set -euo pipefail
pkg="${1:?usage: scripts/validate-scorm.sh UNPACKED_PACKAGE_DIR}"
manifest="$pkg/imsmanifest.xml"
[ -f "$manifest" ] || { echo "validate-scorm: no imsmanifest.xml in $pkg" >&2; exit 1; }
named=$(tr '\n' ' ' < "$manifest" | sed -n 's/.*xsi:schemaLocation="\([^"]*\)".*/\1/p' | tr ' ' '\n' | grep '\.xsd$' || true)
[ -n "$named" ] || { echo "validate-scorm: $manifest names no schema in xsi:schemaLocation" >&2; exit 1; }
for xsd in $named ims_xml.xsd; do
  [ -f "$pkg/$xsd" ] || { echo "validate-scorm: $xsd (named by the manifest) is not in the package root" >&2; exit 1; }
done
# xmllint's notice about ims_xml.xsd's default namespace is how IMS wrote that file: dropped.
if ! out=$(cd "$pkg" && xmllint --noout --schema adlcp_rootv1p2.xsd imsmanifest.xml 2>&1); then
  printf '%s\n' "$out" | grep -v -e '^ims_xml.xsd:1: namespace error' -e '^filename=ims_xml.xsd' -e '^ *\^$' >&2
  echo "validate-scorm: $manifest is not valid against its schemas" >&2
  exit 1
fi
echo "validate-scorm: imsmanifest.xml is valid against the $(echo $named | wc -w) schemas it names ($(echo $named | tr '\n' ' ' | sed 's/ $//'))"
