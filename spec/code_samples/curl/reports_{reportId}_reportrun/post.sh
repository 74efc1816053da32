# Start a Detail run with the report's saved filters (send filter groups instead of []
# to override them). The Idempotency-Key (a new one for each run you mean to start)
# makes a retry safe: Zuora starts at most one run per key.
REPORT_ID=ff808081529f4e3401529fd373730070
curl -sS -X POST "$ZUORA_BASE_URL/reports/$REPORT_ID/reportrun?viewType=Detail" \
  -H "Authorization: Bearer $ZUORA_TOKEN" \
  -H "Idempotency-Key: 7f1c2a64-8f7e-4d55-9d6e-0f7a9b3c1e20" \
  -H "Content-Type: application/json" \
  -d '[]'
# → {"success":true,"response":{"reportRunId":"…"}}
