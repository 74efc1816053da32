// Turns whatever body Zuora (or a gateway in front of it) sends with a failure into one readable message.
import { errorClassFor, MAX_BODY, MAX_MESSAGE, type RateLimitInfo, type ZuoraError } from "./errors.js";
import { redactAndClip } from "./redact.js";

/** What an error body says. */
export interface DecodedErrorBody {
  message?: string;
  errorCode?: string;
  errorId?: string;
}

type Json = Record<string, unknown>;

/** `text` parsed as JSON; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const str = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);

function fromJson(value: unknown): DecodedErrorBody | undefined {
  if (typeof value === "string") {
    // Zuora's envelope puts a JSON-encoded ErrorDetail in `response`.
    return fromJson(parseJson(value)) ?? { message: value };
  }
  if (!value || typeof value !== "object") {
    return undefined;
  }
  const body = value as Json;
  const inner = fromJson(body.response);
  if (inner?.message) {
    return inner;
  }
  // Zuora's v1 REST style is { success: false, reasons: [{ code, message }] }; problem+json has title and detail.
  const reason = (Array.isArray(body.reasons) ? body.reasons[0] : body) as Json;
  const message =
    str(reason?.message) ?? str(body.detail) ?? str(body.title) ?? str(body.error_description) ?? str(body.error);
  const code = reason?.errorCode ?? reason?.code;
  return message
    ? { message, errorCode: code == null ? undefined : String(code), errorId: str(body.errorId) }
    : undefined;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", nbsp: " " };

const tag = (name: string, text: string): string | undefined =>
  new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`, "i").exec(text)?.[1];

const plain = (markup: string): string =>
  markup
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? whole)
    .replace(/\s+/g, " ")
    .trim();

/**
 * Decodes an error body: Zuora's JSON envelope, a plain `{message}`, XML `<zanResponse>`, an HTML page or text. The
 * message is not shortened (secrets are hidden before anything is cut; errors cut it after that).
 */
export function decodeErrorBody(text: string): DecodedErrorBody {
  const trimmed = text.trim();
  const json = /^[{["]/.test(trimmed) ? parseJson(trimmed) : undefined;
  if (json !== undefined) {
    // JSON without a message says nothing a status line does not (it stays on the error's `body`).
    return fromJson(json) ?? {};
  }
  if (trimmed[0] === "<") {
    const xml = tag("response", trimmed) ?? tag("message", trimmed);
    if (xml) {
      return fromJson(plain(xml)) ?? {};
    }
    const title = plain(tag("title", trimmed) ?? tag("h1", trimmed) ?? trimmed);
    return title ? { message: title } : {};
  }
  return trimmed ? { message: trimmed.replace(/\s+/g, " ") } : {};
}

const num = (value: string | null): number | undefined => {
  const parsed = Number.parseFloat(value ?? "");
  return Number.isFinite(parsed) ? parsed : undefined;
};

/** Parses the `RateLimit-*` headers; undefined when none is present. */
export function rateLimitOf(headers: Headers): RateLimitInfo | undefined {
  const info: RateLimitInfo = {
    limit: num(headers.get("RateLimit-Limit")),
    remaining: num(headers.get("RateLimit-Remaining")),
    resetSeconds: num(headers.get("RateLimit-Reset")),
  };
  return Object.values(info).some((value) => value !== undefined) ? info : undefined;
}

/** `Retry-After` in seconds (from delta-seconds or an HTTP date), undefined when absent or unreadable. */
export function retryAfterSecondsOf(headers: Headers): number | undefined {
  const value = headers.get("Retry-After") ?? "";
  // A signed number is not delta-seconds, and not a date either (V8's Date.parse reads "-5" as a year).
  if (/^\s*[-+]/.test(value)) {
    return undefined;
  }
  const date = Date.parse(value);
  return /^\s*\d/.test(value) ? num(value) : Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * Builds the typed error for a failed response from its body `text`. Secrets are hidden in the message and in
 * `body` before either is cut to length; `fallback` stands in for a body that says nothing.
 */
export function errorFromResponse(
  response: Response,
  text: string,
  secrets: readonly string[],
  prefix = "",
  fallback = response.statusText || "no error message",
): ZuoraError {
  const { status, headers } = response;
  const decoded = decodeErrorBody(text);
  const code = decoded.errorCode && redactAndClip(decoded.errorCode, secrets, 100);
  const reason = decoded.message ?? fallback;
  return new (errorClassFor(status))(
    redactAndClip(`${prefix}${status}${code ? ` ${code}` : ""}: ${reason}`, secrets, MAX_MESSAGE),
    {
      status,
      errorCode: code,
      errorId: decoded.errorId && redactAndClip(decoded.errorId, secrets, 100),
      requestId: headers.get("Zuora-Request-Id") ?? undefined,
      trackId: headers.get("Zuora-Track-Id") ?? undefined,
      rateLimit: rateLimitOf(headers),
      retryAfterSeconds: retryAfterSecondsOf(headers),
      body: text ? redactAndClip(text, secrets, MAX_BODY) : undefined,
    },
  );
}
