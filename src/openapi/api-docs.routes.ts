import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from 'express';
import { CSP } from '../http/csp.js';

/** Where Swagger UI's prebuilt files are: node_modules is there at run time, from source or from dist/. */
const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const SWAGGER_UI_FILES = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']);
const ASSETS = '/assets/api-docs';


const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Majlis API reference</title>
<link rel="icon" type="image/png" href="${ASSETS}/favicon-32x32.png">
<link rel="stylesheet" href="${ASSETS}/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="${ASSETS}/swagger-ui-bundle.js"></script>
<script src="${ASSETS}/init.js"></script>
</body>
</html>
`;

// A file, not an inline script, so the page needs no 'unsafe-inline'. validatorUrl: null keeps
// Swagger UI from sending the document to its public validator service.
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

/** GET /api/docs: the API reference rendered in the browser by Swagger UI, served from our own origin. */
export function apiDocsRoutes(): Router {
  const router = Router();
  router.get('/api/docs', (_req, res) => {
    res.set({ 'Content-Security-Policy': CSP.apiDocs, 'Cache-Control': 'no-cache' }).type('html').send(PAGE);
  });
  router.get(`${ASSETS}/init.js`, (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('application/javascript').send(INIT_SCRIPT);
  });
  router.get(`${ASSETS}/:file`, (req, res, next) => {
    if (!SWAGGER_UI_FILES.has(req.params.file)) return next();
    // The files change only with the swagger-ui-dist version; sendFile adds Last-Modified to revalidate.
    res.sendFile(join(SWAGGER_UI_DIR, req.params.file), { maxAge: '1d' });
  });
  return router;
}
