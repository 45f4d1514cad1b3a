/**
 * Just enough zod introspection to map env var names onto schema keys and to find tagged fields. Wrappers
 * (optional, default, prefault, pipe) are looked through to the schema that describes the value's shape.
 */
import type { z } from 'zod';
import { fieldTags, type FieldTag } from './fields.ts';

type Schema = z.core.$ZodType;

interface LooseDef {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  options?: readonly Schema[];
}

const defOf = (s: Schema): LooseDef => s._zod.def as unknown as LooseDef;

/** The schema under any optional/default/prefault/nullable/readonly/pipe wrappers. */
export function unwrap(schema: Schema): Schema {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  return schema;
}

/** The keys of an object schema, or undefined when the schema is a leaf. */
export function objectShape(schema: Schema): Record<string, Schema> | undefined {
  const def = defOf(unwrap(schema));
  return def.type === 'object' ? def.shape : undefined;
}

/** Whether the field accepts a string as written, so an env value should be passed through verbatim. */
export function acceptsString(schema: Schema): boolean {
  const def = defOf(unwrap(schema));
  if (def.type === 'string' || def.type === 'enum' || def.type === 'literal') return true;
  return def.type === 'union' && (def.options ?? []).some(acceptsString);
}

/** The schema at a key path, or undefined when the path leaves the schema. */
export function schemaAt(root: Schema, path: readonly string[]): Schema | undefined {
  let node: Schema | undefined = root;
  for (const key of path) {
    node = node ? objectShape(node)?.[key] : undefined;
  }
  return node;
}

/** Every key path whose field carries `tag` (e.g. all secrets), in schema order. */
export function taggedPaths(root: Schema, tag: keyof FieldTag): string[][] {
  const found: string[][] = [];
  const visit = (node: Schema, path: string[]): void => {
    for (const [key, child] of Object.entries(objectShape(node) ?? {})) {
      if (fieldTags.get(child)?.[tag]) found.push([...path, key]);
      else visit(child, [...path, key]);
    }
  };
  visit(root, []);
  return found;
}
