#!/usr/bin/env bash
# Builds the SCORM 1.2 package: the release site with relative URLs, zipped with an
# imsmanifest.xml, at target/scorm/<course id>-scorm12.zip. Also lays out
# target/scorm-site/ (a test LMS page, scorm-again and the unpacked package) for the
# end-to-end test. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh serve >/dev/null
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

scripts/build-release.sh --public-url ./ --dist target/scorm-build 2>&1 | tail -n 1
id=$(node -e "console.log(require('./target/scorm-build/course/course.json').id)")
zip="target/scorm/$id-scorm12.zip"
node scripts/scorm-package.mjs target/scorm-build "$zip"

rm -rf target/scorm-site
mkdir -p target/scorm-site/pkg
python3 -m zipfile -e "$zip" target/scorm-site/pkg
cp tests/scorm/host.html target/scorm-site/index.html
cp node_modules/scorm-again/dist/scorm12.min.js target/scorm-site/
echo "SCORM 1.2 package: $zip"
