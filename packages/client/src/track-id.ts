/** Whether `value` may be sent as `Zuora-Track-Id`: 1-64 printable US-ASCII characters, none of `:` `;` `"` `'`. */
export const isTrackId = (value: unknown): value is string =>
  typeof value === "string" && /^[\x20-\x7e]{1,64}$/.test(value) && !/[:;"']/.test(value);
