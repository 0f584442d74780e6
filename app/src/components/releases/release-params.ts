/**
 * The release id in a URL: `/releases/<random part>`, without the `release:` type prefix, which only
 * makes links longer. Both forms are read, so a pasted full id works too.
 */
import { idPart, isId, type ReleaseId } from '@runsheet/domain';

export const releaseParams = {
  parse: ({ releaseId }: { releaseId: string }): { releaseId: ReleaseId } => {
    const full = releaseId.startsWith('release:') ? releaseId : `release:${releaseId}`;
    // An id that cannot exist is kept as is: the page then says "not found" like for any unknown id.
    return { releaseId: (isId(full, 'release') ? full : releaseId) as ReleaseId };
  },
  stringify: ({ releaseId }: { releaseId: ReleaseId }): { releaseId: string } => ({
    releaseId: idPart(releaseId),
  }),
};
