import { z } from 'zod';

/** A JSON Schema or OpenAPI object. */
export type JsonObject = Record<string, unknown>;

/** Named schemas (zod `.meta({ id })`) collected while converting, served under components. */
export const namedSchemas: Record<string, JsonObject> = {};

function toComponentRefs(json: unknown): JsonObject {
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonObject;
}

/** Converts a zod schema (what requests must look like, or what responses are) to JSON Schema. */
export function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonObject {
  const { $schema: _dialect, $defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as JsonObject;
  for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonObject>)) namedSchemas[name] = toComponentRefs(definition);
  return toComponentRefs(json);
}

/** OpenAPI parameters from the properties of a zod object schema. */
export function parametersOf(schema: z.ZodObject, where: 'query' | 'path'): JsonObject[] {
  const json = schemaOf(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: property }));
}

const problem = {
  description: 'RFC 9457 problem document',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** Problem responses for the given statuses. */
export function problems(...statuses: number[]): JsonObject {
  return Object.fromEntries(statuses.map((status) => [String(status), problem]));
}

/** A JSON response. */
export function json(schema: JsonObject, description: string): JsonObject {
  return { description, content: { 'application/json': { schema } } };
}

/** A JSON request body from a zod schema. */
export function jsonBody(schema: z.ZodType): JsonObject {
  return { required: true, content: { 'application/json': { schema: schemaOf(schema) } } };
}
