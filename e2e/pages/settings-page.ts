import { AppPage } from './app-page';

export class SettingsPage extends AppPage {
  readonly path = '/settings';
  readonly headingText = 'Settings';
  readonly title = 'Settings · Runsheet';
}
