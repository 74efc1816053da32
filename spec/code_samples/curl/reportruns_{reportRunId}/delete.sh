# Cancel a run that has not finished yet.
curl -sS -X DELETE "$ZUORA_BASE_URL/reportruns/ff808081529f4e3401529fd61f080074" \
  -H "Authorization: Bearer $ZUORA_TOKEN"
# → {"success":true,"response":"The report run has been canceled"}
