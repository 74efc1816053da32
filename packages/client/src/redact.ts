// Hides secrets in text that leaves the client: an error message, an error body. A server may echo a credential in
// any encoding (a token endpoint echoing its form body, a JSON error quoting a header), so each secret is matched raw,
// URL-encoded (`%2B`, `%2b`, `+` or `%20` for a space), JSON-escaped (`\"`, `\/`, `\u003d`, also twice) and base64-encoded
// (inside a Basic auth header), in any mix.
const escapeRegex = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

/** One character of a secret, in each of its encodings (letters, digits and non-ASCII characters have one). */
function charPattern(char: string): string {
  if (/[^\W_]|[^\0-\x7f]/.test(char)) {
    return char;
  }
  const [high, low = ""] = char.charCodeAt(0).toString(16).padStart(2, "0");
  const hex = `${high}[${low}${low.toUpperCase()}]`;
  const raw = escapeRegex(char);
  // JSON escapes may be doubled: Zuora's envelope carries JSON inside a JSON string.
  return `(?:${raw}|%${hex}|(?:\\\\)+(?:u00${hex}|${raw})${char === " " ? "|\\+" : ""})`;
}

/**
 * The parts of base64 text that encode `secret` wherever it sits in the encoded bytes (three alignments), with up to
 * three characters around them that mix in its first and last bits.
 */
function base64Patterns(secret: string): string[] {
  if (typeof btoa !== "function" || /[^\x20-\x7e]/.test(secret)) {
    return [];
  }
  return [0, 1, 2]
    .map((shift) => btoa("\0".repeat(shift) + secret).slice(shift && shift + 1, ((shift + secret.length) / 3) << 2))
    .filter((core) => core.length >= 6)
    .map((core) => `[A-Za-z0-9+/]{0,3}${escapeRegex(core)}[A-Za-z0-9+/]{0,3}={0,2}`);
}

/** Replaces every form of every secret (of 4 characters or more) in `text` by `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const patterns = secrets
    .filter((secret) => secret.length > 3)
    .flatMap((secret) => [[...secret].map(charPattern).join(""), ...base64Patterns(secret)]);
  return patterns.length ? text.replace(new RegExp(patterns.join("|"), "g"), "[redacted]") : text;
}
