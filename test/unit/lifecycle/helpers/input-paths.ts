/**
 * The input schema as JSON Schema (the form the package schema is derived from), and every
 * property path in it, named as input-docs.ts names them (`systemDisk.diskSize`, `dataDisks[].diskName`).
 */
import { z } from "zod";
import { inputSchema } from "../../../../provider/lifecycle/inputs/inputs";

export interface JsonNode {
  type?: string;
  enum?: unknown[];
  items?: JsonNode;
  properties?: Record<string, JsonNode>;
  additionalProperties?: JsonNode | boolean;
}

export const inputJsonSchema = (): JsonNode => z.toJSONSchema(inputSchema, { io: "input", unrepresentable: "any" }) as JsonNode;

/** Every property path below `node`, nested objects and list elements included. */
export function inputPaths(node: JsonNode = inputJsonSchema(), prefix = ""): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path);
    if (child.properties) out.push(...inputPaths(child, path));
    if (child.items?.properties) out.push(...inputPaths(child.items, `${path}[]`));
  }
  return out;
}
