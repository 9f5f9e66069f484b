#!/usr/bin/env bash
# Diary writes per second through the REST API, with real ES256 bearer tokens (issue 8, section 6).
# A fresh store holding one sample patient (SQLite by default; a PostgreSQL connection string as the third argument),
# the service on 127.0.0.1 trusting a JWKS this script makes (a throw-away P-256 key), and `hey` POSTing diary entries
# as a clinician whose token names the patient. Prints hey's summary, then the entries the store holds.
# Usage: benchmarks/store/diary-writes.sh [seconds=15] [concurrency=8] [store=fresh SQLite file]
# Needs: a Release build of src/Relief.Cli and src/Relief.Service, hey (/usr/bin/hey), openssl, python3, curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}; concurrency=${2:-8}; port=5197
work=$(mktemp -d)
store=${3:-$work/relief.db}
service=
trap '[ -n "$service" ] && { kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; }; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
if curl -s -o /dev/null "$base/healthz"; then echo "diary-writes: port $port is already in use" >&2; exit 1; fi

# The identity provider: a P-256 key, its JWKS, and one ES256 token (clinician, panel = the sample patient, 1 h).
openssl ecparam -name prime256v1 -genkey -noout -out "$work/key.pem" 2>/dev/null
pub_hex=$(openssl ec -in "$work/key.pem" -pubout -outform DER 2>/dev/null | tail -c 65 | od -An -tx1 | tr -d ' \n')
b64url() { python3 -c 'import base64,sys; print(base64.urlsafe_b64encode(sys.stdin.buffer.read()).rstrip(b"=").decode())'; }
x=$(printf '%s' "${pub_hex:2:64}" | xxd -r -p | b64url); y=$(printf '%s' "${pub_hex:66:64}" | xxd -r -p | b64url)
printf '{"keys":[{"kty":"EC","crv":"P-256","kid":"load","use":"sig","alg":"ES256","x":"%s","y":"%s"}]}' "$x" "$y" >"$work/jwks.json"
now=$(date +%s)
header=$(printf '{"alg":"ES256","typ":"JWT","kid":"load"}' | b64url)
payload=$(printf '{"iss":"https://idp.load.test","aud":"relief-api","sub":"load-clinician","role":"clinician","patients":["raom-patient"],"iat":%d,"exp":%d}' "$now" $((now + 3600)) | b64url)
# openssl writes an ASN.1 DER signature; JWS ES256 wants r || s, 32 bytes each.
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/key.pem" | python3 -c '
import base64, sys
der = sys.stdin.buffer.read()
i = 2
def integer(i):
    length = der[i + 1]
    value = der[i + 2:i + 2 + length].lstrip(b"\0").rjust(32, b"\0")
    return value, i + 2 + length
r, i = integer(i)
s, i = integer(i)
print(base64.urlsafe_b64encode(r + s).rstrip(b"=").decode())')
token="$header.$payload.$signature"

src/Relief.Cli/bin/Release/net10.0/relief patients import samples/rheumatoid-arthritis-on-methotrexate.json --store "$store" >/dev/null
dotnet src/Relief.Service/bin/Release/net10.0/Relief.Service.dll --Relief:Port=$port --Relief:Store="$store" \
  --Relief:Auth:Users:Issuers:0=https://idp.load.test --Relief:Auth:Users:Jwks:0="$work/jwks.json" \
  --Relief:Knowledge="$PWD/knowledge" >"$work/service.log" 2>&1 &
service=$!
for _ in $(seq 1 240); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done

auth="Authorization: Bearer $token"
url="$base/api/patients/raom-patient/diary"
body='{"pain": 5, "fatigue": 6, "sleepHours": 6.5, "bodySites": ["back"], "painQualities": ["aching"]}'
# The token must pass and a write must succeed before anything is timed (a 401 would otherwise be "fast").
code=$(curl -s -o "$work/first.json" -w '%{http_code}' -H "$auth" -H 'Content-Type: application/json' -d "$body" "$url")
[ "$code" = 201 ] || { echo "diary-writes: the first write answered $code: $(cat "$work/first.json")" >&2; tail -5 "$work/service.log" >&2; exit 1; }
for _ in $(seq 1 20); do curl -s -o /dev/null -H "$auth" -H 'Content-Type: application/json' -d "$body" "$url"; done   # warm-up

hey -z "${seconds}s" -c "$concurrency" -m POST -H "$auth" -T application/json -d "$body" "$url"
echo "diary entries stored: $(curl -s -H "$auth" "$url?size=1000" | grep -o '"id":' | wc -l) (first 1000 counted)"
