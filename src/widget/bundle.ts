import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { bundleClient, bundleLoader, staticAsset } from '../browser/bundler.js';
import type { EncodedBody } from '../http/content-coding.js';
import { ar, en, type MessageKey } from '../i18n/messages.js';
import { WIDGET_KEYS } from './client/keys.js';

const here = dirname(fileURLToPath(import.meta.url));
/** @public Where `npm run build` leaves the prebuilt script, next to the compiled module. */
export const PREBUILT_PATH = join(here, 'embed.js');

function pick(catalogue: Record<MessageKey, string>): Record<string, string> {
  return Object.fromEntries(WIDGET_KEYS.map((key) => [key, catalogue[key]]));
}

// The widget imports the server's catalogue so both say exactly the same; this swaps it for the
// few entries the widget shows, keeping every other message out of the download.
const widgetMessages: Plugin = {
  name: 'majlis-widget-messages',
  setup(build) {
    build.onResolve({ filter: /i18n\/messages\.js$/ }, () => ({ path: 'messages', namespace: 'majlis-messages' }));
    build.onLoad({ filter: /.*/, namespace: 'majlis-messages' }, () => ({
      contents: `export const en = ${JSON.stringify(pick(en))}; export const ar = ${JSON.stringify(pick(ar))};`,
      loader: 'js',
    }));
  },
};

/** Bundles src/widget/client with esbuild (minified, ES2019), compressed once with brotli and gzip. */
export async function buildWidgetBundle(): Promise<EncodedBody> {
  return staticAsset(await bundleClient(here, { target: 'es2019', plugins: [widgetMessages] }));
}

/** The script to serve: the prebuilt files when `npm run build` made them, otherwise built once in-process. */
export const loadWidgetBundle = bundleLoader(PREBUILT_PATH, buildWidgetBundle);
