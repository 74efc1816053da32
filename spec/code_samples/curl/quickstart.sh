# Where and who. Against `pnpm mock` any token works. Against Zuora, use your tenant's
# host: e.g. ZUORA_HOST=https://rest.apisandbox.zuora.com and
# ZUORA_BASE_URL=$ZUORA_HOST/reporting/api/rest/v1
export ZUORA_HOST=http://127.0.0.1:4010
export ZUORA_BASE_URL=$ZUORA_HOST
export ZUORA_CLIENT_ID=8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11
export ZUORA_CLIENT_SECRET=your-client-secret

# 1. A bearer token (valid for expires_in seconds, about an hour: reuse it).
export ZUORA_TOKEN=$(curl -sS -X POST "$ZUORA_HOST/oauth/token" \
  --data-urlencode "client_id=$ZUORA_CLIENT_ID" \
  --data-urlencode "client_secret=$ZUORA_CLIENT_SECRET" \
  -d grant_type=client_credentials | jq -r .access_token)

# 2. Run the report: the answer carries the run's id at once.
REPORT_ID=ff808081529f4e3401529fd373730070
RUN_ID=$(curl -sS -X POST \
  "$ZUORA_BASE_URL/reports/$REPORT_ID/reportrun?viewType=Detail" \
  -H "Authorization: Bearer $ZUORA_TOKEN" | jq -r .response.reportRunId)

# 3. Poll until the run leaves STARTED / QUERYDATA / PROCESSINGDATA.
while :; do
  STATUS=$(curl -sS "$ZUORA_BASE_URL/reportruns/$RUN_ID" \
    -H "Authorization: Bearer $ZUORA_TOKEN" | jq -r .response.status)
  echo "$STATUS"
  case "$STATUS" in STARTED | QUERYDATA | PROCESSINGDATA) sleep 5 ;; *) break ;; esac
done

# 4. If it is COMPLETED: the rows as JSON pages (raise offset by pageSize until you
#    have read "total" rows)…
curl -sS -G "$ZUORA_BASE_URL/reportruns/reportdata/$RUN_ID" \
  -d offset=1 -d pageSize=100 -H "Authorization: Bearer $ZUORA_TOKEN"

# 5. …or everything as one file. Zuora sends UTF-16LE, tab-separated text; convert it
#    with: iconv -f UTF-16LE -t UTF-8 report.csv > report-utf8.csv
curl -sS "$ZUORA_BASE_URL/reportruns/export/$RUN_ID" -o report.csv \
  -H "Authorization: Bearer $ZUORA_TOKEN"
