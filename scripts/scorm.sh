#!/usr/bin/env bash
# The SCORM 1.2 package of the shipped course (`course-engine scorm`), at
# target/scorm/<course id>-scorm12.zip, and target/scorm-site/ (a test LMS page with
# scorm-again framing the unpacked package) for the end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh serve >/dev/null
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

id=$(sed -n 's/^id = "\(.*\)"/\1/p' course/course.toml | head -n 1)
zip="target/scorm/$id-scorm12.zip"
cargo run --locked --quiet -- scorm course --out "$zip"

rm -rf target/scorm-site
mkdir -p target/scorm-site/pkg
python3 -m zipfile -e "$zip" target/scorm-site/pkg
cp tests/scorm/host.html target/scorm-site/index.html
cp node_modules/scorm-again/dist/scorm12.min.js target/scorm-site/
echo "SCORM 1.2 package: $zip"
