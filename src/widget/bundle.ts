import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { bundleClient, bundleLoader, staticAsset } from '../browser/bundler.js';
import type { EncodedBody } from '../http/content-coding.js';
import { ar, en, type MessageKey } from '../i18n/messages.js';
import { WIDGET_EXTRAS_KEYS, WIDGET_KEYS } from './client/keys.js';

const here = dirname(fileURLToPath(import.meta.url));
/** @public Where `npm run build` leaves the prebuilt script, next to the compiled module. */
export const PREBUILT_PATH = join(here, 'embed.js');
/** @public Where `npm run build` leaves the on-demand part (live updates, the proof-of-work solver, the sign-in panel). */
export const PREBUILT_EXTRAS_PATH = join(here, 'embed-extras.js');

// The widget imports the server's catalogue so both say exactly the same; this swaps it for the
// few entries a bundle shows, keeping every other message out of the download.
function widgetMessages(keys: readonly MessageKey[]): Plugin {
  const pick = (catalogue: Record<MessageKey, string>) => Object.fromEntries(keys.map((key) => [key, catalogue[key]]));
  return {
    name: 'majlis-widget-messages',
    setup(build) {
      build.onResolve({ filter: /i18n\/messages\.js$/ }, () => ({ path: 'messages', namespace: 'majlis-messages' }));
      build.onLoad({ filter: /.*/, namespace: 'majlis-messages' }, () => ({
        contents: `export const en = ${JSON.stringify(pick(en))}; export const ar = ${JSON.stringify(pick(ar))};`,
        loader: 'js',
      }));
    },
  };
}

/**
 * The most embed.js may weigh gzipped (issue 16: 15 KB). Live updates, the proof-of-work solver and the
 * sign-in panel are not in it: they load on demand from /embed-extras.js (client/extras.ts), after the
 * first page, with the first form, or after a 428.
 */
export const WIDGET_GZIP_BUDGET_BYTES = 15 * 1024;

/**
 * Bundles src/widget/client with esbuild (minified), compressed once with brotli and gzip. ES2022 syntax: the widget
 * already needs a browser of 2022 (`Array.prototype.at`, `crypto.randomUUID`: Safari 15.4, Chrome 92), every one of
 * which has class fields, and native fields weigh 140 gzip bytes less than their ES2020 lowering.
 */
export async function buildWidgetBundle(): Promise<EncodedBody> {
  return staticAsset(await bundleClient(here, { target: 'es2022', plugins: [widgetMessages(WIDGET_KEYS)] }));
}

/** Bundles the on-demand part, client/extras.ts, the same way. */
export async function buildWidgetExtrasBundle(): Promise<EncodedBody> {
  return staticAsset(await bundleClient(here, { target: 'es2022', plugins: [widgetMessages(WIDGET_EXTRAS_KEYS)], entry: 'extras' }));
}

/** The script to serve: the prebuilt files when `npm run build` made them, otherwise built once in-process. */
export const loadWidgetBundle = bundleLoader(PREBUILT_PATH, buildWidgetBundle);
/** The same for /embed-extras.js. */
export const loadWidgetExtrasBundle = bundleLoader(PREBUILT_EXTRAS_PATH, buildWidgetExtrasBundle);
