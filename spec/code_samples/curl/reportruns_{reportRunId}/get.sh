# Poll until "status" is COMPLETED, CANCELLED, INVALID or ERROR.
curl -sS "$ZUORA_BASE_URL/reportruns/ff808081529f4e3401529fd61f080074" \
  -H "Authorization: Bearer $ZUORA_TOKEN"
# → {"success":true,"response":{"id":"ff80808…","status":"COMPLETED",…}}
