import { buildOpenApiDocument } from '../../src/openapi/openapi.js';

/** One operation of the served OpenAPI document, with a path a request can use. */
export interface DocumentedOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  template: string;
  /** The template with every parameter filled with an example value. */
  path: string;
  access: 'public' | 'author' | 'moderator' | 'admin' | 'operator';
}

const EXAMPLE_PARAMETERS: Record<string, string> = {
  threadKey: 'post-1',
  id: '1',
  batchId: '00000000-0000-4000-8000-000000000000',
  email: encodeURIComponent('سارة@مثال.مصر'),
};

/** Every operation the document describes, so tests can walk them all rather than a list kept by hand. */
export function documentedOperations(): DocumentedOperation[] {
  const { paths } = buildOpenApiDocument() as { paths: Record<string, Record<string, { 'x-majlis-access': DocumentedOperation['access'] }>> };
  return Object.entries(paths).flatMap(([template, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method as DocumentedOperation['method'],
      template,
      path: template.replace(/\{(\w+)\}/g, (_match, name: string) => EXAMPLE_PARAMETERS[name] ?? 'x'),
      access: operation['x-majlis-access'],
    })),
  );
}
