// @ts-check
/** The REST API as the CLI uses it: JSON in and out, the token as a bearer, refusals as CliError. */

export class CliError extends Error {
  /**
   * @param {string} message
   * @param {string} code the API's reason code (`wave-not-open`), or the CLI's own (`not-found`, `network`)
   * @param {number} exitCode
   */
  constructor(message, code, exitCode = 1) {
    super(message);
    this.code = code;
    this.exitCode = exitCode;
  }
}

export class Client {
  /**
   * @param {string} server
   * @param {string} token
   */
  constructor(server, token) {
    this.server = server.replace(/\/+$/, '');
    this.token = token;
  }

  /**
   * @param {'GET' | 'POST'} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<any>}
   */
  async request(method, path, body) {
    /** @type {Response} */
    let res;
    try {
      res = await fetch(`${this.server}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const why =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
      throw new CliError(`cannot reach ${this.server}: ${why}`, 'network');
    }
    const text = await res.text();
    /** @type {any} */
    let json = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: a proxy's page, or not a Runsheet server at all.
    }
    if (!res.ok) {
      const error = json?.error;
      if (error && typeof error.code === 'string')
        throw new CliError(
          `${error.message ?? 'refused'}${error.field ? ` (field ${error.field})` : ''}`,
          error.code,
        );
      throw new CliError(`${method} ${path} answered HTTP ${res.status}`, `http-${res.status}`);
    }
    if (json === null) throw new CliError(`${method} ${path} did not answer JSON`, 'not-json');
    return json;
  }

  /** @param {string} path */
  get(path) {
    return this.request('GET', path);
  }

  /**
   * @param {string} path
   * @param {unknown} body
   */
  post(path, body) {
    return this.request('POST', path, body);
  }

  /**
   * Every item of a cursor-paginated list.
   * @param {string} path
   * @param {(page: any) => any[]} itemsOf
   */
  async all(path, itemsOf) {
    const out = [];
    /** @type {string | null} */
    let cursor = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const q = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await this.get(`${path}${sep}limit=500${q}`);
      out.push(...itemsOf(page));
      cursor = page.nextCursor ?? null;
    } while (cursor !== null);
    return out;
  }
}
