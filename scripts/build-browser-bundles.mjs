// Prebuilds the browser bundles (the reader widget and the moderator dashboard) into dist/ after
// `tsc`, so a production start serves them without esbuild at run time; each bundle module serves
// its prebuilt file when it exists and builds in memory otherwise (tests, `npm run dev`).
import { writeFileSync } from 'node:fs';

const { buildWidgetBundle, PREBUILT_PATH } = await import('../dist/src/widget/bundle.js');
const { buildAdminBundle, PREBUILT_ADMIN_PATH } = await import('../dist/src/admin/bundle.js');

const widget = await buildWidgetBundle();
writeFileSync(PREBUILT_PATH, widget.code);
console.log(`embed.js: ${widget.code.length} bytes, ${widget.gzipBytes} bytes gzipped -> ${PREBUILT_PATH}`);
if (widget.gzipBytes > 15 * 1024) {
  console.error('embed.js is over its 15 KB gzipped budget');
  process.exit(1);
}

const admin = await buildAdminBundle();
writeFileSync(PREBUILT_ADMIN_PATH, admin.body);
console.log(`admin/app.js: ${admin.body.length} bytes -> ${PREBUILT_ADMIN_PATH}`);
