/** A RegExp source that matches `text` literally. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A RegExp that matches `text` literally (reason texts hold brackets and dots). */
export function literalRe(text: string): RegExp {
  return new RegExp(literal(text));
}

/** The part of a typed id that the release pages put in URLs (`release:abc` -> `abc`). */
export function urlId(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}
