// What decodeErrorBody makes of the bodies gateways and Zuora send with a failure: the readable message, and nothing
// made up when the body says nothing.
import { describe, expect, it } from "vitest";
import { decodeErrorBody } from "../src/index.js";

describe("decodeErrorBody", () => {
  it.each<[string, string, ReturnType<typeof decodeErrorBody>]>([
    ["a bare JSON null or number is text", "null", { message: "null" }],
    ["a null response in the envelope", '{"success":false,"response":null,"message":"m"}', { message: "m" }],
    ["an empty reasons list, with a detail", '{"success":false,"reasons":[],"detail":"d"}', { message: "d" }],
    ["an empty reasons list alone", '{"success":false,"reasons":[]}', {}],
    ["a message that is not a string", '{"message":42,"detail":"the detail"}', { message: "the detail" }],
    ["an empty message", '{"message":"","title":"the title"}', { message: "the title" }],
    [
      "OAuth's error_description",
      '{"error":"invalid_client","error_description":"Bad client"}',
      { message: "Bad client" },
    ],
    ["OAuth's bare error", '{"error":"invalid_client"}', { message: "invalid_client" }],
    ["a numeric code", '{"message":"m","code":0}', { message: "m", errorCode: "0" }],
    ["plain text with an entity stays as it is", "a &amp; b <not markup", { message: "a &amp; b <not markup" }],
    ["an XML <message>", "<error><code>X1</code><message>Not allowed</message></error>", { message: "Not allowed" }],
    [
      "markup inside an XML <response>",
      "<zanResponse><response><b>Bad</b> id</response></zanResponse>",
      { message: "Bad id" },
    ],
    [
      "an upper-case <TITLE>",
      "<HTML><HEAD><TITLE>503 Unavailable</TITLE></HEAD><BODY>nginx</BODY></HTML>",
      { message: "503 Unavailable" },
    ],
    [
      "an <h1> without a title",
      "<html><body><h1>Gateway   Timeout</h1><p>nginx</p></body></html>",
      { message: "Gateway Timeout" },
    ],
    [
      "tags inside the title become spaces",
      "<title>Bad<br/>Gateway <em>now</em></title>",
      { message: "Bad Gateway now" },
    ],
    [
      "every entity",
      "<title>&lt;a&gt; &quot;q&quot; &apos;s&#39; x&nbsp;y &AMP; &unknown;</title>",
      { message: "<a> \"q\" 's' x y & &unknown;" },
    ],
    ["markup without any text", "<html><body></body></html>", {}],
  ])("%s", (_name, body, decoded) => {
    expect(decodeErrorBody(body)).toEqual(decoded);
  });
});
