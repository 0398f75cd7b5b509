import { buildWidgetBundle, buildWidgetExtrasBundle, WIDGET_GZIP_BUDGET_BYTES } from '../src/widget/bundle.js';

/** The widget's bytes on the wire, its gzipped budget, and the gzipped part it loads on demand (embed-extras.js). */
export async function benchBundles(): Promise<Record<string, number>> {
  const [widget, extras] = await Promise.all([buildWidgetBundle(), buildWidgetExtrasBundle()]);
  return {
    widgetBytes: widget.identity.body.length,
    widgetGzipBytes: widget.gzip?.body.length ?? widget.identity.body.length,
    widgetBrotliBytes: widget.br?.body.length ?? widget.identity.body.length,
    widgetGzipBudgetBytes: WIDGET_GZIP_BUDGET_BYTES,
    widgetExtrasGzipBytes: extras.gzip?.body.length ?? extras.identity.body.length,
  };
}
