# On the host itself ($ZUORA_HOST, without the /reporting/api/rest/v1 base path), with
# no Authorization header. Reuse the token until it expires (expires_in seconds): this
# endpoint is rate limited per IP address.
curl -sS -X POST "$ZUORA_HOST/oauth/token" \
  --data-urlencode "client_id=$ZUORA_CLIENT_ID" \
  --data-urlencode "client_secret=$ZUORA_CLIENT_SECRET" \
  -d grant_type=client_credentials
# → {"access_token":"…","token_type":"bearer","expires_in":3599,"scope":"…","jti":"…"}
