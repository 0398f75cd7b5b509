import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleClient, bundleLoader, staticAsset } from '../browser/bundler.js';
import type { EncodedBody } from '../http/content-coding.js';

const here = dirname(fileURLToPath(import.meta.url));
/** @public Where a production build may leave the prebuilt dashboard script, next to the compiled module. */
export const PREBUILT_ADMIN_PATH = join(here, 'app.js');

/** @public Bundles src/admin/client with esbuild into one minified script (moderators use current browsers), compressed once. */
export async function buildAdminBundle(): Promise<EncodedBody> {
  return staticAsset(await bundleClient(here, { target: 'es2020' }));
}

/** The script to serve: a prebuilt file when one exists, otherwise built once in-process. */
export const loadAdminBundle = bundleLoader(PREBUILT_ADMIN_PATH, buildAdminBundle);
