// A fake Zuora export for in-process tests: its body streams the given chunks one pull at a time, so a test can act
// between them (a Ctrl-C mid-download, a folder appearing before the rename) from the stream's own events.
import type { ExportKind, ReportExport } from "@zuora-reports/client";

export interface FakeExportOptions {
  /** The pull that fails instead of sending chunk number `failAfter` (a connection dropped midway). */
  failAfter?: number;
  kind?: ExportKind;
  /** Defaults to text/csv for text, application/vnd.ms-excel otherwise. */
  contentType?: string;
  charset?: string;
  /** Called on the pull that would send chunk `index` (`index === chunks.length`: the pull that ends the body). */
  onPull?: (index: number) => void | Promise<void>;
  /** The request's signal: once aborted, the body fails with its reason, as the client's body does. */
  signal?: AbortSignal;
}

/** An export whose body is `chunks` (text is sent as UTF-8 bytes); `rows()` splits the text on tabs. */
export function exportOf(chunks: readonly (string | Uint8Array)[], options: FakeExportOptions = {}): ReportExport {
  const { failAfter, kind = "text", charset = "utf-8", onPull, signal } = options;
  const bytes = chunks.map((chunk) => (typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await onPull?.(sent);
      if (signal?.aborted) {
        controller.error(signal.reason);
        return;
      }
      if (failAfter !== undefined && sent === failAfter) {
        controller.error(new TypeError("terminated"));
        return;
      }
      const chunk = bytes[sent++];
      if (chunk === undefined) {
        controller.close();
        return;
      }
      controller.enqueue(chunk);
    },
  });
  const text = () => Buffer.concat(bytes).toString("utf8");
  return {
    body,
    contentType: options.contentType ?? (kind === "text" ? "text/csv" : "application/vnd.ms-excel"),
    kind,
    charset,
    text: async () => text(),
    rows: async () =>
      text()
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => line.split("\t")),
  };
}
