// Checks an answer the simulation is about to send against its operation in the document: the status is
// declared, the media type is declared for it, the body matches the schema, and every declared header that is
// sent matches its schema. Any problem here is a bug of the mock, never of the caller.
import type { Operation } from "../spec/document.js";
import { describeProblems, type SchemaValidators } from "./schemas.js";

export interface OutgoingAnswer {
  status: number;
  /** The `Content-Type` header, parameters included (e.g. `text/csv;charset=utf-16le`). */
  contentType: string;
  /** The body as the client will parse it: a JSON value, or the decoded text of a non-JSON body. */
  body: unknown;
  headers: Record<string, string>;
}

export function checkResponse(validators: SchemaValidators, operation: Operation, answer: OutgoingAnswer): string[] {
  const response = operation.responses.get(answer.status);
  if (!response) {
    return [`${operation.operationId} declares no ${answer.status} response`];
  }
  const problems: string[] = [];
  const mediaType = answer.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const media = response.content.get(mediaType);
  if (!media) {
    problems.push(`${operation.operationId} ${answer.status} declares no ${mediaType} body`);
  } else {
    const validate = validators.at(media.schemaPointer);
    if (!validate(answer.body)) {
      problems.push(...describeProblems(validate, answer.body, `the ${answer.status} body`));
    }
  }
  for (const [name, header] of response.headers) {
    const text = Object.entries(answer.headers).find(([key]) => key.toLowerCase() === name)?.[1];
    if (text === undefined) {
      continue;
    }
    const value = header.schema.type === "integer" || header.schema.type === "number" ? Number(text) : text;
    const validate = validators.at(header.schemaPointer);
    if (!validate(value)) {
      problems.push(...describeProblems(validate, value, `response header ${name}`));
    }
  }
  return problems;
}
