import { buildWidgetBundle, WIDGET_GZIP_BUDGET_BYTES } from '../src/widget/bundle.js';

/** The widget's bytes on the wire, and its gzipped budget. */
export async function benchBundles(): Promise<Record<string, number>> {
  const widget = await buildWidgetBundle();
  return {
    widgetBytes: widget.identity.body.length,
    widgetGzipBytes: widget.gzip?.body.length ?? widget.identity.body.length,
    widgetBrotliBytes: widget.br?.body.length ?? widget.identity.body.length,
    widgetGzipBudgetBytes: WIDGET_GZIP_BUDGET_BYTES,
  };
}
