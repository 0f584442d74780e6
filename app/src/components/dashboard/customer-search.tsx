import { useNavigate } from '@tanstack/react-router';
import { Search } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useDraft } from '@/lib/drafts';

export const CUSTOMER_SEARCH_DRAFT = 'dashboard:customer-search';

/** "Which namespace was that again?" — jump to the customers list filtered by name or namespace. */
export function CustomerSearch() {
  const navigate = useNavigate();
  // A draft, so a half-typed search survives a reload (for example the "Update available" one).
  const [query, setQuery, clearQuery] = useDraft(CUSTOMER_SEARCH_DRAFT, '');

  return (
    <search>
      <form
        className="flex flex-col gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const q = query.trim();
          clearQuery();
          void navigate({ to: '/customers', search: q ? { q } : {} });
        }}
      >
        <Label htmlFor="customer-search">Find a customer</Label>
        <div className="flex gap-2">
          <Input
            id="customer-search"
            type="search"
            autoComplete="off"
            placeholder="Name or namespace"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <Button type="submit" variant="secondary">
            <Search aria-hidden="true" />
            Search
          </Button>
        </div>
      </form>
    </search>
  );
}
