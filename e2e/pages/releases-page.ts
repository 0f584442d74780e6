import { AppPage } from './app-page';

export class ReleasesPage extends AppPage {
  readonly path = '/releases';
  readonly headingText = 'Releases';
  readonly title = 'Releases · Runsheet';
}
