import * as pulumi from "@pulumi/pulumi";
import { InstanceProvider, providerForPulumi } from "../../../provider";

describe("the serialized provider (__provider)", () => {
  const secret = "Sup3r-Secret-Key-Password";
  let text: string;

  beforeAll(async () => {
    process.env.ZENLAYERCLOUD_ACCESS_KEY_PASSWORD = secret;
    const provider = new InstanceProvider();
    const serialized = await pulumi.runtime.serializeFunction(() => provider);
    text = serialized.text;
    if (process.env.SHOW_PROVIDER_TEXT) console.log(`__provider: ${Buffer.byteLength(text, "utf8")} bytes\n${text}`);
  });

  afterAll(() => {
    delete process.env.ZENLAYERCLOUD_ACCESS_KEY_PASSWORD;
  });

  it("stays small (under 4 KB)", () => {
    expect(Buffer.byteLength(text, "utf8")).toBeLessThan(4096);
  });

  it("captures no secret from the environment", () => {
    expect(text).not.toContain(secret);
  });

  it("contains no zod, got or client code, only the lazy require of the implementation", () => {
    expect(text).not.toMatch(/zod|ZodType|got\.extend|signRequest|createHmac/);
    expect(text).toContain("pulumi-zenlayer-vm/dist/provider/lifecycle/provider.js");
  });

  it("is what Instance serializes where the package is not under node_modules (this checkout)", () => {
    expect(providerForPulumi()).toBeInstanceOf(InstanceProvider);
  });

  it("deserializes into a provider whose methods load the implementation", async () => {
    const module: { handler: () => InstanceProvider } = { handler: () => undefined as never };
    // The provider host does `requireFromString(text).handler()`.
    new Function("exports", "require", "module", text)(module, require, { exports: module });
    const provider = module.handler();
    const result = await provider.check({}, { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-x", keyId: "key-1" });
    expect(result.failures).toEqual([]);
  });
});
