/**
 * Settings › Your data: storage on this device, backup and restore, CSV in and out. Its own section so
 * other settings sections (sync, account, audit) live beside it without touching it.
 */
import { PAGE_HEADINGS } from '@/components/layout/page-headings';
import { SectionIntro } from '@/components/layout/section-intro';
import { BackupCard } from './backup-card';
import { CsvCard } from './csv-card';
import { StorageCard } from './storage-card';

// The intro comes from the page headings table: the start-up shell paints the same one.
const INTRO = PAGE_HEADINGS['/settings'].lead;

export function DataSection() {
  return (
    <section aria-labelledby={INTRO.id} className="grid gap-4">
      <SectionIntro {...INTRO} />
      <div className="grid gap-4 lg:grid-cols-2">
        <StorageCard />
        <BackupCard />
        <CsvCard />
      </div>
    </section>
  );
}
