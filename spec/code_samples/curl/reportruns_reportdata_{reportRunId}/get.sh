# One page of a COMPLETED run's rows; raise offset by pageSize until you have read
# "total" rows.
curl -sS -G "$ZUORA_BASE_URL/reportruns/reportdata/ff808081529f4e3401529fd61f080074" \
  -d offset=1 -d pageSize=100 \
  -H "Authorization: Bearer $ZUORA_TOKEN"
# → {"success":true,"response":{"page":[{…},…],"size":100,"offset":1,"total":4}}
