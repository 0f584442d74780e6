import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Badge } from './badge';
import { Button } from './button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from './card';
import { Checkbox } from './checkbox';
import { Dialog, DialogTrigger } from './dialog';
import { DropdownMenu, DropdownMenuTrigger } from './dropdown-menu';
import { Input } from './input';
import { Label } from './label';
import { Select, SelectTrigger, SelectValue } from './select';
import { Sheet, SheetTrigger } from './sheet';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './table';
import { Tabs, TabsContent, TabsList, TabsTrigger } from './tabs';
import { Textarea } from './textarea';
import { Tooltip, TooltipProvider, TooltipTrigger } from './tooltip';

// A smoke test in Node: every primitive renders without throwing and keeps its data-slot hook and its
// accessible defaults. Overlay contents (dialog, menu, tooltip) only exist in a browser once opened; the
// browser tests open the ones the shell uses (theme menu, navigation sheet, toast).

const html = (element: ReactElement) => renderToStaticMarkup(element);

describe('ui primitives render', () => {
  it('button: a non-submitting button by default, variants by class', () => {
    const out = html(<Button variant="destructive">Delete</Button>);
    expect(out).toContain('type="button"');
    expect(out).toContain('data-slot="button"');
    expect(out).toContain('bg-destructive');
  });

  it('button asChild renders the child element with button styles', () => {
    const out = html(
      <Button asChild>
        <a href="/releases">Releases</a>
      </Button>,
    );
    expect(out).toMatch(/^<a [^>]*data-slot="button"/);
    expect(out).not.toContain('type=');
  });

  it('form controls', () => {
    expect(html(<Input aria-label="Name" />)).toContain('data-slot="input"');
    expect(html(<Textarea aria-label="Note" />)).toContain('data-slot="textarea"');
    expect(html(<Label htmlFor="x">Name</Label>)).toContain('for="x"');
    const checkbox = html(<Checkbox aria-label="Done" />);
    expect(checkbox).toContain('role="checkbox"');
    expect(checkbox).toContain('aria-checked="false"');
    const select = html(
      <Select>
        <SelectTrigger aria-label="Cluster">
          <SelectValue placeholder="All clusters" />
        </SelectTrigger>
      </Select>,
    );
    expect(select).toContain('role="combobox"');
    expect(select).toContain('All clusters');
  });

  it('badge, card and table', () => {
    expect(html(<Badge variant="success">Done</Badge>)).toContain('bg-success');
    const card = html(
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Clusters</h2>
          </CardTitle>
          <CardDescription>3 clusters</CardDescription>
        </CardHeader>
        <CardContent>Body</CardContent>
      </Card>,
    );
    expect(card).toMatch(/<h2 [^>]*data-slot="card-title"/);
    const table = html(
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Customer</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow>
            <TableCell>customer-a</TableCell>
          </TableRow>
        </TableBody>
      </Table>,
    );
    expect(table).toContain('overflow-x-auto');
    expect(table).toContain('<th');
  });

  it('tabs', () => {
    const out = html(
      <Tabs defaultValue="steps">
        <TabsList>
          <TabsTrigger value="steps">Steps</TabsTrigger>
          <TabsTrigger value="history">History</TabsTrigger>
        </TabsList>
        <TabsContent value="steps">Step list</TabsContent>
      </Tabs>,
    );
    expect(out).toContain('role="tablist"');
    expect(out).toContain('aria-selected="true"');
    expect(out).toContain('Step list');
  });

  it('overlay triggers carry their ARIA state while closed', () => {
    const dialog = html(
      <Dialog>
        <DialogTrigger>Add step</DialogTrigger>
      </Dialog>,
    );
    expect(dialog).toContain('aria-haspopup="dialog"');
    expect(dialog).toContain('aria-expanded="false"');
    expect(
      html(
        <Sheet>
          <SheetTrigger>Menu</SheetTrigger>
        </Sheet>,
      ),
    ).toContain('aria-haspopup="dialog"');
    expect(
      html(
        <DropdownMenu>
          <DropdownMenuTrigger>Actions</DropdownMenuTrigger>
        </DropdownMenu>,
      ),
    ).toContain('aria-haspopup="menu"');
    expect(
      html(
        <TooltipProvider>
          <Tooltip>
            <TooltipTrigger>Copy</TooltipTrigger>
          </Tooltip>
        </TooltipProvider>,
      ),
    ).toContain('data-state="closed"');
  });
});
