import { createReportingClient } from "@zuora-reports/client";

// The client exchanges the id and secret at POST {host}/oauth/token itself
// (client-credentials grant), caches the token and fetches a new one before it
// expires: you never call this operation yourself.
const client = createReportingClient({
  environment: "us-sandbox",
  // ZUORA_BASE_URL wins when set, e.g. http://127.0.0.1:4010 for `pnpm mock`.
  baseUrl: process.env.ZUORA_BASE_URL,
  auth: {
    clientId: process.env.ZUORA_CLIENT_ID ?? "",
    clientSecret: process.env.ZUORA_CLIENT_SECRET ?? "",
  },
});

// The first call fetches a token.
const run = await client.getReportRun("ff808081529f4e3401529fd61f080074");
console.log(run.status);
