// Turns whatever body Zuora (or a gateway in front of it) sends with a failure into one readable message.
import { parseJson } from "./internal/json.js";

/** What an error body says. */
export interface DecodedErrorBody {
  message?: string;
  errorCode?: string;
  errorId?: string;
}

type Json = Record<string, unknown>;

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

/** Comments, scripts and styles, with their contents: never part of a message. */
const HIDDEN = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi;

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
    const markup = trimmed.replace(HIDDEN, " ");
    const xml = tag("response", markup) ?? tag("message", markup);
    if (xml) {
      return fromJson(plain(xml)) ?? {};
    }
    // The title, else the first heading, else the page's text.
    const message = [tag("title", markup), tag("h[1-6]", markup), markup]
      .map((part) => plain(part ?? ""))
      .find(Boolean);
    return message ? { message } : {};
  }
  return trimmed ? { message: trimmed.replace(/\s+/g, " ") } : {};
}
