import type { InstanceInfo } from "../../../provider/client/types";
import { parseArgs } from "../../../provider/cli/zenlayer-vm";
import { describeOrphan, isTaggedFor, orphansAmong, orphansCommand } from "../../../provider/lifecycle/operations/orphans";
import { createRequest } from "../../../provider/lifecycle/operations/create";
import { parseStackRef, stackTagOf } from "../../../provider/lifecycle/inputs/stack-ref";
import { ownerTagValue } from "../../../provider/lifecycle/inputs/owner";
import { fromApiTags, stackTagValue } from "../../../provider/lifecycle/inputs/tags";
import { parseExport } from "../../../provider/lifecycle/runtime/stack-state";

const tagged = (id: string, tags: Record<string, string>, status = "RUNNING"): InstanceInfo => ({
  instanceId: id, instanceName: `name-${id}`, instanceStatus: status, createTime: "2026-01-01T00:00:00Z",
  tags: { tags: Object.entries(tags).map(([key, value]) => ({ key, value })) },
} as InstanceInfo);

describe("the stack tag", () => {
  it("is set on create from __stack, without the organization, beside the owner tag, and hidden from the user's tags", () => {
    const request = createRequest({
      zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", password: "Pw-123456!", tags: { app: "web" },
      __owner: "shop/dev/web", __stack: "acme/shop/dev",
    });
    expect(request.tags?.tags).toEqual([
      { key: "app", value: "web" }, { key: "pulumi-owner", value: "shop/dev/web" }, { key: "pulumi-stack", value: "shop/dev" },
    ]);
    expect(fromApiTags(request.tags)).toEqual({ tags: { app: "web" }, owner: "shop/dev/web", stack: "shop/dev" });
  });

  it("stays exact for long names: shortened with a digest computed from the full name, as the owner tag is", () => {
    const project = "p".repeat(40);
    const stack = "s".repeat(40);
    const value = stackTagValue(project, stack);
    expect(value.length).toBe(64);
    expect(value).toBe(stackTagOf(`org/${project}/${stack}`));
    expect(value).not.toBe(stackTagValue(project, `${stack}x`));
  });

  it("parses [organization/]project/stack and refuses anything else", () => {
    expect(parseStackRef("acme/shop/dev")).toEqual({ organization: "acme", project: "shop", stack: "dev" });
    expect(parseStackRef("shop/dev")).toEqual({ project: "shop", stack: "dev" });
    for (const bad of ["dev", "a/b/c/d", "a//b", "", undefined, 3]) expect(parseStackRef(bad)).toBeUndefined();
  });
});

describe("recognising a stack's instances", () => {
  const ref = { organization: "acme", project: "shop", stack: "dev" };

  it("by the stack tag, and by the owner tag's prefix for instances made before the stack tag existed", () => {
    expect(isTaggedFor(tagged("ins-1", { "pulumi-owner": "shop/dev/web", "pulumi-stack": "shop/dev" }), ref)).toBe(true);
    expect(isTaggedFor(tagged("ins-2", { "pulumi-owner": "shop/dev/web" }), ref)).toBe(true);
    expect(isTaggedFor(tagged("ins-3", { "pulumi-owner": "shop/dev2/web" }), ref)).toBe(false);
    expect(isTaggedFor(tagged("ins-4", { "pulumi-owner": "shop/dev/web", "pulumi-stack": "shop/prod" }), ref)).toBe(false);
    expect(isTaggedFor(tagged("ins-5", { app: "web" }), ref)).toBe(false);
  });

  it("finds a stack whose owner tags are all shortened past the stack name, through the stack tag", () => {
    const long = { organization: "acme", project: "a-project-with-a-long-name", stack: "a-stack-with-an-even-longer-name-than-that" };
    const owner = ownerTagValue(`${long.project}/${long.stack}/web`);
    expect(owner.startsWith(`${long.project}/${long.stack}/`)).toBe(false);
    const info = tagged("ins-1", { "pulumi-owner": owner, "pulumi-stack": stackTagValue(long.project, long.stack) });
    expect(isTaggedFor(info, long)).toBe(true);
    expect(isTaggedFor(info, { ...long, stack: `${long.stack}-2` })).toBe(false);
  });

  it("an orphan is a live tagged instance the state does not hold, matched to the pending create of its resource", () => {
    const state = parseExport(JSON.stringify({
      deployment: {
        resources: [{ urn: "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev" }, { id: "ins-held" }],
        pending_operations: [
          { type: "creating", resource: { urn: "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/zenlayer:Instance::late", inputs: { __owner: "shop/dev/late" } } },
          { type: "updating", resource: { urn: "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/zenlayer:Instance::held", inputs: {} } },
        ],
      },
    }));
    expect(state.pendingCreates).toEqual([{ urn: "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/zenlayer:Instance::late", owner: "shop/dev/late" }]);
    const found = orphansAmong([
      tagged("ins-held", { "pulumi-owner": "shop/dev/held", "pulumi-stack": "shop/dev" }),
      tagged("ins-late", { "pulumi-owner": "shop/dev/late", "pulumi-stack": "shop/dev" }, "PENDING"),
      tagged("ins-old", { "pulumi-owner": "shop/dev/gone-from-program" }),
    ], state);
    expect(found.map((o) => [o.info.instanceId, o.resourceName, o.pendingCreateUrn])).toEqual([
      ["ins-late", "late", "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/zenlayer:Instance::late"],
      ["ins-old", "gone-from-program", undefined],
    ]);
    const line = describeOrphan(found[0]!, ref);
    expect(line).toContain("ins-late (PENDING, name-ins-late, created 2026-01-01T00:00:00Z, for resource late) is tagged for stack shop/dev");
    expect(line).toContain("To terminate it: zenlayer-vm orphans --stack acme/shop/dev --terminate;");
    expect(line).toContain('adoptInstanceId: "ins-late"');
  });

  it("without a known organization, the command asks the CLI for the stack's full name", () => {
    expect(orphansCommand({ project: "shop", stack: "dev" }, true))
      .toBe('zenlayer-vm orphans --stack "$(pulumi stack --show-name --fully-qualify-stack-names)" --terminate');
  });
});

describe("zenlayer-vm orphans arguments", () => {
  it("takes a fully qualified stack and --terminate", () => {
    expect(parseArgs(["orphans", "--stack", "acme/shop/dev"])).toEqual({ ref: { organization: "acme", project: "shop", stack: "dev" }, terminate: false });
    expect(parseArgs(["orphans", "--stack=acme/shop/dev", "--terminate"])).toMatchObject({ terminate: true });
    expect(parseArgs(["--help"])).toBe("help");
  });

  it("refuses a stack without organization and project, unknown commands and arguments", () => {
    expect(() => parseArgs(["orphans", "--stack", "dev"])).toThrow(/--stack must be <organization>\/<project>\/<stack>/);
    expect(() => parseArgs(["orphans", "--stack", "shop/dev"])).toThrow(/--stack must be/);
    expect(() => parseArgs(["orphans"])).toThrow("--stack is required");
    expect(() => parseArgs(["prune"])).toThrow('unknown command "prune"');
    expect(() => parseArgs(["orphans", "--stack", "a/b/c", "--force"])).toThrow('unknown argument "--force"');
  });
});
