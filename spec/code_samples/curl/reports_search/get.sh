# Reports whose name matches "invoice", most recently changed first; 50 per call:
# repeat with searchStart=50, 100, … until a call returns fewer than 50.
curl -sS -G "$ZUORA_BASE_URL/reports/search" \
  --data-urlencode query=invoice \
  --data-urlencode 'orderBy=[{"field": "updated_on", "ascend": "false"}]' \
  -d searchStart=0 \
  -H "Authorization: Bearer $ZUORA_TOKEN"
# → {"success":true,"response":{"reports":[{"id":"ff80…0070","name":"Invoice Detail by Account",…},…],"count":2}}
