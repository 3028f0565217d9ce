/**
 * The Pulumi package schema of the `zenlayer` plugin: the `zenlayer:index:Instance` resource, its
 * object types, the provider's configuration and the lookups as functions. Every language (YAML
 * directly; Node.js, Go and Python through the SDKs `npm run gen-sdks` generates from it) sees
 * the resource through it.
 *
 * The resource's inputs are derived from the lifecycle's one input schema (inputs.ts), so an input
 * added there appears here without another edit; their descriptions are written from input-docs.ts,
 * the source the table of inputs in docs/reference/instance.md is generated from too.
 * Left out: `timeouts` (a plugin receives the `customTimeouts` resource option instead) and the
 * `__owner` / `__resourceName` / `__stack` markers, which the plugin derives from the resource's URN.
 */
import { z } from "zod";
import { type InputChange, INPUT_DOCS } from "../lifecycle/inputs/input-docs";
import { inputSchema } from "../lifecycle/inputs/inputs";
import { COMPUTED_KEYS } from "../lifecycle/operations/outputs";
import { DEFAULT_TUNING, SETTING_SOURCES, type Settings } from "../lifecycle/runtime/settings";
import { WAITED_FRACTION } from "../lifecycle/waits/poll-schedule";

export const PACKAGE_NAME = "zenlayer";

/** The project's repository; package.json names the same one (a unit test holds them equal). */
export const REPOSITORY_URL = "https://github.com/zenlayer-vm/pulumi-zenlayer-vm";

/**
 * Where the engine downloads the plugin when a program uses the package and the plugin is not
 * installed: the repository's GitHub releases, whose assets are the archives `npm run release`
 * writes (`pulumi-resource-zenlayer-v<version>-<os>-<arch>.tar.gz`) on the tag `v<version>`.
 * The schema carries it, so the SDKs generated from it and YAML programs pass it to the engine.
 */
export const PLUGIN_DOWNLOAD_URL = `github://api.github.com${new URL(REPOSITORY_URL).pathname}`;
export const INSTANCE_TOKEN = `${PACKAGE_NAME}:index:Instance`;

/** Inputs of the lifecycle that the plugin does not expose (see the module comment). */
export const PLUGIN_HIDDEN_INPUTS: ReadonlySet<string> = new Set(["timeouts", "__owner", "__resourceName", "__stack"]);

/** The inputs that hold secrets: stored and shown as secrets by the engine. */
export const SECRET_INPUTS: ReadonlySet<string> = new Set(["password"]);

/** One property or type reference of a Pulumi schema. */
export interface PropertySpec {
  type?: "string" | "integer" | "number" | "boolean" | "array" | "object";
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  $ref?: string;
  description?: string;
  secret?: boolean;
}

/** A named object type of a Pulumi schema. */
interface ObjectTypeSpec {
  type: "object";
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

/** The subset of JSON Schema that zod emits for the input schema. */
export interface JsonSchemaNode {
  type?: string;
  enum?: unknown[];
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: JsonSchemaNode | boolean;
}

/** The sentence that says what a change of an input does. */
function changeSentence(change: InputChange): string {
  switch (change.kind) {
    case "replace": return "Changing it replaces the instance.";
    case "in place": return `Changed in place: ${change.how}.`;
    case "recorded": return "A change is recorded without touching the instance.";
    case "never": return "A later change does nothing.";
  }
}

/** The description of the input at `path` (input-docs.ts): what it is, its limits, its default, what a change does. */
export function inputDescription(path: string): string | undefined {
  const doc = INPUT_DOCS[path];
  if (!doc) return undefined;
  const sentences = [`${doc.meaning}${doc.constraint ? ` (${doc.constraint})` : ""}.`];
  if (doc.default) sentences.push(`When omitted: ${doc.default}.`);
  if (doc.change) sentences.push(changeSentence(doc.change));
  return sentences.join(" ");
}

const typeRef = (name: string): PropertySpec => ({ $ref: `#/types/${PACKAGE_NAME}:index:${name}` });
const pascal = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

/** Converts the zod-emitted JSON Schema of one input into a schema property, naming nested object types. */
function toProperty(node: JsonSchemaNode, path: string, typeName: string, types: Record<string, ObjectTypeSpec>): PropertySpec {
  const description = inputDescription(path);
  const described = (spec: PropertySpec): PropertySpec => (description ? { ...spec, description } : spec);
  if (node.enum) return described({ type: "string" });
  switch (node.type) {
    case "string":
    case "integer":
    case "number":
    case "boolean":
      return described({ type: node.type });
    case "array":
      if (!node.items) throw new Error(`input ${path} is a list without an element type`);
      return described({ type: "array", items: toProperty(node.items, `${path}[]`, typeName.replace(/s$/, ""), types) });
    case "object": {
      if (!node.properties) {
        const values = typeof node.additionalProperties === "object" ? node.additionalProperties : { type: "string" };
        return described({ type: "object", additionalProperties: toProperty(values, `${path}{}`, typeName, types) });
      }
      const properties: Record<string, PropertySpec> = {};
      for (const [key, child] of Object.entries(node.properties)) {
        properties[key] = toProperty(child, `${path}.${key}`, `${typeName}${pascal(key)}`, types);
      }
      types[`${PACKAGE_NAME}:index:${typeName}`] = {
        type: "object", ...(description ? { description } : {}), properties,
        ...(node.required?.length ? { required: node.required } : {}),
      };
      return described(typeRef(typeName));
    }
    default:
      throw new Error(`input ${path} has a type the package schema cannot express (${JSON.stringify(node)})`);
  }
}

/** The lifecycle's input schema as JSON Schema: what a program may write, the form every derived description starts from. */
export function inputJsonSchema(): JsonSchemaNode {
  return z.toJSONSchema(inputSchema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode;
}

/** The resource's input properties (and the object types they use), from the lifecycle's input schema. */
export function instanceInputs(types: Record<string, ObjectTypeSpec>): { properties: Record<string, PropertySpec>; required: string[] } {
  const json = inputJsonSchema();
  const properties: Record<string, PropertySpec> = {};
  for (const [key, node] of Object.entries(json.properties ?? {})) {
    if (PLUGIN_HIDDEN_INPUTS.has(key)) continue;
    const property = toProperty(node, key, pascal(key), types);
    properties[key] = SECRET_INPUTS.has(key) ? { ...property, secret: true } : property;
  }
  const required = (json.required ?? []).filter((key) => key in properties);
  return { properties, required };
}

/** Outputs that are not inputs (outputs.ts COMPUTED_KEYS), with their types. */
const COMPUTED_OUTPUTS: Record<(typeof COMPUTED_KEYS)[number], PropertySpec> = {
  instanceId: { type: "string", description: "The instance id (`ins-…`), also the resource id." },
  instanceStatus: { type: "string", description: "RUNNING, STOPPED, … (CREATE_FAILED only when a failed create could not be cleaned up)." },
  publicIpAddresses: { type: "array", items: { type: "string" }, description: "Public addresses, sorted (IPv4 numerically), so `[0]` is stable." },
  privateIpAddresses: { type: "array", items: { type: "string" }, description: "Private addresses, sorted." },
  cpuCount: { type: "integer", description: "Number of vCPUs." },
  memory: { type: "number", description: "Memory in GB." },
  imageName: { type: "string", description: "Name of the installed image." },
  createTime: { type: "string", description: "Creation time, ISO-8601 UTC." },
  expiredTime: { type: "string", description: "End of the subscription, ISO-8601 UTC (PREPAID only)." },
};

/** The system disk as reported, with its id (an output-only shape of the `systemDisk` input). */
const SYSTEM_DISK_OUTPUT: ObjectTypeSpec = {
  type: "object",
  description: "The system disk as reported by the API.",
  properties: {
    diskId: { type: "string", description: "Disk id." },
    diskSize: { type: "integer", description: "Size in GB." },
    diskCategory: { type: "string", description: "Disk category." },
  },
};

const string = (description: string): PropertySpec => ({ type: "string", description });
const integer = (description: string): PropertySpec => ({ type: "integer", description });

/** The lookups' result types. */
const LOOKUP_TYPES: Record<string, ObjectTypeSpec> = {
  Zone: {
    type: "object", description: "A zone (DescribeZones).",
    properties: { zoneId: string("Zone id, e.g. `SEL-A`."), zoneName: string("Zone name.") },
    required: ["zoneId"],
  },
  InstanceTypeOffer: {
    type: "object", description: "An instance type sellable in a zone (DescribeZoneInstanceConfigInfos).",
    properties: {
      zoneId: string("Zone id."),
      instanceType: string("Instance type, e.g. `c.1c2g`."),
      instanceTypeName: string("Display name."),
      cpuCount: integer("Number of vCPUs."),
      memory: { type: "number", description: "Memory in GB." },
      internetChargeTypes: { type: "array", items: { type: "string" }, description: "Network billing types offered." },
      internetMaxBandwidthOutLimit: integer("Highest public bandwidth in Mbps."),
    },
    required: ["zoneId", "instanceType"],
  },
  Image: {
    type: "object", description: "An image (DescribeImages).",
    properties: {
      imageId: string("Image id."),
      imageName: string("Image name."),
      imageType: string("Image type."),
      osType: string("OS type, e.g. `linux`."),
      category: string("Category, e.g. `Ubuntu`."),
      imageStatus: string("Image status."),
      imageSize: integer("Size in GB."),
    },
    required: ["imageId", "imageName"],
  },
};

const IMAGE_FILTER: Record<string, PropertySpec> = {
  zoneId: string("Only images offered in this zone."),
  osType: string("Only this OS type."),
  category: string("Only this category."),
  nameRegex: string("A regular expression (case-insensitive) the image name must match."),
};

/** Function token → inputs, outputs and description. */
export const FUNCTIONS: Record<string, { description: string; inputs: Record<string, PropertySpec>; outputs: Record<string, PropertySpec>; required: string[] }> = {
  getZones: {
    description: "Zones available to the account, optionally restricted to some ids.",
    inputs: { zoneIds: { type: "array", items: { type: "string" }, description: "Only these zones." } },
    outputs: { zones: { type: "array", items: typeRef("Zone") } },
    required: ["zones"],
  },
  getInstanceTypes: {
    description: "Instance types sellable in a zone, smallest first (by CPU, then memory): the first is the cheapest fit.",
    inputs: {
      zoneId: string("Only this zone."),
      instanceChargeType: string("`POSTPAID` (default) or `PREPAID`."),
      minCpuCount: integer("At least this many vCPUs."),
      minMemory: { type: "number", description: "At least this much memory in GB." },
    },
    outputs: { instanceTypes: { type: "array", items: typeRef("InstanceTypeOffer") } },
    required: ["instanceTypes"],
  },
  getImages: {
    description: "Images matching the filter, in the API's order.",
    inputs: IMAGE_FILTER,
    outputs: { images: { type: "array", items: typeRef("Image") } },
    required: ["images"],
  },
  getImage: {
    description: "The first image matching the filter; fails, naming the filter, when none does.",
    inputs: IMAGE_FILTER,
    outputs: LOOKUP_TYPES.Image?.properties ?? {},
    required: ["imageId", "imageName"],
  },
};

/** The provider's configuration (`zenlayer:<key>`): the same keys and precedence as settings.ts. */
export function configVariables(): Record<string, PropertySpec> {
  const variables: Record<string, PropertySpec> = {};
  for (const [name, source] of Object.entries(SETTING_SOURCES) as [keyof Settings, { config: string; env: string }][]) {
    const key = source.config.slice(`${PACKAGE_NAME}:`.length);
    const tuning = name in DEFAULT_TUNING;
    const fallback = tuning ? ` Default ${DEFAULT_TUNING[name as keyof typeof DEFAULT_TUNING]}.` : "";
    variables[key] = {
      type: tuning ? "integer" : name === "showPrices" ? "boolean" : "string",
      description: `${CONFIG_DESCRIPTIONS[name]} Falls back to the environment variable \`${source.env}\`.${fallback}`,
      ...(name === "accessKeyPassword" ? { secret: true } : {}),
    };
  }
  return variables;
}

const CONFIG_DESCRIPTIONS: Record<keyof Settings, string> = {
  accessKeyId: "Zenlayer access key id.",
  accessKeyPassword: "Zenlayer access key password.",
  domain: "API host, with an optional port. Default `console.zenlayer.com`.",
  scheme: "`https` (default) or `http`.",
  pollIntervalMs: `Shortest interval of the shared status poll (the first seconds of each status; it then grows to ${Math.round(WAITED_FRACTION * 100)} % of the time waited), in milliseconds.`,
  waitMaxIntervalMs: "Longest interval of the shared status poll, in milliseconds.",
  terminateRetryBaseMs: "First TerminateInstance retry delay, in milliseconds.",
  terminateRetryMaxMs: "Cap of the TerminateInstance retry delay, in milliseconds.",
  progressIntervalMs: "How often an unchanged wait prints a line, in milliseconds.",
  apiRetryBaseMs: "First client backoff for throttling and transient errors, in milliseconds.",
  apiRetryMaxMs: "Cap of that backoff, in milliseconds.",
  showPrices: "Print list prices in the preview. Default true.",
};

/** The whole package schema for `version`. */
export function packageSchema(version: string): Record<string, unknown> {
  const types: Record<string, ObjectTypeSpec> = {};
  const inputs = instanceInputs(types);
  const outputs: Record<string, PropertySpec> = { ...inputs.properties, ...COMPUTED_OUTPUTS, systemDisk: typeRef("InstanceSystemDisk") };
  types[`${PACKAGE_NAME}:index:InstanceSystemDisk`] = SYSTEM_DISK_OUTPUT;
  for (const [name, spec] of Object.entries(LOOKUP_TYPES)) types[`${PACKAGE_NAME}:index:${name}`] = spec;
  const config = configVariables();
  return {
    name: PACKAGE_NAME,
    displayName: "Zenlayer Cloud VM",
    version,
    // Name the generated SDKs after this project: `@zenlayer-vm/zenlayer` (Node.js),
    // `zenlayer_vm_zenlayer` (Python) and a Go module under the repository's path.
    namespace: "zenlayer-vm",
    homepage: `${REPOSITORY_URL}#readme`,
    repository: REPOSITORY_URL,
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    description: "Zenlayer Cloud virtual machine instances, with deletes that wait out creating and installing states.",
    keywords: ["pulumi", "zenlayer", "category/cloud"],
    license: "Apache-2.0",
    meta: { moduleFormat: "(.*)" },
    config: { variables: config },
    provider: { description: "The Zenlayer provider: credentials, endpoint and wait tuning.", inputProperties: config },
    types,
    resources: {
      [INSTANCE_TOKEN]: {
        description:
          "A Zenlayer Cloud VM instance. Replacements delete first; `pulumi destroy` waits while the instance is being created " +
          "or installed; `pulumi import` adopts an existing instance.",
        inputProperties: inputs.properties,
        requiredInputs: inputs.required,
        properties: outputs,
        required: ["instanceId", "instanceStatus", "publicIpAddresses", "privateIpAddresses", "zoneId", "instanceType", "imageId"],
      },
    },
    functions: Object.fromEntries(Object.entries(FUNCTIONS).map(([name, fn]) => [`${PACKAGE_NAME}:index:${name}`, {
      description: fn.description,
      inputs: { properties: fn.inputs },
      outputs: { properties: fn.outputs, required: fn.required },
    }])),
  };
}
