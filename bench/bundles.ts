import { buildWidgetBundle } from '../src/widget/bundle.js';

/** The widget's bytes on the wire (the budget is 15 KB gzipped: 15 360 bytes). */
export async function benchBundles(): Promise<Record<string, number>> {
  const widget = await buildWidgetBundle();
  return {
    widgetBytes: widget.identity.body.length,
    widgetGzipBytes: widget.gzip?.body.length ?? widget.identity.body.length,
    widgetBrotliBytes: widget.br?.body.length ?? widget.identity.body.length,
    widgetGzipBudgetBytes: 15 * 1024,
  };
}
