import { z } from 'zod';

/** A JSON Schema or OpenAPI object. */
export type JsonObject = Record<string, unknown>;

function toComponentRefs(json: unknown): JsonObject {
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonObject;
}

/**
 * Converts zod schemas to JSON Schema 2020-12 (the dialect of OpenAPI 3.1) and collects the named
 * ones (`.meta({ id })`) for `components.schemas`, so each is described once and referenced.
 */
export class SchemaCollector {
  /** The named schemas met so far. */
  readonly named: Record<string, JsonObject> = {};

  /** What a request must look like (`input`) or what a response is (`output`). */
  schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonObject {
    const { $schema: _dialect, $defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as JsonObject;
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonObject>)) this.addNamed(name, toComponentRefs(definition));
    return toComponentRefs(json);
  }

  private addNamed(name: string, definition: JsonObject): void {
    const known = this.named[name];
    // One name, one shape: a schema used both as input and output would differ (outputs forbid extra keys).
    if (known && JSON.stringify(known) !== JSON.stringify(definition)) throw new Error(`schema ${name} is described two ways`);
    this.named[name] = definition;
  }

  /** A response schema. */
  output(schema: z.ZodType): JsonObject {
    return this.schemaOf(schema, 'output');
  }

  /** Query parameters from the properties of a zod object schema (the one that parses `req.query`). */
  queryParameters(schema: z.ZodObject): JsonObject[] {
    const json = this.schemaOf(schema);
    const properties = (json.properties ?? {}) as Record<string, JsonObject>;
    const required = new Set((json.required as string[] | undefined) ?? []);
    return Object.entries(properties).map(([name, property]) => {
      const { description, ...rest } = property;
      return { name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: rest };
    });
  }

  /** A JSON request body. */
  jsonBody(schema: z.ZodType): JsonObject {
    return { required: true, content: { 'application/json': { schema: this.schemaOf(schema) } } };
  }
}
