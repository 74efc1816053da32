// What makes an export suspicious: no bytes at all (Zuora always sends at least a header line), or a header line
// and nothing else (a report whose filters matched nothing), which a person should hear about as "0 rows".

/** Counts the non-blank lines of text passing through, up to 2 (a header and one row is all it needs to know). */
export class LineCount {
  private count = 0;
  private current = "";

  /** Passes `chunks` through unchanged, counting as they go. */
  async *watch<T extends string | Uint8Array>(chunks: AsyncIterable<T>): AsyncIterable<T> {
    for await (const chunk of chunks) {
      if (typeof chunk === "string" && this.count < 2) {
        this.add(chunk);
      }
      yield chunk;
    }
  }

  /** True when the text had exactly one non-blank line: a header, no rows. */
  get headerOnly(): boolean {
    return this.count + (this.current.trim() === "" ? 0 : 1) === 1;
  }

  private add(text: string): void {
    const lines = (this.current + text).split("\n");
    this.current = lines.pop() ?? "";
    this.count += lines.filter((line) => line.trim() !== "").length;
    // Only whether the line in progress is blank matters: keep a short tail, not a whole long line.
    this.current = this.current.trim() === "" ? "" : "x";
  }
}

/** The message for an export that came back with zero bytes. */
export function emptyExportMessage(runId: string, where: string): string {
  return `The export of report run ${runId} is empty (0 bytes; Zuora always sends at least a header line): ${where}.`;
}
