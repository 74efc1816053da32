import { describe, expect, it } from "vitest";
import { decodeErrorBody } from "../src/index.js";

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
});
