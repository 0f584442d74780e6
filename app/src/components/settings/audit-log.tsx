/**
 * Settings > Access log (admins only): who read or changed release information, when, and from where
 * (FR-014), from GET /api/audit, with filters. Renders nothing for anyone else, or offline with no server.
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useSession } from '@/sync/sync-context';

interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  auth: string;
  action: string;
  entity: string;
  method: string | null;
  path: string | null;
  status: number | null;
  ip: string;
  userAgent: string;
  /** SE-11: a sync write's size and SHA-256; a row's JSON detail. */
  bytes?: number | null;
  sha256?: string | null;
  detail?: string | null;
}

/** What the Result column says: the HTTP status, a join, a write's size and hash, or whose name was used. */
export function auditResult(
  e: Pick<AuditEntry, 'action' | 'status' | 'bytes' | 'sha256' | 'detail'>,
): string {
  if (e.status !== null) return String(e.status);
  if (e.action === 'sync.write') return `${e.bytes ?? '?'} bytes · sha256 ${(e.sha256 ?? '').slice(0, 12)}`;
  if (e.action === 'history.actor-mismatch') {
    let claimed = '';
    try {
      const detail = JSON.parse(e.detail ?? '{}') as {
        claimedName?: string;
        claimedBy?: string;
        more?: number;
      };
      claimed =
        detail.more !== undefined ? `${detail.more} more` : `${detail.claimedName} (${detail.claimedBy})`;
    } catch {
      // A detail that does not parse is shown as it is.
      claimed = e.detail ?? '';
    }
    return `history written as ${claimed}`;
  }
  return 'joined';
}

interface Filters {
  user: string;
  entity: string;
  since: string;
  until: string;
}

const EMPTY: Filters = { user: '', entity: '', since: '', until: '' };

/** `datetime-local` values are local times; the API takes ISO instants. */
function toIso(local: string): string {
  return local === '' ? '' : new Date(local).toISOString();
}

function queryOf(filters: Filters, cursor: string | null): string {
  const params = new URLSearchParams();
  if (filters.user.trim()) params.set('user', filters.user.trim());
  if (filters.entity.trim()) params.set('entity', filters.entity.trim());
  if (filters.since) params.set('since', toIso(filters.since));
  if (filters.until) params.set('until', toIso(filters.until));
  if (cursor) params.set('cursor', cursor);
  params.set('limit', '50');
  return params.toString();
}

async function fetchJson<T>(path: string): Promise<{ ok: true; body: T } | { ok: false; message: string }> {
  try {
    const res = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    const body = (await res.json()) as T & { error?: { message: string } };
    return res.ok ? { ok: true, body } : { ok: false, message: body.error?.message ?? `HTTP ${res.status}` };
  } catch {
    return { ok: false, message: 'The server cannot be reached.' };
  }
}

/** From the session the sync layer keeps: asking the server here would log a 401 for a visitor. */
function useIsAdmin(): boolean {
  const session = useSession();
  return session.kind === 'signed-in' && session.user.role === 'admin';
}

export function AuditLogSection() {
  const admin = useIsAdmin();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (f: Filters, after: string | null) => {
    setLoading(true);
    const r = await fetchJson<{ items: AuditEntry[]; nextCursor: string | null }>(
      `/api/audit?${queryOf(f, after)}`,
    );
    setLoading(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setError(null);
    setEntries((prev) => (after ? [...prev, ...r.body.items] : r.body.items));
    setCursor(r.body.nextCursor);
  }, []);

  useEffect(() => {
    if (admin) void load(filters, null);
  }, [admin, filters, load]);

  if (!admin) return null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const field = (key: keyof Filters, label: string, type = 'text', placeholder = '') => (
    <div className="grid gap-1.5">
      <Label htmlFor={`audit-${key}`}>{label}</Label>
      <Input
        id={`audit-${key}`}
        type={type}
        value={draft[key]}
        placeholder={placeholder}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </div>
  );

  return (
    <Card className="md:col-span-2" data-testid="audit-log">
      <CardHeader>
        <CardTitle asChild>
          <h2>Access log</h2>
        </CardTitle>
        <CardDescription>
          Every read of release information through the API or a sync connection: who, what, when and from
          where. The log cannot be edited.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form
          onSubmit={onSubmit}
          className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5"
          aria-label="Filter the access log"
        >
          {field('user', 'User', 'text', 'username or id')}
          {field('entity', 'Entity', 'text', 'release:…, wave:…, releases')}
          {field('since', 'From', 'datetime-local')}
          {field('until', 'Until', 'datetime-local')}
          <div className="flex items-end gap-2">
            <Button type="submit">Filter</Button>
            <Button
              type="button"
              variant="outline"
              onClick={() => {
                setDraft(EMPTY);
                setFilters(EMPTY);
              }}
            >
              Clear
            </Button>
          </div>
        </form>
        {error !== null && (
          <p role="alert" className="text-destructive text-sm">
            {error}
          </p>
        )}
        <div className="overflow-x-auto">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Who</TableHead>
                <TableHead>What</TableHead>
                <TableHead>Entity</TableHead>
                <TableHead>Result</TableHead>
                <TableHead>From</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((e) => (
                <TableRow key={e.id}>
                  <TableCell className="whitespace-nowrap">{new Date(e.at).toLocaleString()}</TableCell>
                  <TableCell>
                    {e.username ?? '—'} <span className="text-muted-foreground text-xs">({e.auth})</span>
                  </TableCell>
                  <TableCell>{e.action}</TableCell>
                  <TableCell className="font-mono text-xs">{e.entity}</TableCell>
                  <TableCell>{auditResult(e)}</TableCell>
                  <TableCell className="max-w-64 truncate text-xs" title={e.userAgent}>
                    {e.ip} · {e.userAgent || 'no user agent'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {entries.length === 0 && !loading && (
            <p className="py-6 text-center text-muted-foreground text-sm">No access matches these filters.</p>
          )}
        </div>
        {cursor !== null && (
          <Button variant="outline" disabled={loading} onClick={() => void load(filters, cursor)}>
            Load older entries
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
