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

/**
 * The most the widget may weigh gzipped. Issue 16 set 15 KB for the reader widget alone (14.3 KB); with the
 * proof-of-work challenge (issue 15) and live updates (issue 17) it is 16.4 KB, so the limit stands at 16.5 KB
 * until those load on demand (see the closing note): it stops any further growth.
 */
export const WIDGET_GZIP_BUDGET_BYTES = 16 * 1024 + 512;

/** Bundles src/widget/client with esbuild (minified, ES2020: every browser since 2020 runs it, and `?.`/`??` stay short), compressed once with brotli and gzip. */
export async function buildWidgetBundle(): Promise<EncodedBody> {
  return staticAsset(await bundleClient(here, { target: 'es2020', plugins: [widgetMessages] }));
}

/** The script to serve: the prebuilt files when `npm run build` made them, otherwise built once in-process. */
export const loadWidgetBundle = bundleLoader(PREBUILT_PATH, buildWidgetBundle);
