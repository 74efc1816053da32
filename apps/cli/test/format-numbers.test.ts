// withNumbers: which cells `data --numbers` turns into numbers.
import { describe, expect, it } from "vitest";
import { withNumbers } from "../src/format/numbers.js";

const format = { thousands: ",", decimal: "." };

describe("withNumbers", () => {
  it("converts formatted numbers and keeps everything else", () => {
    expect(
      withNumbers(
        {
          amount: "1,729.76",
          negative: "-120.2",
          date: "Dec 7, 2013 2:18:00 PM",
          blank: "",
          zip: "02134",
          padded: "000123",
          huge: "123456789012345678",
          zero: "0",
          fraction: "0.5",
          already: 5,
          flag: true,
          none: null,
        },
        format,
      ),
    ).toEqual({
      amount: 1729.76,
      negative: -120.2,
      date: "Dec 7, 2013 2:18:00 PM",
      blank: "",
      zip: "02134",
      padded: "000123",
      huge: "123456789012345678",
      zero: 0,
      fraction: 0.5,
      already: 5,
      flag: true,
      none: null,
    });
  });
});
