import { seedRun } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { decodeErrorBody, InternalServerError } from "../src/index.js";
import { failure, faultClient } from "./support/client.js";

const { reportRunId: RUN_ID } = seedRun();

/** The 502 page of issue 18: no title, a script of 500+ characters before the text. */
const UPSTREAM_502 = `<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <style>body { font-family: sans-serif; } h1 { color: #c00; }</style>
  <!-- upstream: 10.0.0.7:8080, retry budget spent -->
</head>
<body>
  <script>${"x=1;".repeat(150)}</script>
  <p>Upstream
     error</p>
  <script type="text/javascript">window.location.reload(true);</script>
</body>
</html>`;

describe("decodeErrorBody", () => {
  it("Zuora's envelope with a JSON-encoded response", () => {
    const body = JSON.stringify({
      success: false,
      response:
        '{\n "errorId" : "E-1",\n "message" : "The report with ID abc does not exist.",\n "errorCode" : "ZAN-USAGE-REST-ERROR"\n}',
      links: null,
    });
    expect(decodeErrorBody(body)).toEqual({
      errorId: "E-1",
      message: "The report with ID abc does not exist.",
      errorCode: "ZAN-USAGE-REST-ERROR",
    });
  });

  it("the gateway's plain message, with or without a code", () => {
    expect(decodeErrorBody('{"message":"Authentication error"}')).toMatchObject({ message: "Authentication error" });
    expect(decodeErrorBody('{"code":"REQUEST_EXCEEDED_LIMIT","message":"Too many."}')).toMatchObject({
      message: "Too many.",
      errorCode: "REQUEST_EXCEEDED_LIMIT",
    });
  });

  it("XML zanResponse", () => {
    const xml =
      '<?xml version="1.0"?><zanResponse success="false"><response xsi:type="xs:string">{ "errorId" : "E-2", "message" : "Token could not be decrypted.", "errorCode" : "loginFailed" }</response></zanResponse>';
    expect(decodeErrorBody(xml)).toEqual({
      errorId: "E-2",
      message: "Token could not be decrypted.",
      errorCode: "loginFailed",
    });
  });

  it("XML with entities in a plain message", () => {
    expect(decodeErrorBody("<zanResponse><response>Bad &quot;id&quot; &amp; more</response></zanResponse>")).toEqual({
      message: 'Bad "id" & more',
    });
  });

  it("an HTML page: its title", () => {
    expect(
      decodeErrorBody("<!DOCTYPE html><html><head><title>Bad Request</title></head><body>…</body></html>"),
    ).toEqual({
      message: "Bad Request",
    });
    expect(decodeErrorBody("<html><body><h1>Service &amp; Gateway down</h1></body></html>")).toEqual({
      message: "Service & Gateway down",
    });
  });

  it("v1 REST reasons, problem+json, plain text and empty bodies", () => {
    expect(decodeErrorBody('{"success":false,"reasons":[{"code":53100020,"message":"Invalid id"}]}')).toEqual({
      message: "Invalid id",
      errorCode: "53100020",
    });
    expect(decodeErrorBody('{"type":"x","title":"Route not resolved","status":404}')).toMatchObject({
      message: "Route not resolved",
    });
    expect(decodeErrorBody("upstream   connect error")).toEqual({ message: "upstream connect error" });
    expect(decodeErrorBody("  ")).toEqual({});
  });

  it("an HTML page drops scripts, styles and comments with their contents", () => {
    expect(decodeErrorBody(UPSTREAM_502)).toEqual({ message: "Upstream error" });
    expect(decodeErrorBody("<html><!-- <title>Not this</title> --><title> Gateway\n  Timeout </title></html>")).toEqual(
      {
        message: "Gateway Timeout",
      },
    );
    expect(decodeErrorBody("<html><script>var t = '<h1>No</h1>';</script><h2>Service unavailable</h2></html>")).toEqual(
      {
        message: "Service unavailable",
      },
    );
    // An empty title falls back to the first heading; an unclosed script hides everything after it.
    expect(decodeErrorBody("<html><title> </title><h3>Maintenance</h3></html>")).toEqual({ message: "Maintenance" });
    expect(decodeErrorBody("<html><p>Bad gateway</p><SCRIPT>x=1;x=1;")).toEqual({ message: "Bad gateway" });
    expect(decodeErrorBody("<html><script>x=1;</script><style>p{}</style><!-- only this --></html>")).toEqual({});
  });

  it("an unclosed comment hides the rest, a closing tag may end in spaces, and a hidden part still separates words", () => {
    expect(decodeErrorBody("<html><p>Bad gateway</p><!-- upstream 10.0.0.7 is down")).toEqual({
      message: "Bad gateway",
    });
    expect(decodeErrorBody("<body><script>track()</script ><p>Gateway down</p></body>")).toEqual({
      message: "Gateway down",
    });
    expect(decodeErrorBody("<body><p>Service<!-- x -->unavailable</p></body>")).toEqual({
      message: "Service unavailable",
    });
  });

  it("the issue's 502 page becomes InternalServerError: 502: Upstream error", async () => {
    const { client } = await faultClient(
      (_req, res) => {
        res.writeHead(502, { "Content-Type": "text/html" });
        res.end(UPSTREAM_502);
      },
      { maxRetries: 0 },
    );
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe("502: Upstream error");
    expect(error.body).toBe(UPSTREAM_502);
  });
});
