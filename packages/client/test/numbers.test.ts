// parseZuoraNumber: the tenant's number formatting, read back into numbers, and everything else refused.
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, parseZuoraNumber } from "../src/index.js";

describe("parseZuoraNumber", () => {
  it.each([
    ["1,729.76", 1729.76],
    ["900.00", 900],
    ["-120.2", -120.2],
    ["1,430.5", 1430.5],
    ["+5", 5],
    ["0", 0],
    ["1,234,567.891", 1234567.891],
    ["1234567", 1234567],
    [".5", 0.5],
    ["  42  ", 42],
  ])("reads %j in Zuora's default format as %d", (text, expected) => {
    expect(parseZuoraNumber(text)).toBe(expected);
  });

  it.each([
    ["1.729,76", { thousands: ".", decimal: "," }, 1729.76],
    ["1.729,76", { decimal: "," }, 1729.76],
    ["-0,5", { decimal: "," }, -0.5],
    ["1 729,76", { thousands: " ", decimal: "," }, 1729.76],
    ["1\u00a0729,76", { thousands: " ", decimal: "," }, 1729.76],
    ["1'729.76", { thousands: "'" }, 1729.76],
    ["1729.76", { thousands: "" }, 1729.76],
  ])("reads %j with %j", (text, format, expected) => {
    expect(parseZuoraNumber(text, format)).toBe(expected);
  });

  it.each(["", "   ", null, undefined])("an empty cell (%j) is undefined, not 0", (value) => {
    expect(parseZuoraNumber(value)).toBeUndefined();
  });

  it.each([
    ["a date", "Dec 7, 2013 2:18:00 PM"],
    ["an id", "2c90838f42cf16030142cf215ecb0014"],
    ["a misplaced separator", "1,72"],
    ["a group too long", "1,7290.5"],
    ["a decimal comma read with the default format", "1.729,76"],
    ["two decimal points", "1.2.3"],
    ["a currency code", "USD 900.00"],
    ["a currency symbol", "$900.00"],
    ["a percent sign", "12%"],
    ["an exponent", "1e5"],
    ["parentheses", "(120.20)"],
    ["a sign alone", "-"],
    ["a separator alone", ","],
    ["a trailing decimal point", "5."],
    ["text", "N/A"],
  ])("%s (%j) is NaN, never a guess", (_what, text) => {
    expect(parseZuoraNumber(text)).toBeNaN();
  });

  it("refuses the thousands format of the other convention", () => {
    expect(parseZuoraNumber("1,729.76", { decimal: "," })).toBeNaN();
    expect(parseZuoraNumber("1,729", { decimal: "," })).toBe(1.729);
  });

  it("passes a number through (the spec's example has an unquoted 1729.76)", () => {
    expect(parseZuoraNumber(1729.76)).toBe(1729.76);
  });

  it.each([
    [{ decimal: ";" }, /thousands "," and decimal ";"/],
    [{ thousands: ".", decimal: "." }, /thousands "\." and decimal "\."/],
    [{ thousands: "ab" }, /thousands "ab"/],
    [{ thousands: "1" }, /thousands "1"/],
  ])("a format it cannot read unambiguously (%j) is an InvalidArgumentError", (format, message) => {
    expect(() => parseZuoraNumber("1", format)).toThrow(InvalidArgumentError);
    expect(() => parseZuoraNumber("1", format)).toThrow(message);
  });
});
