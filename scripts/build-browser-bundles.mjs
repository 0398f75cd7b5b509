// Prebuilds the browser bundles (the reader widget and the moderator dashboard) into dist/ after
// `tsc`, with their brotli (.br) and gzip (.gz) forms beside them, so a production start serves
// them without esbuild and without compressing anything; each bundle module serves its prebuilt
// files when they exist and builds in memory otherwise (tests, `npm run dev`).
const { buildWidgetBundle, buildWidgetExtrasBundle, PREBUILT_PATH, PREBUILT_EXTRAS_PATH, WIDGET_GZIP_BUDGET_BYTES } = await import('../dist/src/widget/bundle.js');
const { buildAdminBundle, PREBUILT_ADMIN_PATH } = await import('../dist/src/admin/bundle.js');
const { writePrebuilt } = await import('../dist/src/browser/bundler.js');

/** Writes one bundle and says what goes over the wire: UTF-8 bytes, and the gzip and brotli bytes actually served. */
function emit(name, asset, path) {
  writePrebuilt(path, asset);
  const bytes = (coding) => asset[coding]?.body.length ?? asset.identity.body.length;
  console.log(`${name}: ${asset.identity.body.length} bytes (UTF-8), ${bytes('gzip')} gzip, ${bytes('br')} brotli -> ${path}`);
  return asset;
}

const widget = emit('embed.js', await buildWidgetBundle(), PREBUILT_PATH);
if ((widget.gzip?.body.length ?? widget.identity.body.length) > WIDGET_GZIP_BUDGET_BYTES) {
  console.error(`embed.js is over its gzipped budget of ${WIDGET_GZIP_BUDGET_BYTES} bytes`);
  process.exit(1);
}
emit('embed-extras.js', await buildWidgetExtrasBundle(), PREBUILT_EXTRAS_PATH);
emit('admin/app.js', await buildAdminBundle(), PREBUILT_ADMIN_PATH);
