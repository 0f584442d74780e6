import { type CatalogState, type Cluster, clusterSummaries } from '@runsheet/domain';

/** The clusters a customer can be placed on, in BR-C03's order (name ignoring case, id tie-break). */
export function activeClusters(catalog: CatalogState): Cluster[] {
  return clusterSummaries(catalog).map((s) => s.cluster);
}
