import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
interface Operation {
  method: 'get' | 'post' | 'delete';
  /** The spec's path template, e.g. /v1/Services/{ServiceSid}/Assets/{Sid}. */
  template: string;
  pattern: RegExp;
  /** Compiled validator per documented status code (a 204 has none). */
  responses: Map<number, ValidateFunction | null>;
}

const SPEC_FILE = fileURLToPath(new URL('./spec/twilio_serverless_v1.json', import.meta.url));
const EXTENSIONS_DOC = fileURLToPath(new URL('../../../docs/api-extensions.md', import.meta.url));
const SCHEMA_PREFIX = '#/components/schemas/';

/** The extension tables of docs/api-extensions.md: the only differences the tests allow. */
export function documentedExtensions() {
  const fields = new Map<string, Set<string>>();
  const endpoints: { method: string; path: string }[] = [];
  for (const line of readFileSync(EXTENSIONS_DOC, 'utf-8').split('\n')) {
    const field = /^\|\s*`(serverless\.v1[\w.]*)`\s*\|\s*`(\w+)`\s*\|/.exec(line);
    if (field) {
      const set = fields.get(field[1]!) ?? new Set<string>();
      set.add(field[2]!);
      fields.set(field[1]!, set);
    }
    const endpoint = /^\|\s*([A-Z, ]+?)\s*\|\s*`(\/[^`]*)`/.exec(line);
    if (endpoint) {
      for (const method of endpoint[1]!.split(',')) endpoints.push({ method: method.trim(), path: endpoint[2]! });
    }
  }
  return { fields, endpoints };
}

/**
 * The OpenAPI schemas made strict: every property the spec names is required, and nothing else is
 * allowed except the documented extensions. Timestamps must be Twilio's (no milliseconds);
 * `uri-map` links must be maps of absolute URLs.
 */
function tighten(node: unknown, extensions: Set<string> | undefined): unknown {
  if (Array.isArray(node)) return node.map((n) => tighten(n, undefined));
  if (!node || typeof node !== 'object') return node;
  const schema = { ...(node as Json) };
  if (schema.format === 'uri-map') {
    delete schema.format;
    schema.additionalProperties = { type: 'string', format: 'uri' };
  }
  if (schema.format === 'date-time') schema.pattern = '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$';
  if (schema.properties && typeof schema.properties === 'object') {
    const properties: Json = {};
    for (const [name, sub] of Object.entries(schema.properties as Json)) properties[name] = tighten(sub, undefined);
    schema.required = Object.keys(properties);
    for (const name of extensions ?? []) properties[name] = {};
    schema.properties = properties;
    schema.additionalProperties = false;
  }
  for (const key of ['items', 'schema']) if (key in schema) schema[key] = tighten(schema[key], undefined);
  return schema;
}

function loadOperations() {
  const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf-8')) as Json;
  const { fields } = documentedExtensions();
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const components = (spec.components as Json).schemas as Json;
  const schemas: Json = {};
  for (const [name, schema] of Object.entries(components)) schemas[name] = tighten(schema, fields.get(name));
  ajv.addSchema({ $id: 'spec', components: { schemas } });

  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths as Json)) {
    const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
    for (const method of ['get', 'post', 'delete'] as const) {
      const op = (item as Json)[method] as Json | undefined;
      if (!op) continue;
      const responses = new Map<number, ValidateFunction | null>();
      for (const [code, response] of Object.entries(op.responses as Json)) {
        const content = (response as Json).content as Json | undefined;
        const schema = (content?.['application/json'] as Json | undefined)?.schema;
        if (!schema) {
          responses.set(Number(code), null);
          continue;
        }
        // Point $refs at the registered components, then tighten the inline list envelopes.
        const text = JSON.stringify(schema).replaceAll(`"${SCHEMA_PREFIX}`, `"spec${SCHEMA_PREFIX}`);
        responses.set(Number(code), ajv.compile(tighten(JSON.parse(text), undefined) as Json));
      }
      operations.push({ method, template, pattern, responses });
    }
  }
  return operations;
}

const operations = loadOperations();

/** Every operation the spec describes, as "METHOD template". */
export const specOperations = operations.map((op) => `${op.method.toUpperCase()} ${op.template}`);

/** The spec operation a concrete request path matches, if any. */
export function operationFor(method: string, path: string): Operation | undefined {
  return operations.find((op) => op.method === method.toLowerCase() && op.pattern.test(path));
}

/** Problems with a response body according to the (strict) spec; empty when it conforms. */
export function specProblems(op: Operation, status: number, body: unknown): string[] {
  if (!op.responses.has(status))
    return [`status ${status} is not documented for ${op.method.toUpperCase()} ${op.template}`];
  const validate = op.responses.get(status);
  if (!validate) return body === null || body === '' ? [] : [`expected an empty body for ${status}`];
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

const errorValidator = (() => {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile({
    type: 'object',
    properties: {
      code: { type: 'integer' },
      message: { type: 'string', minLength: 1 },
      more_info: { type: 'string', format: 'uri', pattern: '^https://www\\.twilio\\.com/docs/errors/\\d+$' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
    },
    required: ['code', 'message', 'more_info', 'status'],
    additionalProperties: false,
  });
})();

/** Problems with an error body: only Twilio's legacy shape {code, message, more_info, status}. */
export function errorProblems(status: number, body: unknown): string[] {
  if (!errorValidator(body)) return (errorValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  return (body as { status: number }).status === status
    ? []
    : [`body status ${(body as { status: number }).status} ≠ ${status}`];
}

/** The property names of a response, nested where the schema describes nested properties. */
export type FieldTree = { [name: string]: FieldTree | null };

/**
 * The fields a JSON Schema describes: properties by name, looking through arrays, `$ref`s into
 * the spec's components (adding their documented extensions) and nullable `anyOf`s.
 */
export function fieldTree(schema: unknown, resolve = true): FieldTree | null {
  if (!schema || typeof schema !== 'object') return null;
  const node = schema as Json;
  if (typeof node.$ref === 'string' && resolve) {
    const name = node.$ref.slice(SCHEMA_PREFIX.length);
    const tree = fieldTree(specComponents[name], resolve);
    for (const extra of extensionFields.get(name) ?? []) if (tree) tree[extra] = null;
    return tree;
  }
  if (Array.isArray(node.anyOf)) {
    const inner = (node.anyOf as Json[]).find((s) => s.type !== 'null');
    return fieldTree(inner, resolve);
  }
  if (node.type === 'array' || node.items) return fieldTree(node.items, resolve);
  if (!node.properties || typeof node.properties !== 'object') return null;
  const tree: FieldTree = {};
  for (const [name, sub] of Object.entries(node.properties as Json)) tree[name] = fieldTree(sub, resolve);
  return tree;
}

const specJson = JSON.parse(readFileSync(SPEC_FILE, 'utf-8')) as Json;
const specComponents = (specJson.components as Json).schemas as Json;
const extensionFields = documentedExtensions().fields;

/** The fields the spec gives a response of an operation (with the documented extensions), or null. */
export function specResponseFields(method: string, template: string, status: number): FieldTree | null {
  const op = ((specJson.paths as Json)[template] as Json | undefined)?.[method.toLowerCase()] as Json | undefined;
  const response = (op?.responses as Json | undefined)?.[String(status)] as Json | undefined;
  const content = response?.content as Json | undefined;
  return fieldTree((content?.['application/json'] as Json | undefined)?.schema);
}

/** The spec's path template of a concrete or `:Param` path, if it has one. */
export function specTemplateFor(method: string, path: string): string | undefined {
  const generic = (p: string) => p.replace(/\{\w+\}|:\w+/g, '{}');
  return specOperations
    .map((op) => op.split(' ') as [string, string])
    .find(([m, t]) => m === method && generic(t) === generic(path))?.[1];
}

/** Differences between two field trees, as "path: only in <which>" lines; nested only where both describe it. */
export function fieldDifferences(ours: FieldTree, theirs: FieldTree, prefix = ''): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(ours))
    if (!(name in theirs)) problems.push(`${prefix}${name}: only in the shared schema`);
  for (const name of Object.keys(theirs)) if (!(name in ours)) problems.push(`${prefix}${name}: only in the spec`);
  for (const [name, sub] of Object.entries(ours)) {
    const other = theirs[name];
    if (sub && other) problems.push(...fieldDifferences(sub, other, `${prefix}${name}.`));
  }
  return problems;
}
