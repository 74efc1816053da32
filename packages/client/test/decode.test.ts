// The one text decoder of the repository (decodeText, encodingOf), as verify and the CLI use it.
import { describe, expect, it } from "vitest";
import { declaredCharsetOf, decodeText, encodingOf, InvalidArgumentError } from "../src/index.js";

const utf16le = (text: string) => new Uint8Array(Buffer.from(text, "utf16le"));
const withBom = (bom: number[], bytes: Uint8Array) => Uint8Array.from([...bom, ...bytes]);

describe("decodeText", () => {
  it.each([
    [
      "a UTF-16LE BOM, declared utf-16",
      withBom([0xff, 0xfe], utf16le("é\t1")),
      "text/csv;charset=utf-16",
      "utf-16le",
      "utf-16le",
      "utf-16le",
    ],
    [
      "a UTF-8 BOM that contradicts the declared charset",
      withBom([0xef, 0xbb, 0xbf], new TextEncoder().encode("é")),
      "text/csv; charset=UTF-16LE",
      "utf-8",
      "utf-8",
      "utf-16le",
    ],
    [
      "a UTF-16BE BOM, nothing declared",
      Uint8Array.from([0xfe, 0xff, 0, 0x41]),
      "text/csv",
      "utf-16be",
      "utf-16be",
      undefined,
    ],
    ["UTF-16LE without BOM or charset", utf16le("AB"), undefined, "utf-16le", undefined, undefined],
    [
      "plain UTF-8, declared utf8",
      new TextEncoder().encode("é\t1"),
      'application/json; charset="utf8"',
      "utf-8",
      undefined,
      "utf-8",
    ],
  ])("%s", (_name, bytes, contentType, charset, bom, declaredCharset) => {
    const decoded = decodeText(bytes, contentType);
    expect(decoded).toEqual({
      text: new TextDecoder(charset).decode(bytes),
      charset,
      ...(bom ? { bom } : {}),
      ...(declaredCharset ? { declaredCharset } : {}),
    });
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("sniffUtf16: false decodes exactly as declared", () => {
    expect(decodeText(utf16le("AB"), "text/csv;charset=utf-8", { sniffUtf16: false })).toEqual({
      text: "A\0B\0",
      charset: "utf-8",
      declaredCharset: "utf-8",
    });
    expect(decodeText(utf16le("AB"), undefined, { sniffUtf16: false }).charset).toBe("utf-8");
  });

  it("an unsupported charset is an InvalidArgumentError", () => {
    expect(() => decodeText(Uint8Array.from([0x41]), "text/csv;charset=x-klingon")).toThrow(InvalidArgumentError);
  });

  it("encodingOf reads the encoding from the first bytes only", () => {
    expect(encodingOf(Uint8Array.from([0xff, 0xfe]), "text/csv;charset=utf-16")).toEqual({
      charset: "utf-16le",
      bom: "utf-16le",
      declaredCharset: "utf-16le",
    });
    expect(encodingOf(new Uint8Array(0))).toEqual({ charset: "utf-8" });
    expect(declaredCharsetOf("text/csv")).toBeUndefined();
    expect(declaredCharsetOf("text/csv;charset=UTF16")).toBe("utf-16le");
  });
});
