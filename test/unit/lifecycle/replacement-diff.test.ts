import { detailedPropertyDiff, diffInstance, replacementLine } from "../../../provider/lifecycle/diff/diff";

const olds = {
  zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", instanceName: "web-1", password: "Abcdef1!x", tags: { app: "web" },
  subnetId: "subnet-1", instanceStatus: "RUNNING", __resourceName: "web",
};

describe("what a preview says about a replacement", () => {
  it("names each input that forces it, with both values, and never the password", () => {
    const news = { ...olds, zoneId: "HKG-A", subnetId: "subnet-2", tags: { app: "api" } };
    const { replaces } = diffInstance(olds, news);
    const line = replacementLine("web", olds, news, replaces!);
    expect(line).toBe('web: replaced, because zoneId "SEL-A" → "HKG-A", subnetId "subnet-1" → "subnet-2" cannot change on a live instance: ' +
      "it is deleted, then a new instance is created (new id and addresses)");
    expect(line).not.toContain("Abcdef1!x");
  });

  it("says why a CREATE_FAILED instance is replaced", () => {
    expect(replacementLine("web", { ...olds, instanceStatus: "CREATE_FAILED" }, olds, ["instanceStatus"])).toContain("because the instance is CREATE_FAILED cannot");
  });

  it("marks per property what changes and which change forces the replacement", () => {
    expect(detailedPropertyDiff(olds, { ...olds, zoneId: "HKG-A", tags: { app: "api" }, securityGroupId: "sg-1" }))
      .toEqual({ zoneId: "update-replace", tags: "update", securityGroupId: "add" });
    expect(detailedPropertyDiff(olds, { ...olds, tags: undefined })).toEqual({ tags: "delete" });
    expect(detailedPropertyDiff(olds, olds)).toEqual({});
  });
});
