import { AppPage } from './app-page';

export class ClustersPage extends AppPage {
  readonly path = '/clusters';
  readonly headingText = 'Clusters';
  readonly title = 'Clusters · Runsheet';
}
