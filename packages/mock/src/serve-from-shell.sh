#!/usr/bin/env bash
# Drives `nexus-mock serve` from outside JavaScript, with curl and python3's standard library only,
# as a partner's CI in another language would. Usage: serve-from-shell.sh <command…> (the command
# that runs `nexus-mock`, e.g. `npx nexus-mock`); it starts `serve --port 0` and stops it at the end.
set -euo pipefail

out="$(mktemp)"
"$@" serve --port 0 >"$out" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$out"' EXIT

# The first line says where the sandbox listens: NEXUS_BASE_URL=… NEXUS_API_KEY=… NEXUS_MOCK_CONTROL=…
for _ in $(seq 1 600); do
  line="$(grep -m1 '^NEXUS_BASE_URL=.* NEXUS_MOCK_CONTROL=' "$out" || true)"
  [ -n "$line" ] && break
  kill -0 "$server" 2>/dev/null || { echo "nexus-mock serve exited early" >&2; exit 1; }
  sleep 0.1
done
[ -n "$line" ] || { echo "nexus-mock serve printed no address" >&2; exit 1; }
eval "export $line"

fail() { echo "FAIL: $*" >&2; exit 1; }
# `get data.0.sku` prints that field of the JSON on stdin.
get() {
  python3 -c 'import json, sys
value = json.load(sys.stdin)
for key in sys.argv[1].split("."):
    value = value[int(key)] if isinstance(value, list) else value[key]
print(value if isinstance(value, str) else json.dumps(value))' "$1"
}
# `api METHOD PATH [BODY]`: a Partner API call; prints the body, then the status on its own line.
api() {
  local args=(-s -w '\n%{http_code}' -X "$1" -H "Authorization: Bearer $NEXUS_API_KEY")
  [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' -H "Idempotency-Key: shell-$RANDOM-$RANDOM" -d "$3")
  curl "${args[@]}" "$NEXUS_BASE_URL/v1$2"
}
control() {
  local args=(-s -w '\n%{http_code}' -X "$1")
  [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' -d "$3")
  curl "${args[@]}" "$NEXUS_MOCK_CONTROL$2"
}
status() { tail -n 1 <<<"$1"; }
body() { sed '$d' <<<"$1"; }
product='{"sku":"SHELL-1","title":"Filter Coffee 500 g","price":"399.00","currency":"INR","tax_rate":"5.00"}'

# 1. Create → the list shows it → reset → gone.
[ "$(status "$(api POST /products "$product")")" = 201 ] || fail "create product"
listed="$(api GET '/products?search=SHELL-1')"
[ "$(body "$listed" | get data.0.sku)" = SHELL-1 ] || fail "list shows the new product"
[ "$(status "$(control POST /reset)")" = 200 ] || fail "reset"
[ "$(status "$(api GET /products/SHELL-1)")" = 404 ] || fail "the product is gone after a reset"
echo "ok - create, list, reset, gone"

# 2. A scenario makes the next call 429 with Retry-After.
[ "$(status "$(control POST /scenarios '{"name":"rate_limited","retry_after_sec":4,"times":1}')")" = 201 ] || fail "apply scenario"
headers="$(curl -s -D - -o /dev/null -H "Authorization: Bearer $NEXUS_API_KEY" "$NEXUS_BASE_URL/v1/products?limit=1")"
grep -q '^HTTP/1.1 429' <<<"$headers" || fail "the next call is 429"
grep -qi '^retry-after: 4' <<<"$headers" || fail "the 429 carries Retry-After: 4"
[ "$(status "$(api GET '/products?limit=1')")" = 200 ] || fail "the call after it is 200"
echo "ok - rate_limited: 429 with Retry-After"

# 3. A held job steps to completion.
control POST /jobs/hold >/dev/null
accepted="$(api POST /products/batch '{"items":[{"sku":"SHELL-B1","title":"Rava 1 kg","price":"80.00","currency":"INR","tax_rate":"5.00"},{"sku":"SHELL-B2","title":"Poha 1 kg","price":"70.00","currency":"INR","tax_rate":"5.00"}]}')"
[ "$(status "$accepted")" = 202 ] || fail "batch accepted"
job="$(body "$accepted" | get data.job_id)"
[ "$(body "$(api GET "/jobs/$job")" | get data.status)" = queued ] || fail "a held job stays queued"
[ "$(body "$(control POST "/jobs/$job/step" '{"records":1}')" | get data.job.status)" = running ] || fail "one step: running"
[ "$(body "$(control POST "/jobs/$job/step" '{"records":1}')" | get data.job.status)" = succeeded ] || fail "second step: succeeded"
[ "$(body "$(api GET "/jobs/$job")" | get data.status)" = succeeded ] || fail "the API shows it succeeded"
control POST /jobs/release >/dev/null
echo "ok - held job stepped to completion"

# 4. A recorded delivery's Standard Webhooks signature verifies with the secret.
api POST /products "$product" >/dev/null
body "$(control GET '/webhooks?type=product.created')" | python3 -c '
import base64, hashlib, hmac, json, sys
listed = json.load(sys.stdin)
hook = listed["data"][-1]  # the newest: the batch above created products too
key = base64.b64decode(listed["meta"]["secret"].removeprefix("whsec_"))
headers = hook["headers"]
signed = "{}.{}.{}".format(headers["webhook-id"], headers["webhook-timestamp"], hook["body"]).encode()
expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
given = [s.split(",", 1)[1] for s in headers["webhook-signature"].split(" ") if s.startswith("v1,")]
assert any(hmac.compare_digest(expected, g) for g in given), "signature does not verify"
assert json.loads(hook["body"])["data"]["sku"] == "SHELL-1", "body names the product"
' || fail "the recorded webhook verifies"
echo "ok - webhook signature verifies"

# 5. The API reference page.
[ "$(curl -s -o /dev/null -w '%{http_code}' "$NEXUS_BASE_URL/docs")" = 200 ] || fail "/docs"
echo "ok - /docs"
