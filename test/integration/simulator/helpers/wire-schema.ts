import { z } from "zod";
import type { Field, FieldTable, FieldType, Scalar } from "../../../../facts/response-fields";

const SCALARS: Record<Scalar, () => z.ZodType> = {
  string: () => z.string(),
  // A Go `int` rejects a fraction and a string; a Go `float64` rejects a string.
  integer: () => z.number().int(),
  number: () => z.number(),
  boolean: () => z.boolean(),
};

function schemaOfType(type: FieldType): z.ZodType {
  if (typeof type === "string") return SCALARS[type]();
  if ("listOf" in type) return z.array(SCALARS[type.listOf]());
  if ("object" in type) return strictSchema(type.object);
  return z.array(strictSchema(type.listOfObjects));
}

function schemaOfField(field: Field): z.ZodType {
  const base = schemaOfType(field.type);
  const withNull = field.nullable ? base.nullable() : base;
  return field.optional ? withNull.optional() : withNull;
}

/**
 * The zod schema of a field table: exactly the listed fields (an unknown one fails, so a new
 * field must be added to the table first), each of the listed type, `null` only where the table
 * allows it, absent only where it is optional.
 */
export function strictSchema(table: FieldTable): z.ZodType {
  return z.strictObject(Object.fromEntries(Object.entries(table).map(([name, field]) => [name, schemaOfField(field)])));
}

/**
 * The dotted paths (as `flattenFields` names them) present in `value`: with a value, or with
 * `null` where the table allows it (an absent optional field is not present).
 */
export function presentPaths(table: FieldTable, value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  return Object.entries(table).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const item = record[name];
    if (item === undefined) return [];
    if (item === null) return field.nullable ? [path] : [];
    const { type } = field;
    if (typeof type === "object" && "object" in type) return [path, ...presentPaths(type.object, item, `${path}.`)];
    if (typeof type === "object" && "listOfObjects" in type && Array.isArray(item)) {
      return [path, ...item.flatMap((entry) => presentPaths(type.listOfObjects, entry, `${path}[].`))];
    }
    return [path];
  });
}
