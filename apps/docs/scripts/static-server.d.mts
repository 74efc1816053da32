/** Content types by file extension (lower case, with the dot). */
export declare const CONTENT_TYPES: Readonly<Record<string, string>>;

export interface StaticServerOptions {
  /** The folder to serve, e.g. `apps/docs/dist`. */
  root: string;
  /** Port to listen on; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to bind; `127.0.0.1` by default. */
  host?: string;
}

export interface StaticServer {
  /** The site's URL, with a trailing slash, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Serves the files under `root` over HTTP; resolves once it listens. */
export declare function startStaticServer(options: StaticServerOptions): Promise<StaticServer>;
