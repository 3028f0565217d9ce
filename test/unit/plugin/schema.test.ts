/**
 * The plugin's package schema is derived from the lifecycle's input schema: every input appears
 * (with a description), the secrets are marked, and the protocol translation keeps identity,
 * wait limits and secrets as the lifecycle expects them.
 */
import { inputSchema } from "../../../provider/lifecycle/inputs/inputs";
import { COMPUTED_KEYS } from "../../../provider/lifecycle/operations/outputs";
import { SETTING_SOURCES } from "../../../provider/lifecycle/runtime/settings";
import { INSTANCE_TOKEN, inputDescription, packageSchema, PLUGIN_HIDDEN_INPUTS } from "../../../provider/plugin/schema";
import { conceal, reveal, secretKeys } from "../../../provider/plugin/secrets";
import { checkInputsFor, engineAddressFrom, identityOf, importedInputs, withRequestTimeout } from "../../../provider/plugin/translate";
import { inputPaths } from "../lifecycle/helpers/input-paths";

interface Spec { type?: string; $ref?: string; secret?: boolean; description?: string; items?: Spec; properties?: Record<string, Spec>; required?: string[] }
const schema = packageSchema("1.2.3") as {
  version: string;
  config: { variables: Record<string, Spec> };
  types: Record<string, Spec>;
  resources: Record<string, { inputProperties: Record<string, Spec>; requiredInputs: string[]; properties: Record<string, Spec> }>;
  functions: Record<string, unknown>;
};
const instance = schema.resources[INSTANCE_TOKEN]!;

test("every input of the lifecycle's schema is a resource input, except the ones the plugin replaces", () => {
  const keys = Object.keys(inputSchema.shape).filter((key) => !PLUGIN_HIDDEN_INPUTS.has(key));
  expect(Object.keys(instance.inputProperties).sort()).toEqual(keys.sort());
  expect(instance.requiredInputs.sort()).toEqual(["imageId", "instanceType", "zoneId"]);
  for (const hidden of PLUGIN_HIDDEN_INPUTS) expect(instance.inputProperties).not.toHaveProperty(hidden);
});

test("every input, nested fields included, has a description written from input-docs.ts", () => {
  expect(inputPaths().filter((path) => !inputDescription(path))).toEqual([]);
  expect(instance.inputProperties.internetMaxBandwidthOut?.description).toBe(inputDescription("internetMaxBandwidthOut"));
  expect(instance.inputProperties.zoneId?.description).toBe("Zone, e.g. `SEL-A`. Changing it replaces the instance.");
  expect(schema.types["zenlayer:index:SystemDisk"]?.properties?.diskSize?.description).toBe(inputDescription("systemDisk.diskSize"));
  expect(inputDescription("instanceChargeType")).toBe(
    "Instance billing: `POSTPAID` (pay as you go) or `PREPAID` (subscription). When omitted: `POSTPAID`. Changing it replaces the instance.");
  expect(inputDescription("forceDelete")).toMatch(/When omitted: `false`\. A change is recorded without touching the instance\.$/);
});

test("types follow the input schema: integers, lists, maps and named object types", () => {
  const inputs = instance.inputProperties;
  expect(inputs.internetMaxBandwidthOut?.type).toBe("integer");
  expect(inputs.trafficPackageSize?.type).toBe("number");
  expect(inputs.instanceChargeType?.type).toBe("string");
  expect(inputs.tags).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
  expect(inputs.dataDisks).toMatchObject({ type: "array", items: { $ref: "#/types/zenlayer:index:DataDisk" } });
  expect(schema.types["zenlayer:index:DataDisk"]).toMatchObject({ required: ["diskSize"], properties: { diskSize: { type: "integer" } } });
  expect(inputs.systemDisk?.$ref).toBe("#/types/zenlayer:index:SystemDisk");
  expect(schema.types["zenlayer:index:InstanceChargePrepaid"]?.required).toEqual(["period"]);
});

test("outputs carry the inputs and every computed value; the system disk output has its id", () => {
  for (const key of COMPUTED_KEYS) expect(instance.properties).toHaveProperty(key);
  expect(instance.properties.systemDisk?.$ref).toBe("#/types/zenlayer:index:InstanceSystemDisk");
  expect(schema.types["zenlayer:index:InstanceSystemDisk"]?.properties).toHaveProperty("diskId");
});

test("secrets are marked: the password input and output, the access key password config", () => {
  expect(instance.inputProperties.password?.secret).toBe(true);
  expect(instance.properties.password?.secret).toBe(true);
  expect(schema.config.variables.accessKeyPassword?.secret).toBe(true);
  expect(schema.config.variables.accessKeyId?.secret).toBeUndefined();
  expect(Object.keys(schema.config.variables).sort()).toEqual(Object.values(SETTING_SOURCES).map((s) => s.config.replace("zenlayer:", "")).sort());
  expect(schema.config.variables.pollIntervalMs).toMatchObject({ type: "integer" });
  expect(schema.config.variables.domain?.description).toContain("ZENLAYERCLOUD_DOMAIN");
});

test("the lookups are functions", () => {
  expect(Object.keys(schema.functions).sort()).toEqual([
    "zenlayer:index:getImage", "zenlayer:index:getImages", "zenlayer:index:getInstanceTypes", "zenlayer:index:getZones",
  ]);
  expect(schema.version).toBe("1.2.3");
});

test("identity comes from the URN, timeouts is refused, the request's timeout becomes the lifecycle's limit", () => {
  const urn = "urn:pulumi:dev::shop::zenlayer:index:Instance::web-1";
  expect(identityOf(urn)).toEqual({ __owner: "shop/dev/web-1", __resourceName: "web-1", __stack: "shop/dev" });
  expect(() => identityOf("nonsense")).toThrow(/nonsense/);
  const checked = checkInputsFor(urn, { zoneId: "SEL-A", timeouts: { create: "5m" }, __owner: "forged/x/y" });
  expect(checked.inputs).toEqual({ zoneId: "SEL-A", __owner: "shop/dev/web-1", __resourceName: "web-1", __stack: "shop/dev" });
  expect(checked.failures).toEqual([expect.objectContaining({ property: "timeouts", reason: expect.stringContaining("customTimeouts") })]);
  expect(withRequestTimeout({ zoneId: "SEL-A", timeouts: { delete: "1h" } }, "delete", 300)).toEqual({ zoneId: "SEL-A", timeouts: { delete: "5m" } });
  expect(withRequestTimeout({ zoneId: "SEL-A", timeouts: { delete: "1h" } }, "delete", 0)).toEqual({ zoneId: "SEL-A" });
  expect(importedInputs("ins-1", { zoneId: "SEL-A", timeouts: {} })).toEqual({ zoneId: "SEL-A", adoptInstanceId: "ins-1" });
});

test("the engine's address is the plugin's last argument, after any flags", () => {
  expect(engineAddressFrom(["127.0.0.1:4000"])).toBe("127.0.0.1:4000");
  expect(engineAddressFrom(["--logtostderr", "-v=9", "--tracing", "http://127.0.0.1:9411", "127.0.0.1:4000"])).toBe("127.0.0.1:4000");
  expect(engineAddressFrom(["--logtostderr"])).toBeUndefined();
  expect(engineAddressFrom([])).toBeUndefined();
});

test("secret markers: revealed for the lifecycle, put back on the same keys and on the password", () => {
  const marker = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
  const wire = { password: marker("Pw-123456!"), tags: { team: marker("a") }, zoneId: "SEL-A" };
  expect(reveal(wire)).toEqual({ password: "Pw-123456!", tags: { team: "a" }, zoneId: "SEL-A" });
  expect([...secretKeys(wire)].sort()).toEqual(["password", "tags"]);
  expect(conceal({ password: "x", tags: { team: "a" }, keyId: undefined }, ["password", "tags", "keyId"])).toEqual({
    password: marker("x"), tags: marker({ team: "a" }), keyId: undefined,
  });
});
