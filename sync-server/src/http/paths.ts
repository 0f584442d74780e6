/** True when `pathname` is `prefix` itself or below it (`/api`, `/api/x`), but not `/apix`. */
export function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function pathnameOf(url: string | undefined): string {
  return (url ?? '/').split('?', 1)[0] ?? '/';
}
