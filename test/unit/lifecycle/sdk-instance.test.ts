import * as pulumi from "@pulumi/pulumi";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime";
import * as entry from "../../../sdk";
import { checkInputs } from "../../../provider/lifecycle/inputs/check";
import { tagProblem } from "../../../facts/rules";

const { Instance } = entry;

const registered: MockResourceArgs[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      registered.push(args);
      return { id: args.id ?? "ins-mock", state: { ...args.inputs, instanceId: args.id ?? "ins-mock", instanceStatus: "RUNNING" } };
    },
    call: () => ({}),
  }, "proj", "dev");
});

const outputOf = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply((v) => { resolve(v); return v; }));

describe("the Instance resource", () => {
  it("registers as pulumi-nodejs:dynamic/zenlayer:Instance with the owner, the name and a secret password", async () => {
    const vm = new Instance("web", { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", password: "Abcdef1!x" });
    expect(await outputOf(vm.instanceStatus)).toBe("RUNNING");
    expect(await outputOf(vm.zoneId)).toBe("SEL-A");
    expect(pulumi.isSecret(vm.password)).toBeTruthy();
    const args = registered.find((r) => r.name === "web") as MockResourceArgs;
    expect(args.type).toBe("pulumi-nodejs:dynamic/zenlayer:Instance");
    expect(args.inputs).toMatchObject({ __owner: "proj/dev/web", __resourceName: "web", zoneId: "SEL-A" });
    expect(typeof args.inputs.__provider).toBe("string");
    expect(args.inputs.__provider).not.toContain("Abcdef1!x");
  });

  it("hands the lifecycle the whole identity; its check keeps the owner tag within Zenlayer's 64-character tag values", async () => {
    const name = `web-${"x".repeat(80)}`;
    new Instance(name, { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", password: "Abcdef1!x" });
    await new Promise((resolve) => setImmediate(resolve));
    const identity = (registered.find((r) => r.name === name) as MockResourceArgs).inputs.__owner as string;
    expect(identity).toBe(`proj/dev/${name}`);
    const owner = checkInputs({}, { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", password: "Abcdef1!x", __owner: identity }).inputs?.__owner as string;
    expect(owner).toMatch(/^proj\/dev\/web-x+~[0-9a-f]{12}$/);
    expect(tagProblem("pulumi-owner", owner)).toBeUndefined();
  });

  it("looks an existing instance up by id with Instance.get", async () => {
    const found = Instance.get("existing", "ins-existing");
    expect(await outputOf(found.instanceId)).toBe("ins-existing");
    const args = registered.find((r) => r.name === "existing") as MockResourceArgs;
    expect(args.id).toBe("ins-existing");
    expect(args.inputs.__owner).toBeUndefined();
  });

  it("registers without stack frames on the SDK's promises, and leaves the process's stack trace limit as it was", async () => {
    const before = Error.stackTraceLimit;
    Error.stackTraceLimit = 25;
    try {
      let inside: number | undefined;
      // Read while the resource registers: the options are copied for Pulumi inside the same window.
      const opts: pulumi.CustomResourceOptions = {};
      Object.defineProperty(opts, "protect", { enumerable: true, get: () => { inside = Error.stackTraceLimit; return false; } });
      const vm = new Instance("limit", { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", password: "Abcdef1!x" }, opts);
      expect(Error.stackTraceLimit).toBe(25);
      expect(inside).toBe(0);
      expect(await outputOf(vm.instanceStatus)).toBe("RUNNING");
    } finally {
      Error.stackTraceLimit = before;
    }
  });

  it("exports the provider class and the lookups from the package entry", async () => {
    expect(typeof entry.InstanceProvider).toBe("function");
    expect(typeof entry.getImage).toBe("function");
    expect(new entry.InstanceProvider()).toBeInstanceOf(entry.InstanceProvider);
  });
});
