/**
 * Every property path of the input schema, named as input-docs.ts names them
 * (`systemDisk.diskSize`, `dataDisks[].diskName`).
 */
import { inputJsonSchema, type JsonSchemaNode } from "../../../../provider/plugin/schema";

/** Every property path below `node`, nested objects and list elements included. */
export function inputPaths(node: JsonSchemaNode = inputJsonSchema(), prefix = ""): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path);
    if (child.properties) out.push(...inputPaths(child, path));
    if (child.items?.properties) out.push(...inputPaths(child.items, `${path}[]`));
  }
  return out;
}
