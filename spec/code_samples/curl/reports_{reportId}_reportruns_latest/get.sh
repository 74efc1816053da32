# The latest COMPLETED run of this report by the current user, within the last 60 days.
curl -sS "$ZUORA_BASE_URL/reports/ff808081529f4e3401529fd373730070/reportruns/latest" \
  -H "Authorization: Bearer $ZUORA_TOKEN"
