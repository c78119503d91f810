#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The HTML pages of the Command Center and of a report, rendered in headless Chromium: a
# screenshot of each, and the rendered page's text checked for every section. Without
# Chromium the test fails, saying what to install.
set -uo pipefail
tally="$1" data="$2"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "FAILED: Chromium is needed to check the HTML pages: apt-get install chromium (scripts/setup.sh --tests)"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failed=0
fail() { echo "FAILED: $*"; failed=1; }
"$tally" demo --data "$data" > /dev/null || fail "the demo"
db=(--db tally-demo.db --at 2026-11-06T12:00:00Z)
"$tally" command-center raleigh --html command-center.html "${db[@]}" > /dev/null || fail "command-center --html"
"$tally" report free_goods_credit_status --location raleigh --from 2026-10-01 --to 2026-11-06 --html report.html \
  "${db[@]}" > /dev/null || fail "report --html"
"$tally" command-center raleigh --html /no/such/folder/page.html "${db[@]}" > /dev/null 2> err.txt
[ $? = 66 ] && grep -q "^tally: cannot write '/no/such/folder/page.html'" err.txt || fail "an unwritable page: $(cat err.txt)"

# render PAGE: a screenshot and the DOM as Chromium built it.
render() {
  local page="$1"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --window-size=1200,2000 \
    --screenshot="$work/${page%.html}.png" "file://$work/$page" > /dev/null 2>&1 || fail "chromium could not screenshot $page"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --dump-dom "file://$work/$page" \
    > "${page%.html}.dom" 2> /dev/null || fail "chromium could not load $page"
  python3 - "$work/${page%.html}.png" <<'PY' || fail "the screenshot of $page is not a picture of the page"
import struct, sys
png = open(sys.argv[1], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", png[16:24])
assert (width, height) == (1200, 2000) and len(png) > 20000, (width, height, len(png))
PY
}

# check DOM TEXT...: the rendered page's text (tags dropped, whitespace collapsed) holds each.
check() {
  local dom="$1"; shift
  python3 - "$dom" "$@" <<'PY' || fail "$dom"
import html.parser, sys
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.parts = []; self.ids = set(); self.links = set(); self.skip = False
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs: self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href", "").startswith("#"): self.links.add(attrs["href"][1:])
        for name in ("src", "href"):
            assert not attrs.get(name, "").startswith(("http:", "https:", "//")), f"the page fetches {attrs[name]}"
        self.skip = tag in ("style", "title")
    def handle_endtag(self, tag): self.skip = False
    def handle_data(self, data):
        if not self.skip: self.parts.append(data)
page = Text(); page.feed(open(sys.argv[1]).read())
text = " ".join(" ".join(page.parts).split())
missing = [want for want in sys.argv[2:] if want not in text]
assert not missing, f"not on the page: {missing}\n{text[:3000]}"
assert page.links <= page.ids, f"links to nothing: {page.links - page.ids}"
PY
}

render command-center.html
check command-center.dom "Command Center: raleigh" "as of 2026-11-06" "Action needed: 1" \
  "0 declined credit lines" "0 programs in Temporary Holding" "card on file expires this month" \
  "Declined credit lines" "Programs in Temporary Holding" \
  "Offers from top brands" "Harbor Hound Provisions 40 \$1079.60" "NorthPaw holiday" \
  "Auto-enrollment" "current offers" "upcoming offers" "App users" "6 customers with the app" \
  "Credit status" "free_goods_credit_status, 2026-08-09 to 2026-11-06" "new 8 8 \$205.92" \
  "reconciled 7 7 \$148.93" "total 16 16 \$365.84" "rebate_credit_status"
render report.html
check report.dom "Report: free_goods_credit_status" "location raleigh, 2026-10-01 to 2026-11-06" \
  "Credit status" "complete 1 1 \$10.99" "total 16 16 \$365.84" "eastern / harbor-hound"

[ "$failed" = 0 ] && echo "1 passed, 0 failed"
exit "$failed"
