// Secrets are hidden in every form a server may echo them in, before anything is cut to length.
import { seedRun } from "@zuora-reports/conformance";
import { startFaultServer } from "@zuora-reports/mock/testing";
import { describe, expect, it } from "vitest";
import { createReportingClient, redactSecrets, type ZuoraError } from "../src/index.js";

const { reportRunId: RUN_ID } = seedRun();

// The caps of errors.ts (written out, so this test also runs against code that has none).
const MAX_MESSAGE = 500;
const MAX_BODY = 8192;

// Zuora's secrets contain + / = ; % and a space make every URL encoding differ from the raw text.
const SECRET = 'Zq9+/w=%Kp L0"x';
const formEncoded = new URLSearchParams({ s: SECRET }).toString().slice(2);

/** Every form a server may echo: raw, URL-encoded (%20 or + for the space, upper or lower case), JSON-escaped. */
const FORMS = [
  SECRET,
  encodeURIComponent(SECRET),
  encodeURIComponent(SECRET).toLowerCase().replace(/zq9/, "Zq9").replace(/kp/, "Kp").replace(/l0/, "L0"),
  formEncoded,
  JSON.stringify(SECRET).slice(1, -1),
  JSON.stringify(SECRET).slice(1, -1).replaceAll("/", "\\/").replaceAll("=", "\\u003d"),
];

describe("redactSecrets", () => {
  it.each(FORMS)("hides the form %s", (form) => {
    expect(redactSecrets(`before ${form} after`, [SECRET])).toBe("before [redacted] after");
  });

  it("hides the base64 of a Basic auth header, wherever the secret sits in it", () => {
    for (const user of ["u", "us", "usr", "user-name"]) {
      const header = `Basic ${btoa(`${user}:${SECRET}`)}`;
      const shown = redactSecrets(`got ${header} here`, [SECRET]);
      expect(shown).toContain("[redacted]");
      // What is left of the base64 is at most the part that encodes the user name.
      expect(shown.replace(/^got Basic /, "").split("[redacted]")[0]?.length).toBeLessThanOrEqual(
        Math.ceil(((user.length + 1) * 4) / 3),
      );
    }
  });

  it("hides every secret given, and ignores ones too short to be secrets", () => {
    expect(redactSecrets("tok-123 and pw-4567 and abc", ["tok-123", "pw-4567", "abc"])).toBe(
      "[redacted] and [redacted] and abc",
    );
    expect(redactSecrets("nothing to hide", [])).toBe("nothing to hide");
  });

  it("hides a secret with characters btoa cannot encode (no base64 form is looked for)", () => {
    expect(redactSecrets("key=日本語ab!", ["日本語ab"])).toBe("key=[redacted]!");
  });
});

describe("errors from servers that echo a secret", () => {
  // The first characters of each form: what a cut made before redaction would leak.
  const heads = [...new Set(FORMS.map((form) => form.slice(0, 3)))];

  /** A client authenticating with SECRET as its token, against a server answering 400 with `bodies[i]`. */
  async function echoing(bodies: string[], contentType = "text/plain") {
    const server = await startFaultServer((_req, res, i) => {
      res.writeHead(400, { "Content-Type": contentType });
      res.end(bodies[i]);
    });
    const client = createReportingClient({ baseUrl: server.url, auth: { token: SECRET } });
    const errors: ZuoraError[] = [];
    for (const _ of bodies) {
      errors.push(
        await client.getReportRun(RUN_ID).then(
          () => expect.unreachable(),
          (e: ZuoraError) => e,
        ),
      );
    }
    return errors;
  }

  /** Bodies that put `form` across every position from `cut - form.length - 2` to `cut + 2`. */
  const straddling = (cut: number, wrap = (text: string) => text) =>
    FORMS.flatMap((form) =>
      Array.from({ length: form.length + 5 }, (_, i) =>
        wrap(`${"x".repeat(cut - form.length - 2 + i)}${form}${"y".repeat(600)}`),
      ),
    );

  it("no secret straddling the cut of a message leaks its first characters", async () => {
    for (const error of await echoing(straddling(MAX_MESSAGE - "400: ".length))) {
      for (const head of heads) {
        expect(error.message).not.toContain(head);
      }
      expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
    }
  });

  it("nor one straddling where an HTML title is cut, nor one in the capped body", async () => {
    const html = (text: string) => `<html><head><title>${text}</title></head></html>`;
    const errors = [
      ...(await echoing(straddling(200, html), "text/html")),
      ...(await echoing(straddling(MAX_BODY - "<html><head><title>".length, html), "text/html")),
    ];
    for (const error of errors) {
      for (const head of heads) {
        expect(`${error.message} ${error.body}`).not.toContain(head);
      }
      expect(error.body?.length).toBeLessThanOrEqual(MAX_BODY);
    }
  });

  it("hides a secret in a JSON message, in Zuora's doubly encoded envelope too", async () => {
    const inner = JSON.stringify({ message: `Bad secret ${SECRET}`, errorCode: "ZAN-USAGE-REST-ERROR" });
    const [error] = await echoing([JSON.stringify({ success: false, response: inner })], "application/json");
    expect(error?.message).toBe("400 ZAN-USAGE-REST-ERROR: Bad secret [redacted]");
    expect(error?.body).toContain("Bad secret [redacted]");
    expect(error?.body).not.toMatch(/Zq9/);
  });
});
