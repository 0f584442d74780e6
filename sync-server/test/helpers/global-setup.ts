// @ts-expect-error build.mjs is plain JavaScript without type declarations.
import { buildServer } from '../../build.mjs';

export default async function setup(): Promise<void> {
  await (buildServer as () => Promise<void>)();
}
