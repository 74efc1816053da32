// The one route matcher: a method and a path (concrete, or a template itself) to an operation and its path
// parameters; a path the document has with another method gives the methods it takes.
import type { Operation } from "./model.js";

/** What {@link Router.match} found. */
export type RouteMatch =
  | { kind: "operation"; operation: Operation; pathParams: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: readonly string[] }
  | { kind: "not-found" };

/** Matches requests to the document's operations. */
export interface Router {
  match(method: string, path: string): RouteMatch;
}

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
  byMethod: Map<string, Operation>;
}

function routeOf(template: string): Route {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name) {
        names.push(name);
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { template, pattern: new RegExp(`^${source}/?$`), names, byMethod: new Map() };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A router over `operations`. Literal paths win over templated ones (`/reportruns/reportdata/{id}` is never `/reportruns/{id}`). */
export function createRouter(operations: readonly Operation[]): Router {
  const byTemplate = new Map<string, Route>();
  for (const operation of operations) {
    const route = byTemplate.get(operation.path) ?? routeOf(operation.path);
    byTemplate.set(operation.path, route);
    route.byMethod.set(operation.method, operation);
  }
  const routes = [...byTemplate.values()].sort((a, b) => a.names.length - b.names.length);
  return {
    match(method, path) {
      const bare = path.split("?")[0] ?? "";
      const upper = method.toUpperCase();
      const exact = byTemplate.get(bare);
      if (exact?.byMethod.has(upper)) {
        return { kind: "operation", operation: exact.byMethod.get(upper) as Operation, pathParams: {} };
      }
      for (const route of routes) {
        const found = route.pattern.exec(bare);
        if (!found) {
          continue;
        }
        const operation = route.byMethod.get(upper);
        if (!operation) {
          return { kind: "method-not-allowed", allowed: [...route.byMethod.keys()] };
        }
        const pathParams: Record<string, string> = {};
        route.names.forEach((name, index) => {
          pathParams[name] = safeDecode(found[index + 1] ?? "");
        });
        return { kind: "operation", operation, pathParams };
      }
      return { kind: "not-found" };
    },
  };
}
