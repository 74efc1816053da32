# All rows of a COMPLETED run as one file. Zuora sends UTF-16LE, tab-separated text;
# convert it with: iconv -f UTF-16LE -t UTF-8 report.csv > report-utf8.csv
# (the mock sends UTF-8 already).
curl -sS "$ZUORA_BASE_URL/reportruns/export/ff808081529f4e3401529fd61f080074" \
  -H "Authorization: Bearer $ZUORA_TOKEN" \
  -o report.csv
