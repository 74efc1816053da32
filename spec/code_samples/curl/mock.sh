# Against `pnpm mock`: the Prefer header picks one of the spec's examples instead of
# the simulation's answer.
curl -sS http://127.0.0.1:4010/reportruns/ff808081529f4e3401529fd61f080074 \
  -H "Authorization: Bearer any-token" -H "Prefer: example=processingdata"
# → {"success":true,"response":{…,"status":"PROCESSINGDATA",…}}

curl -sS -G -H "Authorization: Bearer any-token" -H "Prefer: example=empty" \
  http://127.0.0.1:4010/reportruns/reportdata/ff808081529f4e3401529fd61f080074 \
  -d offset=1 -d pageSize=100
# → {"success":true,"response":{"page":[],"size":100,"offset":1,"total":0}}

curl -sS -i http://127.0.0.1:4010/reportruns/ff808081529f4e3401529fd61f080074 \
  -H "Authorization: Bearer any-token" -H "Prefer: code=429"
# → HTTP/1.1 429 Too Many Requests, with Retry-After and RateLimit-* headers

curl -sS http://127.0.0.1:4010/reportruns/ff808081529f4e3401529fd61f080074
# → 401 {"message":"Authentication error"}: no credentials
