import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleClient, bundleLoader, contentEtag } from '../browser/bundler.js';

/** A static asset ready to serve, with its validator. */
export interface Asset {
  body: string;
  etag: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** Where a production build may leave the prebuilt dashboard script, next to the compiled module. */
export const PREBUILT_ADMIN_PATH = join(here, 'app.js');

/** Wraps text with a strong ETag taken from its content. */
export function toAsset(body: string): Asset {
  return { body, etag: contentEtag(body) };
}

/** Bundles src/admin/client with esbuild into one minified script (moderators use current browsers). */
export async function buildAdminBundle(): Promise<Asset> {
  return toAsset(await bundleClient(here, { target: 'es2020' }));
}

/** The script to serve: a prebuilt file when one exists, otherwise built once in-process. */
export const loadAdminBundle = bundleLoader(PREBUILT_ADMIN_PATH, toAsset, buildAdminBundle);
