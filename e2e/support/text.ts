/** A RegExp that matches `text` literally (reason texts hold brackets and dots). */
export function literal(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
